package org.uclr.baselines.gamtcdr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import org.uclr.baselines.neumf.PointwiseSamples;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.Checkpoint;
import org.uclr.engine.DenseParameter;
import org.uclr.engine.Linear;
import org.uclr.engine.Mlp;
import org.uclr.engine.ModelArchive;
import org.uclr.engine.Rows;
import org.uclr.engine.Scalars;
import org.uclr.engine.TrainContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * GA-MTCDR (Zhu et al., IJCAI 2020 and its multi-target form in TKDE 2023) on top of fixed node2vec
 * embeddings of every domain's users and items, following the authors' GA-DTCDR code:
 * <ul>
 *   <li>per domain s, a linear map of the user's node2vec vector, x_u^s = n_u^s W_U^s (m -> m), and of
 *       the item's, x_i = n_i W_I^d;</li>
 *   <li>for target domain d, the {@link ElementWiseAttention} combination u~^d = sum_s W_s^d[u] (*) x_u^s;</li>
 *   <li>per domain, a user tower and an item tower (ReLU after every layer, the last included);</li>
 *   <li>score: the cosine of the two towers' outputs; loss: binary cross-entropy of the cosine
 *       (clipped to [1e-6, 1 - 1e-6]) against 1 for a training positive and 0 for a sampled
 *       negative, plus lambda / 2 (|u|^2 + |i|^2) of the towers' outputs, averaged over the batch;
 *       a step sums this over the domains whose batch it holds.</li>
 * </ul>
 * The node2vec inputs stay fixed, as in the authors' code. The unit-length tower outputs used for
 * scoring are cached and rebuilt when a step or a restore has changed a parameter.
 */
final class GaMtcdr {
    /** Rows per tower call when caching every user's and item's output. */
    private static final int ROWS_PER_CALL = 8192;
    private static final float CLIP = 1e-6f;
    private static final float NORM_EPS = 1e-12f;

    private final TrainContext engine;
    private final List<NDArray> userNode2vec;
    private final List<NDArray> itemNode2vec;
    private final List<Linear> userMaps = new ArrayList<>();
    private final List<Linear> itemMaps = new ArrayList<>();
    private final List<ElementWiseAttention> attention = new ArrayList<>();
    private final List<Mlp> userTowers = new ArrayList<>();
    private final List<Mlp> itemTowers = new ArrayList<>();
    private final double lambda;
    private final int numUsers;
    private NDManager cache;
    private long cachedVersion = -1;
    private NDArray[] cachedUsers;
    private NDArray[] cachedItems;

    /**
     * @param userNode2vec per domain, node2vec vectors of all users [N, m] (read only)
     * @param itemNode2vec per domain, node2vec vectors of its items [I_d, m] (read only)
     * @param present      present[s][u]: whether user u has a training interaction in domain s
     * @param tower        widths of the towers' layers after the input, e.g. [256, 128]
     * @param lambda       weight of the towers' output regularizer
     * @param name         random-stream prefix, e.g. "gamtcdr"
     */
    GaMtcdr(TrainContext engine, List<NDArray> userNode2vec, List<NDArray> itemNode2vec, boolean[][] present,
            int[] tower, double lambda, String name) {
        this.engine = engine;
        this.userNode2vec = List.copyOf(userNode2vec);
        this.itemNode2vec = List.copyOf(itemNode2vec);
        this.lambda = lambda;
        this.numUsers = (int) userNode2vec.get(0).getShape().get(0);
        int m = (int) userNode2vec.get(0).getShape().get(1);
        int[] sizes = new int[tower.length + 1];
        sizes[0] = m;
        System.arraycopy(tower, 0, sizes, 1, tower.length);
        for (int d = 0; d < userNode2vec.size(); d++) {
            SplittableRandom rng = engine.random(name + "/init/" + d);
            userMaps.add(new Linear(engine, m, m, rng, name + ".user-map." + d));
            itemMaps.add(new Linear(engine, m, m, rng, name + ".item-map." + d));
            userTowers.add(new Mlp(engine, sizes, Mlp.RELU, true, rng, name + ".user-tower." + d));
            itemTowers.add(new Mlp(engine, sizes, Mlp.RELU, true, rng, name + ".item-tower." + d));
            attention.add(new ElementWiseAttention(engine, present, m));
        }
    }

    int numDomains() {
        return userMaps.size();
    }

