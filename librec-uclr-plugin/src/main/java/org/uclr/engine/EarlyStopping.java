package org.uclr.engine;

/**
 * Stops training when the validation metric has not improved for {@code patience} evaluations.
 * The caller keeps the parameters of the best evaluation (it is told when one happens).
 */
public final class EarlyStopping {
    private final int patience;
    private double best = Double.NEGATIVE_INFINITY;
    private int bestEpoch = -1;
    private int sinceBest;

    public EarlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1");
        }
        this.patience = patience;
    }

    /** Records an evaluation; returns true when it is a new best (keep these parameters). */
    public boolean record(int epoch, double metric) {
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

    public boolean shouldStop() {
        return sinceBest >= patience;
    }

    public double best() {
        return best;
    }

    public int bestEpoch() {
        return bestEpoch;
    }
}
