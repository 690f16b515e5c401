package org.uclr.baselines.catart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.uclr.baselines.crossdomain.DomainAttention;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.Checkpoint;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.Linear;
import org.uclr.engine.ModelArchive;
import org.uclr.engine.SparseEmbedding;
import org.uclr.engine.TrainContext;
import org.uclr.model.backbone.BprLoss;
import org.uclr.model.backbone.BprTriples;
import org.uclr.model.backbone.DotProduct;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * ART for one target domain t (Li et al., WSDM 2023): the user representation
 * h_u = e_u^t + sum_s softmax_s(e_u^t . K_s e_u^s / sqrt(m)) V_s e_u^s + G c_u, with s over the other
 * domains (their stage-1 embeddings, frozen), c_u the frozen CAT encoding, and score h_u . e_i^t,
 * finetuned with BPR on domain t. V_s and G start at zero, so before finetuning the model is exactly
 * stage 1's BPRMF for domain t, and early stopping (which counts that starting point) keeps a transfer
 * only when it helps on validation.
 */
final class AttentiveTransfer {
    private final TrainContext engine;
    private final SparseEmbedding users;
    private final SparseEmbedding items;
    private final List<NDArray> sourceUsers;
    private final NDArray globalCodes;
    private final List<Linear> keyMaps = new ArrayList<>();
    private final List<Linear> valueMaps = new ArrayList<>();
    /** G, or null when ART does not use the CAT encoding. */
    private final Linear globalMap;
    private final double lambda;
    private final boolean tuneEmbeddings;

    /**
     * @param targetUsers    stage-1 user table of t (copied: the copy is finetuned)
     * @param targetItems    stage-1 item table of t (copied)
     * @param sourceUsers    stage-1 user tables of the other domains (read only)
     * @param globalCodes    CAT encodings of all users [numUsers, m] (read only), or null for none
     * @param tuneEmbeddings whether e^t (users and items) are finetuned too
     */
    AttentiveTransfer(TrainContext engine, NDArray targetUsers, NDArray targetItems, List<NDArray> sourceUsers,
                      NDArray globalCodes, double lambda, boolean tuneEmbeddings, String name) {
        this.engine = engine;
        this.users = new SparseEmbedding(targetUsers.duplicate());
        this.items = new SparseEmbedding(targetItems.duplicate());
        this.sourceUsers = List.copyOf(sourceUsers);
        this.globalCodes = globalCodes;
        this.lambda = lambda;
        this.tuneEmbeddings = tuneEmbeddings;
        int m = (int) targetUsers.getShape().get(1);
        SplittableRandom rng = engine.random(name + "/init");
        for (int s = 0; s < sourceUsers.size(); s++) {
            keyMaps.add(new Linear(engine, m, m, rng, name + ".key" + s));
            valueMaps.add(zeroed(new Linear(engine, m, m, rng, name + ".value" + s)));
        }
        globalMap = globalCodes == null ? null : zeroed(new Linear(engine, m, m, rng, name + ".global"));
    }

    private static Linear zeroed(Linear layer) {
        layer.parameters().forEach(p -> p.restore(new float[p.snapshot().length]));
        return layer;
    }

    /** An optimizer over the maps and, when tuned, the target embeddings. */
    AdamOptimizer optimizer(AdamConfig adam) {
        AdamOptimizer o = new AdamOptimizer(adam);
        if (tuneEmbeddings) {
            o.add(users).add(items);
        }
        if (globalMap != null) {
            o.addAll(globalMap.parameters());
        }
        keyMaps.forEach(l -> o.addAll(l.parameters()));
        valueMaps.forEach(l -> o.addAll(l.parameters()));
        return o;
    }

    Checkpoint checkpoint() {
        Checkpoint c = new Checkpoint().add(users).add(items);
        if (globalMap != null) {
            c.addAll(globalMap.parameters());
        }
        keyMaps.forEach(l -> c.addAll(l.parameters()));
        valueMaps.forEach(l -> c.addAll(l.parameters()));
        return c;
    }

    /**
     * h_u for a batch.
     *
     * @param target e_u^t [n, m]
     * @param userIdx the users [n]
     */
    private NDArray represent(NDArray target, NDArray userIdx) {
        NDManager step = userIdx.getManager();
        NDIndex rows = new NDIndex("{}", userIdx);
        NDArray out = globalMap == null ? target : target.add(globalMap.forward(globalCodes.get(step, rows)));
        if (sourceUsers.isEmpty()) {
            return out;
        }
        NDList keys = new NDList();
        NDList values = new NDList();
        for (int s = 0; s < sourceUsers.size(); s++) {
            NDArray source = sourceUsers.get(s).get(step, rows);                 // [n, m], frozen
            keys.add(keyMaps.get(s).forward(source).expandDims(1));               // [n, 1, m]
            values.add(valueMaps.get(s).forward(source).expandDims(1));
        }
        NDArray k = NDArrays.concat(keys, 1);                                     // [n, S, m]
        NDArray v = NDArrays.concat(values, 1);                                   // [n, S, m]
        return out.add(DomainAttention.pool(v, DomainAttention.weights(target, k)));  // [n, m]
    }

    /** The BPR loss on domain t with h_u as the user representation. */
    NDArray loss(NDManager step, BprTriples.Batch batch) {
        SparseEmbedding.Lookup u = users.lookup(step, batch.users());
        SparseEmbedding.Lookup it = items.lookup(step, batch.positivesThenNegatives());
        NDArray h = represent(u.embeddings(), step.create(batch.users()));
        NDArray itemVectors = it.embeddings();
        NDArray pos = itemVectors.get(new NDIndex("0:{}", batch.size()));
        NDArray neg = itemVectors.get(new NDIndex("{}:", batch.size()));
        return BprLoss.of(h, pos, neg, lambda);
    }

    /** Scores h_u . e_i^t: users [n], items [n, width] to [n, width]. */
    NDArray score(NDArray userIdx, NDArray itemIdx) {
        return DotProduct.score(userVectors(userIdx), items.table(), itemIdx);
    }

    /** h_u of users [n]: [n, m], in the manager of the index array. */
    NDArray userVectors(NDArray userIdx) {
        NDArray target = users.table().get(userIdx.getManager(), new NDIndex("{}", userIdx));
        return represent(target, userIdx);
    }

    /** e_i^t, the finetuned items of domain t [numItems, m]. */
    NDArray itemVectors() {
        return items.table();
    }

    /** Every trained tensor (the frozen sources and CAT codes are saved by the recommender). */
    void save(ModelArchive out, String prefix) {
        out.put(prefix + "/users", users).put(prefix + "/items", items);
        if (globalMap != null) {
            out.putAll(prefix + "/global", globalMap.parameters());
        }
        for (int s = 0; s < keyMaps.size(); s++) {
            out.putAll(prefix + "/key" + s, keyMaps.get(s).parameters());
            out.putAll(prefix + "/value" + s, valueMaps.get(s).parameters());
        }
    }

    void load(ModelArchive in, String prefix) {
        in.restore(prefix + "/users", users);
        in.restore(prefix + "/items", items);
        if (globalMap != null) {
            in.restoreAll(prefix + "/global", globalMap.parameters());
        }
        for (int s = 0; s < keyMaps.size(); s++) {
            in.restoreAll(prefix + "/key" + s, keyMaps.get(s).parameters());
            in.restoreAll(prefix + "/value" + s, valueMaps.get(s).parameters());
        }
    }
}
