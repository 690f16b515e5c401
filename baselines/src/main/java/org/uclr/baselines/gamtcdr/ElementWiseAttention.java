package org.uclr.baselines.gamtcdr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.uclr.engine.SparseEmbedding;
import org.uclr.engine.TrainContext;

/**
 * GA's element-wise attention for one target domain (Zhu et al., IJCAI 2020, sec. 3.3; the
 * multi-target form of TKDE 2023): a user's combined embedding is sum_s W_s[u] (*) x_u^s over the S
 * domains, with one weight per user, domain and dimension. The authors' two-domain code learns W_A[u]
 * freely and uses W_B[u] = 1 - W_A[u]; for S domains the weights here are a softmax over the domains
 * of learnable per-user logits, so they sum to one in every dimension and stay in (0, 1). Domains in
 * which a user has no training interaction (possible with data.users=union, or after the split) are
 * left out of the softmax; logits start at zero, i.e. equal weights. Row-sparse: a step costs
 * O(batch users x S x m).
 */
final class ElementWiseAttention {
    /** Added to the logits of absent domains: exp(-1e4) is exactly zero in float32. */
    private static final float ABSENT = -1e4f;

    private final SparseEmbedding logits;
    private final NDArray absentPenalty;
    private final int domains;
    private final int dim;

    /**
     * @param present present[s][u]: whether user u has a training interaction in domain s
     * @param dim     embedding size m
     */
    ElementWiseAttention(TrainContext engine, boolean[][] present, int dim) {
        this.domains = present.length;
        this.dim = dim;
        int users = present[0].length;
        logits = new SparseEmbedding(engine.root().zeros(new Shape(users, (long) domains * dim)));
        float[] penalty = new float[users * domains];
        for (int u = 0; u < users; u++) {
            boolean any = false;
            for (boolean[] p : present) {
                any |= p[u];
            }
            for (int s = 0; s < domains; s++) {
                // a user absent everywhere keeps equal weights rather than a 0/0
                penalty[u * domains + s] = any && !present[s][u] ? ABSENT : 0f;
            }
        }
        absentPenalty = engine.root().create(penalty, new Shape(users, domains));
    }

    SparseEmbedding table() {
        return logits;
    }

    /** The trainable rows of a batch's (unique) users; take the weights inside the gradient collector. */
    SparseEmbedding.Lookup lookup(NDManager step, long[] users) {
        return logits.lookup(step, users);
    }

    /**
     * @param rowLogits [n, S m] the users' logits (a lookup's embeddings, or rows of the table)
     * @param userIdx   the users [n]
     * @return [n, S, m] weights, summing to one over S for every user and dimension
     */
    NDArray weights(NDArray rowLogits, NDArray userIdx) {
        NDArray penalty = absentPenalty.get(userIdx.getManager(), new NDIndex("{}", userIdx)).expandDims(2); // [n, S, 1]
        return rowLogits.reshape(-1, domains, dim).add(penalty).softmax(1);
    }

    /**
     * @param weights [n, S, m]
     * @param stacked [n, S, m] the users' embeddings x_u^s of every domain
     * @return [n, m] the combined embeddings
     */
    static NDArray combine(NDArray weights, NDArray stacked) {
        return weights.mul(stacked).sum(new int[]{1});
    }
}
