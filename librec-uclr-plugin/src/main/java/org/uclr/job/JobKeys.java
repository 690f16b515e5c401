package org.uclr.job;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeyConstraint;
import org.uclr.config.KeySet;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Job keys ({@code rec.*}) and the LibRec keys a job accepts. This set owns the {@code rec.}
 * namespace: a {@code rec.*} key no component declares is reported as unknown.
 */
public final class JobKeys implements KeySet {
    private static final Pattern RUN_NAME_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    public static final ConfigKey<String> RECOMMENDER = ConfigKey.ofString("rec.recommender.class", null,
            "recommender class, fully qualified (e.g. org.uclr.model.bprmf.BPRMFRecommender), or its alias in bin/librec "
                    + "and LibRec's RecDriver alike: uclr, bprmf, neumf, lightgcn, catart, mostpop, herograph, gamtcdr");
    public static final ConfigKey<String> OUTPUT_DIR = ConfigKey.ofString("rec.output.dir", "",
            "where results.json goes (default reports/runs/<dataset>/<model>/seed-<seed>)");
    public static final ConfigKey<String> RUN_NAME = ConfigKey.ofString("rec.run.name", "",
            "the run's name in its output directory, results.json and leaderboard rows (default: the model's own, "
                    + "e.g. uclr, bprmf-global, uclr-pge-lightgcn); set it to put two settings of one model side by side");
    public static final ConfigKey<Boolean> IS_RANKING = ConfigKey.ofBoolean("rec.recommender.isranking", true,
            "LibRec's ranking switch; this project only ranks (LibRec's own default is false: "
                    + "a file for LibRec's RecDriver sets it)");
    public static final ConfigKey<Boolean> VERBOSE = ConfigKey.ofBoolean("rec.recommender.verbose", true,
            "LibRec's verbosity switch (progress is always logged at INFO)");
    public static final ConfigKey<Boolean> EARLY_STOP = ConfigKey.ofBoolean("rec.recommender.earlystop", true,
            "LibRec's early-stop switch (models early-stop on validation NDCG@10 with their patience key)");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(RECOMMENDER, OUTPUT_DIR, RUN_NAME, IS_RANKING, VERBOSE, EARLY_STOP);
    }

    @Override
    public List<String> ownedPrefixes() {
        return List.of("rec.");
    }

    /** LibRec switches this project cannot turn off: accepting false would silently do the opposite. */
    @Override
    public List<KeyConstraint> constraints() {
        return List.of(
                KeyConstraint.of("`rec.run.name` is empty or a file name: letters, digits, '.', '_', '-'", List.of(RUN_NAME),
                        v -> v.get(RUN_NAME).isEmpty() || RUN_NAME_PATTERN.matcher(v.get(RUN_NAME)).matches() ? null
                                : v.show(RUN_NAME) + ": a run name is a directory name and a table row; use letters, "
                                + "digits, '.', '_' and '-', starting with a letter or digit"),
                KeyConstraint.of("`rec.recommender.isranking=true`: this project only ranks", List.of(IS_RANKING),
                        v -> v.get(IS_RANKING) ? null : v.show(IS_RANKING) + ": this project only ranks sampled "
                                + "candidates (implicit feedback); it predicts no ratings"),
                KeyConstraint.of("`rec.recommender.earlystop=true`: every model early-stops", List.of(EARLY_STOP),
                        v -> v.get(EARLY_STOP) ? null : v.show(EARLY_STOP) + ": every model early-stops on validation "
                                + "NDCG@10; to train a fixed number of epochs, set the model's patience to its epoch limit"));
    }
}
