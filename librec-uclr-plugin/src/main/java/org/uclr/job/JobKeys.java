package org.uclr.job;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeySet;

import java.util.List;

/**
 * Job keys ({@code rec.*}) and the LibRec keys a job accepts. This set owns the {@code rec.}
 * namespace: a {@code rec.*} key no component declares is reported as unknown.
 */
public final class JobKeys implements KeySet {
    public static final ConfigKey<String> RECOMMENDER = ConfigKey.ofString("rec.recommender.class", null,
            "recommender class, fully qualified (e.g. org.uclr.model.bprmf.BPRMFRecommender)");
    public static final ConfigKey<String> OUTPUT_DIR = ConfigKey.ofString("rec.output.dir", "",
            "where results.json goes (default reports/runs/<dataset>/<model>/seed-<seed>)");
    public static final ConfigKey<Boolean> IS_RANKING = ConfigKey.ofBoolean("rec.recommender.isranking", true,
            "LibRec's ranking switch; this project only ranks");
    public static final ConfigKey<Boolean> VERBOSE = ConfigKey.ofBoolean("rec.recommender.verbose", true,
            "LibRec's verbosity switch (progress is always logged at INFO)");
    public static final ConfigKey<Boolean> EARLY_STOP = ConfigKey.ofBoolean("rec.recommender.earlystop", true,
            "LibRec's early-stop switch (models early-stop on validation NDCG@10 with their patience key)");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(RECOMMENDER, OUTPUT_DIR, IS_RANKING, VERBOSE, EARLY_STOP);
    }

    @Override
    public List<String> ownedPrefixes() {
        return List.of("rec.");
    }
}
