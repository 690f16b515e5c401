package org.uclr.engine;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.List;
import java.util.Locale;

/**
 * One log line per epoch with what a user wants: epoch, loss, validation NDCG@10 (and per domain when
 * a stage serves several), the best so far, seconds and an ETA (an upper bound: early stopping may end
 * training sooner).
 */
final class TrainingProgress {
    private static final Logger LOG = LogManager.getLogger(Trainer.class);

    private final String label;
    private final int maxEpochs;
    private final long start = System.nanoTime();
    private long lastEpochEnd = start;

    TrainingProgress(String label, int maxEpochs) {
        this.label = label;
        this.maxEpochs = maxEpochs;
    }

    /** Logs a finished epoch (1-based). */
    void epoch(int epoch, double loss, double signal, double best, int bestEpoch, List<String> domains, double[] values) {
        long now = System.nanoTime();
        double seconds = (now - lastEpochEnd) / 1e9;
        lastEpochEnd = now;
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
