package org.uclr.baselines.catart;

import org.uclr.engine.Scalars;
import ai.djl.ndarray.NDArray;

/** The symmetric InfoNCE loss with cosine similarity and in-batch negatives (CAT's contrastive term). */
final class InfoNce {
    private InfoNce() {
    }

    /**
     * (CE(S, I) + CE(S^T, I)) / 2 with S_ij = cos(a_i, b_j) / tau: each row of a must pick its own row of b
     * among the batch, and each row of b its own row of a.
     *
     * @param a   [n, d] encodings of one stream
     * @param b   [n, d] encodings of the other stream, row-aligned with a
     * @param tau temperature
     */
    static NDArray symmetric(NDArray a, NDArray b, double tau) {
        long n = a.getShape().get(0);
        NDArray logits = Scalars.div(unit(a).matMul(unit(b).transpose()), tau);   // [n, n]
        NDArray diagonal = a.getManager().eye((int) n);
        NDArray aToB = logits.logSoftmax(1).mul(diagonal).sum().neg();
        NDArray bToA = logits.logSoftmax(0).mul(diagonal).sum().neg();
        return Scalars.div(aToB.add(bToA), 2f * n);
    }

    /** Rows scaled to unit length (a tiny floor keeps a zero row finite). */
    private static NDArray unit(NDArray x) {
        return x.div(x.square().sum(new int[]{1}, true).add(1e-12f).sqrt());
    }
}
