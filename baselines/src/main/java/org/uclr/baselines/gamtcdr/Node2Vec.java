package org.uclr.baselines.gamtcdr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.EpochLimits;
import org.uclr.engine.TrainContext;
import org.uclr.engine.Trainer;
import org.uclr.engine.TrainingOutcome;
import org.uclr.engine.Validation;
import org.uclr.model.backbone.DotProduct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Node2vec graph embeddings of one domain's users and items (Grover and Leskovec, KDD 2016), the
 * input of GA-DTCDR / GA-MTCDR (Zhu et al., IJCAI 2020, sec. 3.2): second-order random walks
 * ({@link BipartiteWalks}), word2vec's dynamic window (each center draws its window b uniformly from
 * 1..window), trained by {@link SkipGram} with noise nodes drawn from degree^0.75 (the walks visit a
 * node in proportion to its degree, so this is word2vec's unigram^0.75 of the walk corpus up to the
 * walk starts). Every epoch draws fresh walks, so the cost of an epoch is
 * O(walk tokens x window x (negatives + 2) x m).
 *
 * <p>Training goes through the project's {@link Trainer} for a fixed number of epochs (the cap), keeping
 * the last, as the authors' fixed passes do: the validation NDCG@10 of the user . item dot product of the
 * input vectors is logged each epoch and in training.tsv, but not used to select, because on a sparse
 * graph (Douban Books: 87,670 items, most of degree 1-2) it rated the random start above a trained epoch
 * (0.043 vs 0.036), and keeping the start left GA-MTCDR's Books tower with random inputs.
 */
final class Node2Vec {
    /**
     * @param walksPerNode walks started from every node with a neighbour, per epoch
     * @param walkLength   nodes per walk
     * @param window       largest distance between a center and its context
     * @param negatives    noise nodes per pair
     * @param epochs       epoch cap and patience (each epoch over fresh walks)
     * @param p            return parameter
     * @param q            in-out parameter
     * @param batchSize    about this many pairs per step (whole walks)
     * @param adam         the skip-gram's optimizer settings
     */
    record Settings(int walksPerNode, int walkLength, int window, int negatives, EpochLimits epochs, double p,
                    double q, int batchSize, AdamConfig adam) {

        /** Walks per step: batchSize over a walk's expected pairs, about walkLength (window + 1). */
        int walksPerStep() {
            return Math.max(1, batchSize / (walkLength * (window + 1)));
        }
    }

    private final BipartiteWalks graph;
    private final SkipGram model;
    private final Settings settings;
    private final String label;
    private final TrainContext engine;
    private final SplittableRandom walkRng;

    /**
     * @param train one domain's training interactions
     * @param dim   embedding size m
     * @param label stage label and random-stream prefix, e.g. "gamtcdr/node2vec/books"
     */
    Node2Vec(TrainContext engine, UserItemMatrix train, int dim, Settings s, String label) {
        this.engine = engine;
        this.settings = s;
        this.label = label;
        graph = new BipartiteWalks(train, s.p(), s.q());
        model = new SkipGram(engine, graph.numNodes(), dim, s.negatives(), noiseCdf(graph), engine.random(label + "/init"),
                engine.random(label + "/noise"));
        walkRng = engine.random(label + "/walks");
    }

    /** Trains the skip-gram for its epoch cap and keeps the last epoch; {@code validation} (scoring through {@link #score}) is logged. */
    TrainingOutcome train(Validation validation) {
        return Trainer.<SkipGram.Walks>of(label, engine)
                .epochs(settings.epochs())
                .batches(epoch -> epochWalks())
                .loss(model::loss)
                .optimizer(model.optimizer(settings.adam()))
                .checkpoint(model.checkpoint())
                .validation(validation)
                .keepLastEpoch()
                .fit();
    }

    /** One epoch: walksPerNode walks from every node with a neighbour, in shuffled order, cut into steps. */
    private List<SkipGram.Walks> epochWalks() {
        int len = settings.walkLength();
        int perStep = settings.walksPerStep();
        int[] order = new int[graph.numNodes()];
        int[] walk = new int[len];
        List<SkipGram.Walks> out = new ArrayList<>();
        int[] nodes = new int[perStep * len];
        byte[] reach = new byte[perStep * len];
        int filled = 0;
        for (int w = 0; w < settings.walksPerNode(); w++) {
            for (int v = 0; v < order.length; v++) {
                order[v] = v;
            }
            shuffle(order, walkRng);
            for (int first : order) {
                if (graph.degree(first) == 0) {
                    continue;
                }
                graph.walk(first, len, walkRng, walk);
                System.arraycopy(walk, 0, nodes, filled * len, len);
                for (int c = 0; c < len; c++) {
                    reach[filled * len + c] = (byte) (1 + walkRng.nextInt(settings.window()));
                }
                if (++filled == perStep) {
                    out.add(new SkipGram.Walks(nodes.clone(), len, reach.clone()));
                    filled = 0;
                }
            }
        }
        if (filled > 0) {
            out.add(new SkipGram.Walks(Arrays.copyOf(nodes, filled * len), len, Arrays.copyOf(reach, filled * len)));
        }
        return out;
    }

    /**
     * The user . item dot product of the current input vectors (the validation signal).
     *
     * @param users [n] user indices
     * @param items [n, width] local item indices
     * @return [n, width]
     */
    NDArray score(NDArray users, NDArray items) {
        return DotProduct.score(model.vectors(), users, model.vectors(), items.add(graph.numUsers()));
    }

    /** {users [numUsers, m], items [numItems, m]}: the input vectors, in the engine's root manager. */
    NDArray[] vectors() {
        NDArray all = model.vectors();
        return new NDArray[]{all.get(new NDIndex("0:{}", graph.numUsers())), all.get(new NDIndex("{}:", graph.numUsers()))};
    }

    /** Cumulative degree^0.75 over the nodes, normalized to end at 1. */
    static double[] noiseCdf(BipartiteWalks graph) {
        double[] cdf = new double[graph.numNodes()];
        double sum = 0;
        for (int v = 0; v < cdf.length; v++) {
            sum += Math.pow(graph.degree(v), 0.75);
            cdf[v] = sum;
        }
        for (int v = 0; v < cdf.length; v++) {
            cdf[v] /= sum;
        }
        return cdf;
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
