package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import org.uclr.engine.EmbeddingL2;

/** The BPR loss of the paper's eq. (2) on a mini-batch (Rendle et al., UAI 2009). */
public final class BprLoss {
    private BprLoss() {
    }

    /**
     * mean_b softplus(-(u_b . i_b - u_b . j_b)) + {@link EmbeddingL2} of the three rows.
     *
     * @param users     [batch, m]
     * @param positives [batch, m]
     * @param negatives [batch, m]
     * @param lambda    L2 weight (the paper's lambda_U = lambda_V)
     * @return the scalar loss
     */
    public static NDArray of(NDArray users, NDArray positives, NDArray negatives, double lambda) {
        return ranking(users, positives, negatives).add(EmbeddingL2.of(lambda, users, positives, negatives));
    }

    /** The ranking term alone: mean_b softplus(-(u_b . (i_b - j_b))), shapes as in {@link #of}. */
    public static NDArray ranking(NDArray users, NDArray positives, NDArray negatives) {
        NDArray margin = users.mul(positives.sub(negatives)).sum(new int[]{1}); // [batch]
        return margin.neg().getNDArrayInternal().softPlus().mean();
    }
}
