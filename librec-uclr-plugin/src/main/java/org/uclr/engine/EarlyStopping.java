package org.uclr.engine;

/**
 * Best-so-far bookkeeping of one validation signal: stop when it has not improved for {@code patience}
 * evaluations. The {@link Trainer} keeps one per selection signal.
 */
final class EarlyStopping {
    private final int patience;
    private double best = Double.NEGATIVE_INFINITY;
    private int bestEpoch = -1;
    private int sinceBest;

    EarlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1");
        }
        this.patience = patience;
    }

    /** Records an evaluation; returns true when it is a new best (keep these parameters). */
    boolean record(int epoch, double metric) {
        if (Double.isNaN(metric)) {
            throw new IllegalStateException("validation metric is NaN at epoch " + epoch);
        }
        if (metric > best) {
            best = metric;
            bestEpoch = epoch;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    boolean shouldStop() {
        return sinceBest >= patience;
    }

    double best() {
        return best;
    }

    int bestEpoch() {
        return bestEpoch;
    }
}
