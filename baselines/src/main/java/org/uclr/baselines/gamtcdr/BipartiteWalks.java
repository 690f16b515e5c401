package org.uclr.baselines.gamtcdr;

import org.uclr.data.UserItemMatrix;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Node2vec's second-order random walks (Grover and Leskovec, KDD 2016, sec. 3.2.2) on one domain's
 * user-item interaction graph. Nodes are the users 0..N-1, then the items N..N+I-1; edges are the
 * training interactions, unweighted (our data has no ratings to weight them by).
 *
 * <p>Node2vec weighs the step from v (reached from t) to a neighbour x by 1/p if x = t, 1 if x is also
 * a neighbour of t, and 1/q otherwise. In a bipartite graph t and x lie on the same side and are never
 * neighbours, so the middle case never occurs: the walk returns to t with weight 1/p and moves to any
 * other neighbour with weight 1/q, which is sampled here exactly in O(log degree) per step.
 */
final class BipartiteWalks {
    private final int numUsers;
    private final int numNodes;
    private final int[] start;
    private final int[] neighbours;
    private final double returnWeight;
    private final double outWeight;

    /**
     * @param train one domain's training interactions
     * @param p     node2vec's return parameter (> 0)
     * @param q     node2vec's in-out parameter (> 0)
     * @throws IllegalArgumentException if p or q is not positive
     */
    BipartiteWalks(UserItemMatrix train, double p, double q) {
        if (!(p > 0) || !(q > 0)) {
            throw new IllegalArgumentException("node2vec p and q must be positive, got p=" + p + " q=" + q);
        }
        numUsers = train.numUsers();
        numNodes = numUsers + train.numItems();
        returnWeight = 1 / p;
        outWeight = 1 / q;
        int[] degree = new int[numNodes];
        int[] users = train.entryUsers();
        int[] items = train.entryItems();
        for (int e = 0; e < users.length; e++) {
            degree[users[e]]++;
            degree[numUsers + items[e]]++;
        }
        start = new int[numNodes + 1];
        for (int v = 0; v < numNodes; v++) {
            start[v + 1] = start[v] + degree[v];
        }
        neighbours = new int[start[numNodes]];
        int[] next = Arrays.copyOf(start, numNodes);
        // entries are user-major with ascending items, so every neighbour list comes out sorted
        for (int e = 0; e < users.length; e++) {
            neighbours[next[users[e]]++] = numUsers + items[e];
            neighbours[next[numUsers + items[e]]++] = users[e];
        }
    }

    int numNodes() {
        return numNodes;
    }

    int numUsers() {
        return numUsers;
    }

    int degree(int node) {
        return start[node + 1] - start[node];
    }

    /** The node's neighbours, ascending (a copy; for tests). */
    int[] neighbours(int node) {
        return Arrays.copyOfRange(neighbours, start[node], start[node + 1]);
    }

    /**
     * Writes one walk of at most {@code length} nodes starting at {@code first} into {@code out}.
     *
     * @return the number of nodes written: {@code length}, or 1 when {@code first} has no neighbour
     *         (or {@code length} is 1)
     */
    int walk(int first, int length, SplittableRandom rng, int[] out) {
        out[0] = first;
        if (degree(first) == 0 || length == 1) {
            return 1;
        }
        out[1] = neighbours[start[first] + rng.nextInt(degree(first))];
        for (int k = 2; k < length; k++) {
            out[k] = step(out[k - 2], out[k - 1], rng);
        }
        return length;
    }

    /** The next node after {@code previous} -> {@code current}. */
    int step(int previous, int current, SplittableRandom rng) {
        int deg = degree(current);
        if (deg == 1) {
            return previous;
        }
        double total = returnWeight + (deg - 1) * outWeight;
        if (rng.nextDouble() * total < returnWeight) {
            return previous;
        }
        int back = Arrays.binarySearch(neighbours, start[current], start[current + 1], previous) - start[current];
        int k = rng.nextInt(deg - 1);
        return neighbours[start[current] + (k < back ? k : k + 1)];
    }
}
