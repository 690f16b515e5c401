package org.uclr.eval;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeyConstraint;
import org.uclr.config.KeySet;
import org.uclr.data.DataKeys;

import java.util.List;

/** Evaluation keys ({@code rec.eval.*}). */
public final class EvalKeys implements KeySet {
    public static final ConfigKey<Boolean> ENABLE = ConfigKey.ofBoolean("rec.eval.enable", true,
            "evaluate the test candidates after training");
    public static final ConfigKey<List<String>> CLASSES = ConfigKey.ofList("rec.eval.classes",
            List.of(MRREvaluator.class.getName(), HitRatioEvaluator.class.getName(), NDCGEvaluator.class.getName()),
            "evaluators, as LibRec names them (ndcg, hitrate, mrr or rr, precision, recall, auc) or by class (LibRec's or org.uclr.eval's)");
    public static final ConfigKey<List<Integer>> TOPN = ConfigKey.ofIntList("rec.eval.topn", List.of(10, 20), 1, 100_000,
            "cutoffs K of MRR@K, HR@K, NDCG@K (and Precision@K, Recall@K)");
    public static final ConfigKey<Boolean> DUMP = ConfigKey.ofBoolean("rec.eval.dump", false,
            "write candidates.tsv (every sampled test candidate with its score, positive first) and, under the full protocol, "
                    + "full-ranks.tsv (each positive's score and counts), for independent recomputation");
    public static final ConfigKey<Integer> LOW_ACTIVITY_MAX = ConfigKey.ofInt("rec.eval.lowactivity.max", 2, 0, 1_000_000,
            "users with at most this many training interactions in a domain form its low-activity view");
    public static final ConfigKey<EvalProtocol> PROTOCOL = ConfigKey.ofEnum("rec.eval.protocol", EvalProtocol.class,
            EvalProtocol.SAMPLED, "sampled: the positive against its sampled negatives; full: against every item of the "
                    + "domain except the user's training and validation items; both: each, labelled");
    public static final ConfigKey<Integer> ACTIVITY_GROUPS = ConfigKey.ofInt("rec.eval.activity.groups", 9, 1, 1000,
            "equal-sized user groups by training interactions in the domain, most active first (paper Fig. 5)");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(ENABLE, CLASSES, TOPN, DUMP, LOW_ACTIVITY_MAX, ACTIVITY_GROUPS, PROTOCOL);
    }

    @Override
    public List<String> ownedPrefixes() {
        return List.of();
    }

    @Override
    public List<KeyConstraint> constraints() {
        return List.of(
                KeyConstraint.of("`rec.eval.topn` names each cutoff once", List.of(TOPN),
                        v -> v.get(TOPN).stream().distinct().count() < v.get(TOPN).size()
                                ? v.show(TOPN) + " names a cutoff twice; each is one column of the results" : null),
                KeyConstraint.of("every cutoff of `rec.eval.topn` <= `data.eval.negatives`: with K >= the 1 + N "
                                + "candidates every candidate is in the top K", List.of(TOPN, DataKeys.NEGATIVES),
                        v -> v.get(TOPN).stream().anyMatch(k -> k > v.get(DataKeys.NEGATIVES))
                                ? v.show(TOPN) + " has a cutoff K above " + v.show(DataKeys.NEGATIVES) + ": with "
                                + (v.get(DataKeys.NEGATIVES) + 1) + " candidates per user every candidate is in the top K, "
                                + "so HR@K would be 1 for any model" : null));
    }
}
