package org.uclr.leaderboard;

import org.uclr.util.Durations;

import java.util.Locale;

/**
 * The leaderboard's progress line: jobs done of the total (reused runs count as done, and so do jobs
 * that failed for good) and an ETA from the mean wall time of the jobs trained so far in this
 * invocation, for {@code slots} jobs running at once (1 for the local runner, the cores of a Spark
 * cluster divided by the cores of a task). Safe to call from a Spark listener thread.
 */
public final class JobProgress {
    private final int total;
    private int slots = 1;
    private int done;
    private int failed;
    private int trained;
    private double trainedSeconds;

    /**
     * @param total  every job of the leaderboard
     * @param reused jobs already finished (reused runs)
     */
    public JobProgress(int total, int reused) {
        this.total = total;
        this.done = reused;
    }

    /** How many jobs run at the same time (at least 1); the ETA divides the jobs left among them. */
    public synchronized void slots(int slots) {
        this.slots = Math.max(1, slots);
    }

    /** Records a job that just finished after {@code seconds} of wall time; returns the progress line. */
    public synchronized String finished(String label, double seconds) {
        done++;
        trained++;
        trainedSeconds += seconds;
        return String.format(Locale.ROOT, "leaderboard: %d/%d jobs done%s; %s took %s; ETA %s", done, total,
                failedText(), label, duration(seconds), eta());
    }

    /** Records a job that failed for good (no attempt left); it counts as done, its time not in the mean. */
    public synchronized String failed(String label, String why) {
        done++;
        failed++;
        return String.format(Locale.ROOT, "leaderboard: %d/%d jobs done%s; %s FAILED: %s; ETA %s", done, total,
                failedText(), label, why, eta());
    }

    /**
     * Seconds until every job is done, or NaN before the first trained job: the mean wall time of a
     * trained job times the rounds of {@code slots} jobs still to run.
     */
    public synchronized double etaSeconds() {
        if (trained == 0) {
            return Double.NaN;
        }
        int rounds = (total - done + slots - 1) / slots;
        return rounds * trainedSeconds / trained;
    }

    private String failedText() {
        return failed == 0 ? "" : " (" + failed + " failed)";
    }

    private String eta() {
        double eta = etaSeconds();
        return done == total ? "none (all done)" : Double.isNaN(eta) ? "unknown" : duration(eta);
    }

    /** "42s", "3m07s", "2h15m" ({@link Durations}). */
    public static String duration(double seconds) {
        return Durations.text(seconds);
    }
}
