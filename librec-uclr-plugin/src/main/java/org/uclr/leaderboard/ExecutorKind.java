package org.uclr.leaderboard;

/** Where a leaderboard's jobs run ({@code leaderboard.executor}). */
public enum ExecutorKind {
    /** One after another in the leaderboard's own JVM ({@link LocalExecutor}). */
    LOCAL,
    /** As the tasks of one Spark job, each in a JVM of its own on an executor (org.uclr.leaderboard.spark). */
    SPARK
}
