package org.uclr.leaderboard.spark;

import org.apache.spark.TaskContext;
import org.uclr.leaderboard.JobLauncher;
import scala.collection.Iterator;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One (model, seed) job as a Spark task's input.
 *
 * @param index   its position in the leaderboard's list of jobs to run (its partition)
 * @param label   "bprmf seed 1"
 * @param runName the run name the child looks the job up by
 * @param seed    rec.random.seed
 * @param log     absolute path of the job's log file (in its run directory)
 */
record JobTask(int index, String label, String runName, long seed, String log) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * A task's result.
     *
     * @param ok       whether the job wrote its results.json
     * @param attempts the attempt that ended it (1 = first)
     * @param seconds  wall time of that attempt
     * @param reason   why it failed, "" when ok
     */
    record Outcome(boolean ok, int attempts, double seconds, String reason) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The task's function, run on an executor for the one job of its partition. An attempt that fails
     * throws while Spark has attempts left, so Spark retries it; the last one returns its failure.
     */
    static final class Run extends AbstractFunction1<Iterator<JobTask>, Outcome> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final JobLauncher launcher;
        private final int maxAttempts;

        Run(JobLauncher launcher, int maxAttempts) {
            this.launcher = launcher;
            this.maxAttempts = maxAttempts;
        }

        @Override
        public Outcome apply(Iterator<JobTask> partition) {
            JobTask task = partition.next();
            TaskContext context = TaskContext.get();
            int attempt = (context == null ? 0 : context.attemptNumber()) + 1;
            JobLauncher.Result r;
            try {
                r = launcher.run(task.runName(), task.seed(), Path.of(task.log()), task.label() + ": attempt " + attempt
                        + " of " + maxAttempts + " on " + host() + " at " + Instant.now());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(task.label() + ": interrupted (Spark killed the task)", e);
            }
            if (r.ok()) {
                return new Outcome(true, attempt, r.seconds(), "");
            }
            if (attempt < maxAttempts) {
                throw new IllegalStateException(task.label() + " failed on attempt " + attempt + " of " + maxAttempts
                        + ": " + r.reason() + "; log: " + task.log());
            }
            return new Outcome(false, attempt, r.seconds(), r.reason());
        }

        private static String host() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "unknown host";
            }
        }
    }
}
