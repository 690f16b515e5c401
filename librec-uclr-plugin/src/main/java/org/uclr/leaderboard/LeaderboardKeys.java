package org.uclr.leaderboard;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeySet;

import java.util.List;

/**
 * Keys of a leaderboard configuration ({@code leaderboard.*}). Every other key in a leaderboard file
 * is a shared override applied to every job; see {@link LeaderboardConfig}.
 */
public final class LeaderboardKeys implements KeySet {
    public static final ConfigKey<List<String>> MODELS = ConfigKey.ofList("leaderboard.models", null,
            "model configuration files, one per leaderboard row (looked up beside this file, then under conf/)");
    public static final ConfigKey<List<Integer>> SEEDS = ConfigKey.ofIntList("leaderboard.seeds", List.of(1, 2, 3, 4, 5),
            0, Integer.MAX_VALUE, "rec.random.seed of each job; every model runs every seed");
    public static final ConfigKey<List<String>> METRICS = ConfigKey.ofList("leaderboard.metrics",
            List.of("MRR@10", "HR@10", "NDCG@10", "MRR@20", "HR@20", "NDCG@20"),
            "table columns, as named in results.json");
    public static final ConfigKey<String> GROUP_METRIC = ConfigKey.ofString("leaderboard.group.metric", "NDCG@10",
            "the metric of the activity-group table and figure");
    public static final ConfigKey<String> REFERENCE = ConfigKey.ofString("leaderboard.reference", "uclr",
            "run name tested against the best baseline; runs of its family (the name up to the first '-', e.g. uclr "
                    + "and uclr-* for uclr-lightgcn) are configurations of the same model, not baselines");
    public static final ConfigKey<Double> ALPHA = ConfigKey.ofDouble("leaderboard.alpha", 0.05, 1e-9, 0.5,
            "significance level of the paired test");
    public static final ConfigKey<String> OUTPUT_ROOT = ConfigKey.ofString("leaderboard.output.root", "reports",
            "reports go to <root>/<dataset>/, runs to <root>/runs/<dataset>/<run>/seed-<seed>");
    public static final ConfigKey<ReusePolicy> REUSE = ConfigKey.ofEnum("leaderboard.reuse", ReusePolicy.class,
            ReusePolicy.EXACT, "exact: reuse a finished run when its effective configuration and code version match; "
                    + "config: the configuration alone (the report then lists every code version used)");
    public static final ConfigKey<Boolean> TRAIN = ConfigKey.ofBoolean("leaderboard.train", true,
            "false: only write the report from reusable runs, never train (missing runs are listed)");

    public static final ConfigKey<ExecutorKind> EXECUTOR = ConfigKey.ofEnum("leaderboard.executor", ExecutorKind.class,
            ExecutorKind.LOCAL, "local: the jobs on this machine, leaderboard.parallel at a time; spark: one Spark job "
                    + "whose tasks each run one (model, seed) job (needs the Spark build, see Running on a cluster)");
    public static final ConfigKey<Integer> PARALLEL = ConfigKey.ofInt("leaderboard.parallel", 1, 1, 256,
            "jobs the local executor runs at the same time: 1, one after another in this JVM; N > 1, each in a JVM "
                    + "of its own with the jobs' rec.threads (keep N x rec.threads within the cores), a failed job "
                    + "not stopping the others");
    public static final ConfigKey<String> SPARK_MASTER = ConfigKey.ofString("leaderboard.spark.master", "",
            "Spark master URL for leaderboard.executor=spark (spark://host:7077, local[2]); empty: spark-submit's "
                    + "--master (the spark.master property)");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(MODELS, SEEDS, METRICS, GROUP_METRIC, REFERENCE, ALPHA, OUTPUT_ROOT, REUSE, TRAIN, EXECUTOR,
                PARALLEL, SPARK_MASTER);
    }

    @Override
    public List<String> ownedPrefixes() {
        return List.of("leaderboard.");
    }
}