    ElementWiseAttention attention(int target) {
        return attention.get(target);
    }

    /** The dense parameters of every domain, in a fixed order (maps, then towers). */
    private List<DenseParameter> dense() {
        List<DenseParameter> out = new ArrayList<>();
        for (int d = 0; d < numDomains(); d++) {
            out.addAll(userMaps.get(d).parameters());
            out.addAll(itemMaps.get(d).parameters());
            out.addAll(userTowers.get(d).parameters());
            out.addAll(itemTowers.get(d).parameters());
        }
        return out;
    }

    AdamOptimizer optimizer(AdamConfig adam) {
        AdamOptimizer o = new AdamOptimizer(adam).addAll(dense());
        attention.forEach(a -> o.add(a.table()));
        return o;
    }

    Checkpoint checkpoint() {
        Checkpoint c = new Checkpoint().addAll(dense());
        attention.forEach(a -> c.add(a.table()));
        return c;
    }

    /** [n, S, m]: x_u^s of every domain s for the given users. */
    private NDArray stackedUsers(NDArray userIdx) {
        NDList x = new NDList();
        for (int s = 0; s < numDomains(); s++) {
            x.add(userMaps.get(s).forward(Rows.of(userNode2vec.get(s), userIdx)).expandDims(1));
        }
        return NDArrays.concat(x, 1);
    }

    /** The user tower's output for target d: [n, out]. */
    private NDArray userOutput(int target, NDArray rowLogits, NDArray userIdx) {
        NDArray combined = ElementWiseAttention.combine(attention.get(target).weights(rowLogits, userIdx),
                stackedUsers(userIdx));
        return userTowers.get(target).forward(combined);
    }

    /** The item tower's output for domain d: [n, out]. */
    private NDArray itemOutput(int domain, NDArray itemIdx) {
        NDArray n2v = Rows.of(itemNode2vec.get(domain), itemIdx);
        return itemTowers.get(domain).forward(itemMaps.get(domain).forward(n2v));
    }

    /** Sorted distinct values of {@code idx}, and each entry's position among them. */
    private record Unique(long[] values, long[] inverse) {
        static Unique of(long[] idx) {
            long[] values = Arrays.stream(idx).sorted().distinct().toArray();
            long[] inverse = new long[idx.length];
            for (int k = 0; k < idx.length; k++) {
                inverse[k] = Arrays.binarySearch(values, idx[k]);
            }
            return new Unique(values, inverse);
        }
    }

    /** Differentiable rows, deterministic on the CPU ({@link Rows}): [idx.length, width]. */
    private static NDArray rows(NDArray table, NDArray idx) {
        return Rows.of(table, idx);
    }

    /**
     * The loss of a batch of labelled pairs (class docstring).
     *
     * @param users  [b, out] user tower outputs
     * @param items  [b, out] item tower outputs
     * @param labels [b] 1 or 0
     */
    static NDArray loss(NDArray users, NDArray items, NDArray labels, double lambda) {
        NDArray uu = users.square().sum(new int[]{1});
        NDArray ii = items.square().sum(new int[]{1});
        // eps inside each root: an all-zero ReLU output must give cosine 0 with a finite gradient, not 0/0
        NDArray cosine = users.mul(items).sum(new int[]{1}).div(uu.add(NORM_EPS).sqrt().mul(ii.add(NORM_EPS).sqrt()));
        NDArray y = cosine.clip(CLIP, 1 - CLIP);
        NDArray bce = labels.mul(y.log()).add(labels.neg().add(1f).mul(y.neg().add(1f).log())).neg().mean();
        return bce.add(Scalars.mul(uu.add(ii).mean(), lambda / 2)); // not mul(Number): Scalars says why
    }

    /** The loss of target domain d on a batch of its labelled pairs; towers run once per distinct user and item. */
    private NDArray domainLoss(NDManager step, int target, PointwiseSamples.Batch batch) {
        Unique users = Unique.of(batch.users());
        Unique items = Unique.of(batch.items());
        NDArray logits = attention.get(target).lookup(step, users.values()).embeddings();
        NDArray userIdx = step.create(users.values());
        NDArray itemIdx = step.create(items.values());
        NDArray u = rows(userOutput(target, logits, userIdx), step.create(users.inverse()));
        NDArray i = rows(itemOutput(target, itemIdx), step.create(items.inverse()));
        return loss(u, i, step.create(batch.labels()), lambda);
    }

