package org.uclr.leaderboard;

/** Where a leaderboard's jobs run ({@code leaderboard.executor}). */
public enum ExecutorKind {
    /**
     * On this machine: one after another in the leaderboard's own JVM ({@link LocalExecutor}), or with
     * {@code leaderboard.parallel} > 1 that many at a time, each in a JVM of its own ({@link ParallelExecutor}).
     */
    LOCAL,
    /** As the tasks of one Spark job, each in a JVM of its own on an executor (org.uclr.leaderboard.spark). */
    SPARK
}
