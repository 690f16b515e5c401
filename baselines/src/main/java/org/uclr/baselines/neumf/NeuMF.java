package org.uclr.baselines.neumf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Activation;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.Checkpoint;
import org.uclr.engine.DenseParameter;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.Linear;
import org.uclr.engine.Mlp;
import org.uclr.engine.ModelArchive;
import org.uclr.engine.SparseEmbedding;
import org.uclr.engine.TrainContext;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Neural matrix factorization for one domain (He et al., WWW 2017, eq. 12): a GMF branch (element-wise
 * product of user and item embeddings) and an MLP branch (their concatenation through a ReLU tower
 * 2m -> m -> m/2 -> m/4), each with its own embeddings, fused by one linear layer into a logit.
 * The predicted probability is sigmoid(logit); ranking uses the logit itself, which orders candidates
 * identically and does not saturate into ties in float32.
 */
final class NeuMF {
    /** Candidate pairs per tensor call when scoring, so the tower's activations stay a few tens of MB. */
    private static final int SCORE_PAIRS_PER_CALL = 32_768;

    private final TrainContext engine;
    private final SparseEmbedding gmfUsers;
    private final SparseEmbedding gmfItems;
    private final SparseEmbedding mlpUsers;
    private final SparseEmbedding mlpItems;
    private final Mlp tower;
    private final Linear predict;
    private NDManager itemPartOwner;
    private NDArray itemPartCache;
    private long itemPartVersion;

    NeuMF(TrainContext engine, int numUsers, int numItems, int factors, double initStd, String name) {
        if (factors % 4 != 0) {
            throw new IllegalArgumentException("neumf.factors=" + factors + " must be a multiple of 4 (the tower ends at m/4)");
        }
        this.engine = engine;
        gmfUsers = table(numUsers, factors, initStd, name + "/init/gmf-users");
        gmfItems = table(numItems, factors, initStd, name + "/init/gmf-items");
        mlpUsers = table(numUsers, factors, initStd, name + "/init/mlp-users");
        mlpItems = table(numItems, factors, initStd, name + "/init/mlp-items");
        SplittableRandom rng = engine.random(name + "/init/layers");
        tower = new Mlp(engine, new int[]{2 * factors, factors, factors / 2, factors / 4}, Mlp.RELU, true, rng,
                name + ".tower");
        predict = new Linear(engine, factors + factors / 4, 1, rng, name + ".predict");
    }

    private SparseEmbedding table(int rows, int factors, double std, String stream) {
        return new SparseEmbedding(engine.gaussian(rows, factors, std, engine.random(stream)));
    }

    /** Every trainable tensor, for keeping the best epoch. */
    Checkpoint checkpoint() {
        return new Checkpoint().add(gmfUsers).add(gmfItems).add(mlpUsers).add(mlpItems)
                .addAll(tower.parameters()).addAll(predict.parameters());
    }

    /** Every trained tensor, for a saved model. */
    void save(ModelArchive out, String prefix) {
        out.put(prefix + "/gmf_users", gmfUsers).put(prefix + "/gmf_items", gmfItems)
                .put(prefix + "/mlp_users", mlpUsers).put(prefix + "/mlp_items", mlpItems)
                .putAll(prefix + "/tower", tower.parameters()).putAll(prefix + "/predict", predict.parameters());
    }

    void load(ModelArchive in, String prefix) {
        in.restore(prefix + "/gmf_users", gmfUsers);
        in.restore(prefix + "/gmf_items", gmfItems);
        in.restore(prefix + "/mlp_users", mlpUsers);
        in.restore(prefix + "/mlp_items", mlpItems);
        in.restoreAll(prefix + "/tower", tower.parameters());
        in.restoreAll(prefix + "/predict", predict.parameters());
    }

    /** An optimizer over every trainable tensor. */
    AdamOptimizer optimizer(AdamConfig adam) {
        return new AdamOptimizer(adam).add(gmfUsers).add(gmfItems).add(mlpUsers).add(mlpItems)
                .addAll(tower.parameters()).addAll(predict.parameters());
    }

    /**
     * The fused logit of eq. 12 before the sigmoid.
     *
     * @param gu GMF user embeddings [n, m]
     * @param gi GMF item embeddings [n, m]
     * @param mu MLP user embeddings [n, m]
     * @param mi MLP item embeddings [n, m]
     * @return [n] logits
     */
    NDArray logits(NDArray gu, NDArray gi, NDArray mu, NDArray mi) {
        NDArray gmf = gu.mul(gi);                            // [n, m]
        NDArray mlp = tower.forward(mu.concat(mi, 1));       // [n, m/4]
        return predict.forward(gmf.concat(mlp, 1)).squeeze(1);
    }

    /** Binary cross-entropy of He et al.'s eq. 7 on logits z: mean(softplus(z) - y z), numerically stable. */
    static NDArray binaryCrossEntropy(NDArray logits, NDArray labels) {
        return logits.getNDArrayInternal().softPlus().sub(labels.mul(logits)).mean();
    }

    /** He et al.'s eq. 7 (binary cross-entropy) on a batch of labelled pairs. */
    NDArray loss(NDManager step, PointwiseSamples.Batch batch) {
        SparseEmbedding.Lookup gu = gmfUsers.lookup(step, batch.users());
        SparseEmbedding.Lookup gi = gmfItems.lookup(step, batch.items());
        SparseEmbedding.Lookup mu = mlpUsers.lookup(step, batch.users());
        SparseEmbedding.Lookup mi = mlpItems.lookup(step, batch.items());
        NDArray labels = step.create(batch.labels());
        return binaryCrossEntropy(logits(gu.embeddings(), gi.embeddings(), mu.embeddings(), mi.embeddings()), labels);
    }

