package org.uclr.leaderboard;

import org.uclr.util.Durations;

import java.util.Locale;

/**
 * The leaderboard's progress line: jobs done of the total (reused runs count as done) and an ETA
 * from the mean wall time of the jobs trained so far in this invocation.
 */
public final class JobProgress {
    private final int total;
    private int done;
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

    /** Records a job that just finished after {@code seconds} of wall time; returns the progress line. */
    public String finished(String label, double seconds) {
        done++;
        trained++;
        trainedSeconds += seconds;
        return String.format(Locale.ROOT, "leaderboard: %d/%d jobs done; %s took %s; ETA %s", done, total, label,
                duration(seconds), eta());
    }

    /** Seconds until every job is done, or NaN before the first trained job. */
    public double etaSeconds() {
        return trained == 0 ? Double.NaN : (total - done) * trainedSeconds / trained;
    }

    private String eta() {
        double eta = etaSeconds();
        return Double.isNaN(eta) ? "unknown" : done == total ? "none (all done)" : duration(eta);
    }

    /** "42s", "3m07s", "2h15m" ({@link Durations}). */
    public static String duration(double seconds) {
        return Durations.text(seconds);
    }
}
