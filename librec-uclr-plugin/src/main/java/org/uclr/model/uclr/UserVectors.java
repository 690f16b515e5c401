package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * How one domain turns user embedding rows W[u] (W0, W0 + V_d, or the LoRA-adapted W_d) into the vectors
 * dotted with the items ({@code uclr.score.user}): the decoded dec(enc(W[u])) (the paper's scoring), W[u]
 * itself, or their shrinkage W[u] + beta_u (dec(enc(W[u])) - W[u]) with beta_u = k / (n_u + k). The
 * shrinkage (beyond the paper) treats the decoded vector as a prior worth k interactions and the user's
 * own embedding as the evidence of the user's n_u training interactions, the form of a Bayesian average:
 * users with few interactions are scored mostly through the autoencoder, active users mostly through their
 * own embedding. k = 0 is W[u] (the previous stage's scoring), k = +infinity the decoded vector.
 */
final class UserVectors {
    private final UserScoring mode;
    private final double k;
    private final float[] beta;                                                      // [U], SHRUNK only

    private UserVectors(UserScoring mode, double k, float[] beta) {
        this.mode = mode;
        this.k = k;
        this.beta = beta;
    }

    /** DECODED or EMBEDDING (SHRUNK needs the activity: {@link #shrunk}). */
    static UserVectors of(UserScoring mode) {
        if (mode == UserScoring.SHRUNK) {
            throw new IllegalArgumentException("shrunk scoring needs each user's activity and a prior weight");
        }
        return new UserVectors(mode, mode == UserScoring.DECODED ? Double.POSITIVE_INFINITY : 0, null);
    }

    /**
     * @param activity n_u of every user (global index), &gt;= 0
     * @param k        prior weight, in [0, +infinity]
     */
    static UserVectors shrunk(int[] activity, double k) {
        if (!(k >= 0)) {
            throw new IllegalArgumentException("prior weight k must be >= 0, got " + k);
        }
        return new UserVectors(UserScoring.SHRUNK, k, decodedWeights(activity, k));
    }

    UserScoring mode() {
        return mode;
    }

    /** k of SHRUNK (+infinity for DECODED, 0 for EMBEDDING). */
    double priorWeight() {
        return k;
    }

    /** Whether the autoencoder takes part in the vectors (every mode but EMBEDDING and SHRUNK with k = 0). */
    boolean usesAutoencoder() {
        return k != 0;
    }

    /**
     * beta_u = k / (n_u + k): 0 for every user when k = 0 (also at n_u = 0), 1 for every user when k is
     * infinite.
     */
    static float[] decodedWeights(int[] activity, double k) {
        float[] out = new float[activity.length];
        for (int u = 0; u < out.length; u++) {
            out[u] = k == 0 ? 0f : Double.isInfinite(k) ? 1f : (float) (k / (activity[u] + k));
        }
        return out;
    }

    /**
     * @param w     [n, m] embedding rows of the users
     * @param users their global indices, in the order of w's rows
     * @param ae    the domain's autoencoder
     * @return [n, m] the vectors to score with (in w's manager)
     */
    NDArray apply(NDArray w, long[] users, DualStreamAutoencoder ae) {
        if (!usesAutoencoder()) {
            return w;
        }
        NDArray decoded = ae.decode(ae.encode(w));
        if (Double.isInfinite(k)) {
            return decoded;
        }
        float[] b = new float[users.length];
        for (int r = 0; r < b.length; r++) {
            b[r] = beta[(int) users[r]];
        }
        NDArray weights = w.getManager().create(b, new Shape(b.length, 1));           // [n, 1]
        return w.add(decoded.sub(w).mul(weights));
    }
}
