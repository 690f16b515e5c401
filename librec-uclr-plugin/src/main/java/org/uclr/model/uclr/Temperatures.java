package org.uclr.model.uclr;

import org.uclr.engine.Restorable;

/**
 * Per-user temperature state of the user-aware contrastive loss, updated as in iSogCLR: a moving
 * average u_i of g_i = mean_k exp(h_ik / tau_i) (kept as log u_i for range), and tau_i moved against
 * dF/dtau_i = log u_i + rho - mean_k w_ik h_ik / tau_i with a moving-average gradient, then clipped.
 * In global mode one tau is shared, moved by the mean of the batch users' gradients; u_i stays per user.
 * Bookkeeping is per user, O(batch) on the host; the O(batch^2) work stays in tensors.
 */
public final class Temperatures implements Restorable<Temperatures> {
    private final TemperatureSettings cfg;
    private final double[] tau;
    private final double[] tauGradient;
    private final double[] logU;
    private final boolean[] seen;
    /** Per-user rho_i ({@link #personalize} with a rho power), else null: the settings' one rho. */
    private double[] rho;

    public Temperatures(int numUsers, TemperatureSettings cfg) {
        this.cfg = cfg;
        int numTaus = cfg.mode() == TemperatureMode.GLOBAL ? 1 : numUsers;
        tau = new double[numTaus];
        tauGradient = new double[numTaus];
        java.util.Arrays.fill(tau, cfg.init());
        logU = new double[numUsers];
        seen = new boolean[numUsers];
    }

    private Temperatures(Temperatures other) {
        cfg = other.cfg;
        tau = other.tau.clone();
        tauGradient = other.tauGradient.clone();
        logU = other.logU.clone();
        seen = other.seen.clone();
        rho = other.rho == null ? null : other.rho.clone();
    }

    /**
     * Applies the user-dependent rules of the settings (beyond the paper) from each user's signal c_i &gt; 0
     * (activity or embedding norm), relative to the geometric mean of c, rel_i = c_i / geomean(c): a per-user
     * rho_i = rho rel_i^(-rhoPower) when rhoPower != 0 (iSogCLR's update settles tau_i where the KL of the
     * user's similarity softmax equals rho_i, so this moves each user's fixed point), and for
     * {@link TemperatureMode#PRIOR} the fixed tau_i = clip(init rel_i^priorPower, min, max).
     *
     * @param signal c_i of every user (global index)
     * @throws IllegalArgumentException if a signal is not positive or the length is not the number of users
     */
    public void personalize(double[] signal) {
        if (signal.length != logU.length) {
            throw new IllegalArgumentException("signal of " + signal.length + " users for " + logU.length);
        }
        double logMean = 0;
        for (double c : signal) {
            if (!(c > 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("a temperature signal must be positive and finite, got " + c);
            }
            logMean += Math.log(c) / signal.length;
        }
        if (cfg.rhoPower() != 0) {
            rho = new double[signal.length];
            for (int u = 0; u < signal.length; u++) {
                rho[u] = cfg.rho() * Math.exp(-cfg.rhoPower() * (Math.log(signal[u]) - logMean));
            }
        }
        if (cfg.mode() == TemperatureMode.PRIOR) {
            for (int u = 0; u < signal.length; u++) {
                double t = cfg.init() * Math.exp(cfg.priorPower() * (Math.log(signal[u]) - logMean));
                tau[u] = Math.min(cfg.max(), Math.max(cfg.min(), t));
            }
        }
    }

    /** rho of one user: the settings' rho unless {@link #personalize} set per-user values. */
    public double rho(int user) {
        return rho == null ? cfg.rho() : rho[user];
    }

    /** An independent copy (e.g. one per domain in the finetune). */
    public Temperatures copy() {
        return new Temperatures(this);
    }

    @Override
    public Temperatures snapshot() {
        return copy();
    }

    @Override
    public void restore(Temperatures saved) {
        System.arraycopy(saved.tau, 0, tau, 0, tau.length);
        System.arraycopy(saved.tauGradient, 0, tauGradient, 0, tauGradient.length);
        System.arraycopy(saved.logU, 0, logU, 0, logU.length);
        System.arraycopy(saved.seen, 0, seen, 0, seen.length);
    }

    public TemperatureSettings settings() {
        return cfg;
    }

    private int slot(int user) {
        return tau.length == 1 ? 0 : user;
    }

    public double tau(int user) {
        return tau[slot(user)];
    }

    /** The batch users' temperatures. */
    public float[] tauOf(int[] users) {
        float[] out = new float[users.length];
        for (int b = 0; b < users.length; b++) {
            out[b] = (float) tau[slot(users[b])];
        }
        return out;
    }

    /**
     * Folds this batch's log g_i into the moving averages; u_i = g_i on a user's first visit.
     *
     * @return log u_i of the batch users after the update
     */
    public double[] updateMovingAverage(int[] users, double[] logG) {
        double[] out = new double[users.length];
        double logKeep = Math.log(1 - cfg.gamma());
        double logNew = Math.log(cfg.gamma());
        for (int b = 0; b < users.length; b++) {
            int u = users[b];
            if (!seen[u] || cfg.gamma() >= 1) {
                logU[u] = logG[b];
                seen[u] = true;
            } else if (cfg.gamma() > 0) {
                logU[u] = logAddExp(logKeep + logU[u], logNew + logG[b]);
            }
            out[b] = logU[u];
        }
        return out;
    }

    /**
     * One temperature step.
     *
     * @param users          batch users
     * @param logU           their log u_i (after {@link #updateMovingAverage})
     * @param weightedScaled mean_k w_ik h_ik / tau_i of each batch user
     */
    public void step(int[] users, double[] logU, double[] weightedScaled) {
        double[] grad = new double[users.length];
        for (int b = 0; b < users.length; b++) {
            grad[b] = logU[b] + rho(users[b]) - weightedScaled[b];
        }
        if (cfg.mode() == TemperatureMode.PRIOR) {
            return;                                                              // fixed from the prior
        }
        if (tau.length == 1) {
            double mean = 0;
            for (double g : grad) {
                mean += g / grad.length;
            }
            move(0, mean);
        } else {
            for (int b = 0; b < users.length; b++) {
                move(users[b], grad[b]);
            }
        }
    }

    private void move(int slot, double grad) {
        tauGradient[slot] = (1 - cfg.momentum()) * tauGradient[slot] + cfg.momentum() * grad;
        tau[slot] = Math.min(cfg.max(), Math.max(cfg.min(), tau[slot] - cfg.learningRate() * tauGradient[slot]));
    }

    static double logAddExp(double a, double b) {
        double m = Math.max(a, b);
        return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }

    public double logU(int user) {
        return logU[user];
    }
}
