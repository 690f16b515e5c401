package org.uclr.engine;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.List;
import java.util.Locale;

/**
 * One log line per epoch with what a user wants: epoch, loss, validation NDCG@10 (and per domain when
 * a stage serves several), the best so far, seconds and an ETA (an upper bound: early stopping may end
 * training sooner). Within an epoch that runs longer than a minute (node2vec's single epoch over every
 * walk: 5-12 minutes on Douban Books), a line at most once a minute with the steps done and the epoch's ETA,
 * so a long stage is never silent.
 */
final class TrainingProgress {
    private static final Logger LOG = LogManager.getLogger(Trainer.class);
    /** Least time between two in-epoch lines (nanoseconds). */
    static final long STEP_LINE_INTERVAL_NANOS = 60_000_000_000L;

    private final String label;
    private final int maxEpochs;
    private final long start = System.nanoTime();
    private long lastEpochEnd = start;
    private long lastLine = start;

    TrainingProgress(String label, int maxEpochs) {
        this.label = label;
        this.maxEpochs = maxEpochs;
    }

    /**
     * After a step within an epoch: logs {@link #stepLine} when a minute has passed since the last line of any kind.
     *
     * @param done  steps of this epoch done (1-based)
     * @param total steps of this epoch
     */
    void step(int epoch, int done, int total) {
        long now = System.nanoTime();
        if (now - lastLine < STEP_LINE_INTERVAL_NANOS || done >= total) {
            return;
        }
        lastLine = now;
        LOG.info(stepLine(label, epoch, maxEpochs, done, total, (now - lastEpochEnd) / 1e9));
    }

    /**
     * "[label] epoch e/E: step k/n (p %), s into the epoch, ETA of the epoch t", the ETA from the mean step so far.
     *
     * @param seconds seconds since the epoch began
     */
    static String stepLine(String label, int epoch, int maxEpochs, int done, int total, double seconds) {
        double left = done == 0 ? Double.NaN : seconds / done * (total - done);
        return String.format(Locale.ROOT, "[%s] epoch %d/%d: step %d/%d (%.0f %%), %s into the epoch, ETA of the epoch %s",
                label, epoch, maxEpochs, done, total, 100.0 * done / total, duration(seconds),
                Double.isNaN(left) ? "unknown" : duration(left));
    }

    /** Logs a finished epoch (1-based). */
    void epoch(int epoch, double loss, double signal, double best, int bestEpoch, List<String> domains, double[] values) {
        long now = System.nanoTime();
        double seconds = (now - lastEpochEnd) / 1e9;
        lastEpochEnd = now;
        lastLine = now;
        double perEpoch = (now - start) / 1e9 / epoch;
        StringBuilder perDomain = new StringBuilder();
        if (domains.size() > 1) {
            perDomain.append(" [");
            for (int k = 0; k < domains.size(); k++) {
                perDomain.append(k == 0 ? "" : " ").append(domains.get(k))
                        .append(String.format(Locale.ROOT, " %.4f", values[k]));
            }
            perDomain.append(']');
        }
        LOG.info(String.format(Locale.ROOT, "[%s] epoch %d/%d loss %.5f val NDCG@10 %.4f (best %.4f @%d)%s %.2fs ETA <= %s",
                label, epoch, maxEpochs, loss, signal, best, bestEpoch, perDomain, seconds,
                duration(perEpoch * (maxEpochs - epoch))));
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format("%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format("%02d", (s % 3600) / 60) + "m";
    }
}