    /**
     * A step's loss: the sum of the domains' losses on their batches.
     *
     * @param batches per domain, its labelled pairs, or null to skip the domain
     * @throws IllegalArgumentException if every entry is null
     */
    NDArray loss(NDManager step, List<PointwiseSamples.Batch> batches) {
        NDArray total = null;
        for (int d = 0; d < numDomains(); d++) {
            if (batches.get(d) != null) {
                NDArray l = domainLoss(step, d, batches.get(d));
                total = total == null ? l : total.add(l);
            }
        }
        if (total == null) {
            throw new IllegalArgumentException("a step needs a batch of at least one domain");
        }
        return total;
    }

    private long version() {
        long v = 0;
        for (DenseParameter p : dense()) {
            v += p.version();
        }
        for (ElementWiseAttention a : attention) {
            v += a.table().version();
        }
        return v;
    }

    /** Recomputes every user's and item's unit-length tower output when a parameter changed. */
    private void refreshIfStale() {
        long version = version();
        if (version == cachedVersion) {
            return;
        }
        NDManager next = engine.root().newSubManager();
        NDArray[] users = new NDArray[numDomains()];
        NDArray[] items = new NDArray[numDomains()];
        for (int d = 0; d < numDomains(); d++) {
            int target = d;
            users[d] = inChunks(numUsers, next,
                    idx -> userOutput(target, Rows.of(attention.get(target).table().table(), idx), idx));
            items[d] = inChunks((int) itemNode2vec.get(d).getShape().get(0), next, idx -> itemOutput(target, idx));
        }
        if (cache != null) {
            cache.close();
        }
        cache = next;
        cachedUsers = users;
        cachedItems = items;
        cachedVersion = version;
    }

    /** f over rows 0..n-1 in chunks, each output row scaled to unit length, concatenated into owner. */
    private NDArray inChunks(int n, NDManager owner, Function<NDArray, NDArray> f) {
        NDList parts = new NDList();
        for (int start = 0; start < n; start += ROWS_PER_CALL) {
            int end = Math.min(n, start + ROWS_PER_CALL);
            try (NDManager step = engine.newStep(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray out = f.apply(step.arange(start, end).toType(DataType.INT64, false)).stopGradient();
                NDArray unit = out.div(out.square().sum(new int[]{1}, true).sqrt().add(NORM_EPS));
                NDScope.unregister(unit);
                unit.attach(owner);
                parts.add(unit);
            }
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        NDArray all = NDArrays.concat(parts, 0);
        all.attach(owner);
        parts.forEach(NDArray::close);
        return all;
    }

    /** Unit-length user tower outputs of target d for the given users, [n, out], in the index array's manager. */
    NDArray userVectors(int domain, NDArray userIdx) {
        refreshIfStale();
        return cachedUsers[domain].get(userIdx.getManager(), new NDIndex("{}", userIdx));
    }

    /** Unit-length item tower outputs of every item of d, [numItems, out] (owned by the cache). */
    NDArray itemVectors(int domain) {
        refreshIfStale();
        return cachedItems[domain];
    }

    /** Every trainable tensor (the node2vec inputs are saved by the recommender). */
    void save(ModelArchive out, String prefix) {
        for (int d = 0; d < numDomains(); d++) {
            String p = prefix + "/" + d;
            out.putAll(p + "/user_map", userMaps.get(d).parameters()).putAll(p + "/item_map", itemMaps.get(d).parameters())
                    .putAll(p + "/user_tower", userTowers.get(d).parameters())
                    .putAll(p + "/item_tower", itemTowers.get(d).parameters())
                    .put(p + "/attention", attention.get(d).table());
        }
    }

    void load(ModelArchive in, String prefix) {
        for (int d = 0; d < numDomains(); d++) {
            String p = prefix + "/" + d;
            in.restoreAll(p + "/user_map", userMaps.get(d).parameters());
            in.restoreAll(p + "/item_map", itemMaps.get(d).parameters());
            in.restoreAll(p + "/user_tower", userTowers.get(d).parameters());
            in.restoreAll(p + "/item_tower", itemTowers.get(d).parameters());
            in.restore(p + "/attention", attention.get(d).table());
        }
    }

    void close() {
        if (cache != null) {
            cache.close();
            cache = null;
        }
    }
}
