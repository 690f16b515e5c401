package org.uclr.model.uclr;

import org.uclr.engine.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The user-aware contrastive loss (paper eq. 3) optimized as iSogCLR does. For anchor user i of the
 * reconstructive stream, the positive is the same user in the generative stream and the negatives are
 * the batch's other users there; with s_ik = cos(e_i, e'_k) and h_ik = s_ik - s_ii (k != i):
 * <pre>
 *   g_i    = mean_k exp(h_ik / tau_i)                 (log-sum-exp, shifted)
 *   u_i   <- (1 - gamma) u_i + gamma g_i              (Temperatures)
 *   w_ik   = exp(h_ik / tau_i) / u_i                  (no gradient)
 *   loss_i = mean_k w_ik h_ik                         (gradient through h only)
 *   dF/dtau_i = log u_i + rho - mean_k w_ik h_ik / tau_i  (Temperatures.step)
 * </pre>
 * The mean over negatives (not eq. 3's sum) keeps the tau gradient free of a log(B - 1) term that would
 * push every tau to its lower bound. The temperatures move during {@link #loss}, which needs no gradient.
 */
public final class UserAwareContrastiveLoss {
    /** Added to z on the diagonal so that exp() of it is exactly 0. */
    private static final float EXCLUDE = -1e30f;

    private UserAwareContrastiveLoss() {
    }

    /**
     * @param users  batch users (global indices), length B &gt;= 2
     * @param latent e: [B, d], the reconstructive stream's encodings
     * @param masked e': [B, d], the generative stream's encodings
     * @param temps  temperature state, updated in place
     * @return the scalar loss (mean over the batch's anchors), differentiable in latent and masked
     */
    public static NDArray loss(int[] users, NDArray latent, NDArray masked, Temperatures temps) {
        int b = users.length;
        if (b < 2) {
            throw new IllegalArgumentException("the contrastive loss needs at least 2 users per batch");
        }
        NDManager m = latent.getManager();
        NDArray e = latent.normalize(2, 1, 1e-12);                               // [B, d]
        NDArray ePrime = masked.normalize(2, 1, 1e-12);                          // [B, d]
        NDArray s = e.matMul(ePrime.transpose());                                // [B, B] s_ik
        NDArray positive = e.mul(ePrime).sum(new int[]{1}, true);                // [B, 1] s_ii
        NDArray h = s.sub(positive);                                             // [B, B] h_ik
        NDArray tau = m.create(temps.tauOf(users), new Shape(b, 1));             // [B, 1]
        NDArray diagonal = m.eye(b).mul(EXCLUDE);
        NDArray z = h.stopGradient().div(tau).add(diagonal);                     // [B, B], diag -> -inf
        NDArray zMax = z.max(new int[]{1}, true);                                // [B, 1]
        NDArray logG = z.sub(zMax).exp().sum(new int[]{1}, true).log().add(zMax)
                .sub((float) Math.log(b - 1));                                   // [B, 1]
        double[] logU = temps.updateMovingAverage(users, toDoubles(logG));
        NDArray w = z.sub(m.create(toFloats(logU), new Shape(b, 1))).exp();      // [B, B], 0 on the diagonal
        NDArray zFinite = h.stopGradient().div(tau);                             // [B, B]
        double[] weightedScaled = toDoubles(w.mul(zFinite).sum(new int[]{1}).div((float) (b - 1)));
        temps.step(users, logU, weightedScaled);
        return Scalars.div(w.mul(h).sum(new int[]{1}), b - 1).mean();
    }

    private static double[] toDoubles(NDArray a) {
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
