package org.uclr.engine;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One log line per epoch with what a user wants: epoch, loss, validation NDCG@10, seconds and an
 * ETA (an upper bound: early stopping may end training sooner).
 */
public final class TrainingProgress {
    private static final Logger LOG = LogManager.getLogger(TrainingProgress.class);

    private final String label;
    private final int maxEpochs;
    private final long start = System.nanoTime();
    private long lastEpochEnd = start;

    public TrainingProgress(String label, int maxEpochs) {
        this.label = label;
        this.maxEpochs = maxEpochs;
    }

    /** Logs a finished epoch (1-based). */
    public void epoch(int epoch, double loss, double validationNdcg10, EarlyStopping stopping) {
        long now = System.nanoTime();
        double seconds = (now - lastEpochEnd) / 1e9;
        lastEpochEnd = now;
        double perEpoch = (now - start) / 1e9 / epoch;
        LOG.info(String.format("[%s] epoch %d/%d loss %.5f val NDCG@10 %.4f (best %.4f @%d) %.2fs ETA <= %s",
                label, epoch, maxEpochs, loss, validationNdcg10, stopping.best(), stopping.bestEpoch(), seconds,
                duration(perEpoch * (maxEpochs - epoch))));
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
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
