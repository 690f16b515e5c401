package org.uclr.eval;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeySet;

import java.util.List;

/** Evaluation keys ({@code rec.eval.*}). */
public final class EvalKeys implements KeySet {
    public static final ConfigKey<Boolean> ENABLE = ConfigKey.ofBoolean("rec.eval.enable", true,
            "evaluate the test candidates after training");
    public static final ConfigKey<List<String>> CLASSES = ConfigKey.ofList("rec.eval.classes",
            List.of(MRREvaluator.class.getName(), HitRatioEvaluator.class.getName(), NDCGEvaluator.class.getName()),
            "LibRec evaluator classes (fully qualified)");
    public static final ConfigKey<List<Integer>> TOPN = ConfigKey.ofIntList("rec.eval.topn", List.of(10, 20), 1, 100_000,
            "cutoffs K of MRR@K, HR@K, NDCG@K");
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
}
