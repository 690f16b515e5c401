package org.uclr.model.bprmf;

import ai.djl.ndarray.NDArray;

/** The BPR loss of the paper's eq. (2) on a mini-batch, with L2 on the batch's embeddings. */
public final class BprLoss {
    private BprLoss() {
    }

    /**
     * mean(-log sigmoid(u.i - u.j)) + lambda * mean(|u|^2 + |i|^2 + |j|^2).
     *
     * @param users     [batch, m]
     * @param positives [batch, m]
     * @param negatives [batch, m]
     * @param lambda    L2 weight (the paper's lambda_U = lambda_V)
     */
    public static NDArray of(NDArray users, NDArray positives, NDArray negatives, double lambda) {
        NDArray margin = users.mul(positives.sub(negatives)).sum(new int[]{1}); // [batch]
        NDArray ranking = margin.neg().getNDArrayInternal().softPlus().mean();
        NDArray l2 = users.square().sum(new int[]{1}).add(positives.square().sum(new int[]{1}))
                .add(negatives.square().sum(new int[]{1})).mean();
        return ranking.add(l2.mul((float) lambda));
    }
}
