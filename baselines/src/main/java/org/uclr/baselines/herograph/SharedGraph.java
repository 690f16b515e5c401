package org.uclr.baselines.herograph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.uclr.model.backbone.NormalizedAdjacency;
import org.uclr.data.UserItemMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * HeroGraph's shared heterogeneous graph (Cui et al., ORSUM @ RecSys 2020, sec. 3): one node per user
 * (users are shared by every domain) and one per item of every domain, one edge per training
 * interaction. It is kept as one block per domain s, the normalized adjacency D_s^-1/2 A_s D_s^-1/2
 * between all users and the items of s (degrees counted within s), so that a user's neighbourhood
 * in each domain is an equally scaled summary and the attention, not the domain's size, decides how
 * much each domain contributes. One aggregation is one sparse product per block and side, O(nnz m).
 */
final class SharedGraph implements AutoCloseable {
    private final List<NormalizedAdjacency> blocks = new ArrayList<>();
    private final int numUsers;

    /**
     * @param parent manager whose sub-managers hold the sparse blocks (released by {@link #close()})
     * @param trains training interactions of each domain, all over the same users
     * @throws IllegalArgumentException if the domains disagree on the number of users
     */
    SharedGraph(NDManager parent, List<UserItemMatrix> trains) {
        numUsers = trains.get(0).numUsers();
        for (UserItemMatrix t : trains) {
            if (t.numUsers() != numUsers) {
                throw new IllegalArgumentException("every domain must index the same " + numUsers + " users, got "
                        + t.numUsers());
            }
            blocks.add(new NormalizedAdjacency(parent, t));
        }
    }

    int numDomains() {
        return blocks.size();
    }

    /** Domain s's block D_s^-1/2 A_s D_s^-1/2, for the host kernels ({@link HeroGraphHostStep}). */
    NormalizedAdjacency block(int s) {
        return blocks.get(s);
    }

    /**
     * One aggregation step over every block, differentiable in the node embeddings.
     *
     * @param users [numUsers, m] embeddings of the user nodes
     * @param items per domain s, [numItems_s, m] embeddings of its item nodes
     * @return per domain s: {the users' neighbourhood in s, sum_i g_i / sqrt(d_u d_i) [numUsers, m];
     *         the items' neighbourhood, sum_u g_u / sqrt(d_u d_i) [numItems_s, m]}
     */
    NDArray[][] aggregate(NDArray users, List<NDArray> items) {
        NDArray[][] out = new NDArray[blocks.size()][];
        for (int s = 0; s < blocks.size(); s++) {
            out[s] = blocks.get(s).propagate(users, items.get(s));
        }
        return out;
    }

    @Override
    public void close() {
        blocks.forEach(NormalizedAdjacency::close);
    }
}
