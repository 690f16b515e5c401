package org.uclr.leaderboard;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs a leaderboard's jobs that could not be reused, each exactly as {@code librec rec} would, writing
 * into the job's run directory; the leaderboard then writes the report from the run directories, so the
 * report does not depend on where the jobs ran.
 */
public interface JobExecutor {

    /**
     * A job that did not finish.
     *
     * @param job      the (model, seed) job
     * @param attempts how many times it was tried
     * @param reason   the error, one line
     * @param log      the job's log file, or null when its output went to this process's log
     */
    record Failure(LeaderboardJob job, int attempts, String reason, Path log) {
        public String describe() {
            return job.label() + " (" + job.modelFile() + ") failed after " + attempts + " attempt(s): " + reason
                    + (log == null ? "" : "; log: " + log);
        }
    }

    /**
     * Runs {@code jobs}, logging each finished job through {@code progress}.
     *
     * @return the jobs that failed for good; the others wrote their results.json
     * @throws org.uclr.UclrException when the executor cannot run the jobs at all (or, for the local
     *                                executor, the first failing job's error)
     */
    List<Failure> run(List<LeaderboardJob> jobs, JobProgress progress);
}
