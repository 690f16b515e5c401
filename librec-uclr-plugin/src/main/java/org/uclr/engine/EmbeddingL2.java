package org.uclr.engine;

import ai.djl.ndarray.NDArray;

/**
 * The one L2 regularizer of this project, on the embedding rows a batch uses:
 * <pre>
 *   lambda * mean_b ( |x1_b|^2 + |x2_b|^2 + ... )      (rows x_k: [batch, m])
 * </pre>
 * i.e. lambda times the batch mean of the summed squared norms of each example's rows (for BPR: the
 * user, the positive and the negative; the paper's eq. 2 with lambda_U = lambda_V = lambda).
 * Published settings map onto it as follows: BPR-MF's lambda is used as is; LightGCN's authors scale
 * their decay as decay * sum / (2 batch), which is lambda = decay / 2 here.
 */
public final class EmbeddingL2 {
    private EmbeddingL2() {
    }

    /**
     * @param lambda weight (&gt;= 0)
     * @param rows   one or more [batch, m] arrays, row b of each belonging to example b
     * @return the scalar penalty
     */
    public static NDArray of(double lambda, NDArray... rows) {
        NDArray perExample = rows[0].square().sum(new int[]{1});                 // [batch]
        for (int k = 1; k < rows.length; k++) {
            perExample = perExample.add(rows[k].square().sum(new int[]{1}));
        }
        return Scalars.mul(perExample.mean(), lambda); // not mul(Number): see Scalars
    }
}