    /** Logits of candidates: users [n], items [n, width] (local indices) to [n, width]. */
    NDArray score(NDArray users, NDArray items) {
        long n = items.getShape().get(0);
        long width = items.getShape().get(1);
        long rowsPerCall = Math.max(1, SCORE_PAIRS_PER_CALL / width);
        List<NDArray> parts = new ArrayList<>();
        for (long start = 0; start < n; start += rowsPerCall) {
            long end = Math.min(n, start + rowsPerCall);
            // each call's activations are freed before the next call: kept until the caller's manager closed,
            // they added up to 1.3 GB for one 2,048-row chunk of Douban Books candidates
            try (NDScope scope = new NDScope()) {
                NDArray u = users.get(new NDIndex("{}:{}", start, end));                         // [r]
                NDArray it = items.get(new NDIndex("{}:{}, :", start, end)).reshape(-1);         // [r * width]
                NDArray pairUsers = u.expandDims(1).repeat(1, width).reshape(-1);                // [r * width]
                NDManager m = items.getManager();
                NDArray z = logits(rows(gmfUsers, m, pairUsers), rows(gmfItems, m, it), rows(mlpUsers, m, pairUsers),
                        rows(mlpItems, m, it));
                NDArray part = z.reshape(end - start, width);
                NDScope.unregister(part);
                parts.add(part);
            }
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 0);
    }

    /**
     * Logits of users [n] against every item of the domain, [n, numItems], the same function as {@link #score}
     * without a gathered row per (user, item): the GMF term w_g . (p_u * q_i) is one matrix product
     * (p_u * w_g) q^T, and the tower's first layer splits as concat(p'_u, q'_i) W1 = p'_u W1_u + q'_i W1_i,
     * so per pair only the layers after the first remain (about a quarter of the tower's multiplications), and
     * the item half q'_i W1_i is shared by every call of a ranking ({@link #itemPart}). Items go in blocks of
     * {@value #SCORE_PAIRS_PER_CALL} pairs, each block's activations released before the next.
     */
    NDArray scoreAllItems(NDManager step, NDArray users) {
        return scoreAllItems(step, users, SCORE_PAIRS_PER_CALL);
    }

    /** {@link #scoreAllItems(NDManager, NDArray)} with items in blocks of about {@code pairsPerCall} (user, item) pairs. */
    NDArray scoreAllItems(NDManager step, NDArray users, long pairsPerCall) {
        NDIndex rows = new NDIndex("{}", users);
        long n = users.getShape().get(0);
        long m = gmfUsers.dim();
        List<DenseParameter> layers = tower.parameters();                          // W1, b1, W2, b2, W3, b3
        NDArray wPredict = predict.parameters().get(0).value();                    // [m + m/4, 1]
        NDArray bPredict = predict.parameters().get(1).value();                    // [1]
        NDArray gmf = gmfUsers.table().get(step, rows).mul(wPredict.get(step, new NDIndex("0:{}", m)).reshape(1, m))
                .matMul(gmfItems.table().transpose());                             // [n, numItems]
        NDArray w1 = layers.get(0).value();                                        // [2m, m]
        NDArray userPart = mlpUsers.table().get(step, rows).matMul(w1.get(step, new NDIndex("0:{}", m))); // [n, m]
        NDArray itemPart = itemPart();                                             // [numItems, m]
        NDArray wMlp = wPredict.get(step, new NDIndex("{}:", m));                   // [m/4, 1]
        long numItems = itemPart.getShape().get(0);
        long itemsPerCall = Math.max(1, pairsPerCall / n);
        // each block's [n, b] logits are copied into one array made before the blocks: kept as separate arrays
        // (then concatenated), they sat between the blocks' freed activations in the C heap and pinned it apart
        NDArray mlp = step.zeros(new Shape(n, numItems));
        for (long from = 0; from < numItems; from += itemsPerCall) {
            long to = Math.min(numItems, from + itemsPerCall);
            try (NDManager block = step.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray h = Activation.relu(userPart.expandDims(1)
                        .add(itemPart.get(block, new NDIndex("{}:{}", from, to)).expandDims(0)))  // [n, b, m]
                        .reshape(-1, m);
                for (int k = 2; k < layers.size(); k += 2) {
                    h = Activation.relu(h.matMul(layers.get(k).value()).add(layers.get(k + 1).value()));
                }
                mlp.set(new NDIndex(":, {}:{}", from, to), h.matMul(wMlp).reshape(n, to - from)); // [n, b]
            }
        }
        return gmf.add(mlp).add(bPredict);
    }

    /**
     * q'_i W1_i + b1 of every item, [numItems, m]: the item half of the tower's first layer, the same for every
     * chunk of users of a full ranking, so it is computed once per ranking (not once per chunk: a 45 MB array per
     * chunk on Douban Books) and again only after a step or a restore changed the item table or the layer.
     */
    private NDArray itemPart() {
        List<DenseParameter> layers = tower.parameters();
        long version = mlpItems.version() + layers.get(0).version() + layers.get(1).version();
        if (itemPartOwner == null || version != itemPartVersion) {
            NDManager owner = engine.root().newSubManager();
            long m = mlpItems.dim();
            try (NDScope scope = new NDScope()) {
                NDArray part = mlpItems.table().matMul(layers.get(0).value().get(owner, new NDIndex("{}:", m)))
                        .add(layers.get(1).value());
                NDScope.unregister(part);
                part.attach(owner);
                if (itemPartOwner != null) {
                    itemPartOwner.close();
                }
                itemPartOwner = owner;
                itemPartCache = part;
                itemPartVersion = version;
            }
        }
        return itemPartCache;
    }

    private static NDArray rows(SparseEmbedding table, NDManager manager, NDArray idx) {
        return table.table().get(manager, new NDIndex("{}", idx));
    }
}
