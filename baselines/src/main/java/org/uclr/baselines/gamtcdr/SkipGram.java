package org.uclr.baselines.gamtcdr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.Checkpoint;
import org.uclr.engine.Scalars;
import org.uclr.engine.SparseEmbedding;
import org.uclr.engine.TrainContext;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Skip-gram with negative sampling (Mikolov et al., NIPS 2013, eq. 4), the embedding step of node2vec:
 * for a (center, context) pair and k noise nodes n_j, the loss is
 * -log sigmoid(w_c . o_ctx) - sum_j log sigmoid(-w_c . o_nj), averaged over the batch's pairs. Input
 * vectors w start uniform in [-0.5/m, 0.5/m) and output vectors o at zero, as in word2vec; both tables
 * are trained with row-sparse Adam, so a step costs O(pairs (k + 2) m). The input vectors are the
 * embeddings. Pairs come from whole walks ({@link Walks}): each center takes the nodes within its
 * window on both sides of it in its walk as contexts; noise nodes are drawn from a cumulative
 * distribution with the model's own random stream, in the order the steps run, so a seed gives one result.
 */
final class SkipGram {
    private final SparseEmbedding input;
    private final SparseEmbedding output;
    private final int dim;
    private final int negatives;
    private final double[] noiseCdf;
    private final SplittableRandom noiseRng;

    /**
     * Walks of equal length cut into one step's pairs.
     *
     * @param nodes  the walks' nodes, walk after walk, each of {@code length} nodes
     * @param length nodes per walk
     * @param reach  per node of {@code nodes}: its window on each side (word2vec's dynamic window, 1..window)
     */
    record Walks(int[] nodes, int length, byte[] reach) {
        /** {centers, contexts}: every (node, node within its reach in the same walk) pair, in walk order. */
        long[][] pairs() {
            int count = 0;
            for (int pass = 0; pass < 2; pass++) {
                long[] centers = pass == 0 ? null : new long[count];
                long[] contexts = pass == 0 ? null : new long[count];
                int k = 0;
                for (int start = 0; start < nodes.length; start += length) {
                    for (int c = 0; c < length; c++) {
                        int r = reach[start + c];
                        for (int o = Math.max(0, c - r); o <= Math.min(length - 1, c + r); o++) {
                            if (o != c) {
                                if (pass == 1) {
                                    centers[k] = nodes[start + c];
                                    contexts[k] = nodes[start + o];
                                }
                                k++;
                            }
                        }
                    }
                }
                if (pass == 0) {
                    count = k;
                } else {
                    return new long[][]{centers, contexts};
                }
            }
            throw new AssertionError();
        }
    }

    /**
     * @param noiseCdf cumulative noise distribution over the nodes (ending at 1)
     * @param rng      initialization stream
     * @param noiseRng noise stream, drawn from at every step
     */
    SkipGram(TrainContext engine, int numNodes, int dim, int negatives, double[] noiseCdf, SplittableRandom rng,
             SplittableRandom noiseRng) {
        this.dim = dim;
        this.negatives = negatives;
        this.noiseCdf = noiseCdf.clone();
        this.noiseRng = noiseRng;
        float[] w = new float[Math.multiplyExact(numNodes, dim)];
        for (int k = 0; k < w.length; k++) {
            w[k] = (float) ((rng.nextDouble() - 0.5) / dim);
        }
        input = new SparseEmbedding(engine.root().create(w, new Shape(numNodes, dim)));
        output = new SparseEmbedding(engine.root().zeros(new Shape(numNodes, dim)));
    }

    AdamOptimizer optimizer(AdamConfig adam) {
        return new AdamOptimizer(adam).add(input).add(output);
    }

    Checkpoint checkpoint() {
        return new Checkpoint().add(input).add(output);
    }

    /**
     * The negative-sampling loss of a batch.
     *
     * @param centers   [b, m] w_c
     * @param targets   [b, 1 + k, m]: o_ctx, then the k noise nodes' output vectors
     * @return mean over the batch of softplus(-w_c . o_ctx) + sum_j softplus(w_c . o_nj)
     */
    static NDArray loss(NDArray centers, NDArray targets) {
        // an element-wise product and a sum: PyTorch's CPU bmm over b tiny [1 + k, m] x [m, 1] products measured slower
        NDArray logits = targets.mul(centers.expandDims(1)).sum(new int[]{2});   // [b, 1 + k]
        NDArray context = logits.get(new NDIndex(":, 0")).neg().getNDArrayInternal().softPlus();
        NDArray noise = logits.get(new NDIndex(":, 1:")).getNDArrayInternal().softPlus();
        return Scalars.div(context.sum().add(noise.sum()), logits.getShape().get(0)); // not div(Number): see Scalars
    }

    /** The loss of one step's walks, with fresh noise nodes for every pair. */
    NDArray loss(NDManager step, Walks walks) {
        long[][] pairs = walks.pairs();
        int b = pairs[0].length;
        int k = negatives;
        long[] targets = new long[b * (1 + k)];
        for (int r = 0; r < b; r++) {
            targets[r * (1 + k)] = pairs[1][r];
            for (int j = 1; j <= k; j++) {
                targets[r * (1 + k) + j] = sample(noiseCdf, noiseRng);
            }
        }
        NDArray centers = input.lookup(step, pairs[0]).embeddings();
        NDArray out = output.lookup(step, targets).embeddings().reshape(b, 1 + k, dim);
        return loss(centers, out);
    }

    /** A node drawn from a cumulative distribution (first index whose value exceeds a uniform draw). */
    static int sample(double[] cdf, SplittableRandom rng) {
        double u = rng.nextDouble();
        int k = Arrays.binarySearch(cdf, u);
        return k >= 0 ? Math.min(k + 1, cdf.length - 1) : -k - 1;
    }

    /** The input vectors [numNodes, m] (owned by this model). */
    NDArray vectors() {
        return input.table();
    }
}
