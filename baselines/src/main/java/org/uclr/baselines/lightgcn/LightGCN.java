package org.uclr.baselines.lightgcn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import org.uclr.baselines.training.Checkpoint;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.DenseParameter;
import org.uclr.engine.TrainContext;
import org.uclr.model.bprmf.BprTriples;
import org.uclr.model.bprmf.DotProduct;

/**
 * LightGCN for one domain (He et al., SIGIR 2020): layer-0 user and item embeddings, K propagation
 * layers over the normalized bipartite graph without transforms or nonlinearities (eq. 7), final
 * embedding the mean of layers 0..K (eq. 8), score the dot product (eq. 5), BPR loss with L2 on the
 * batch's layer-0 embeddings (eq. 15). Every step propagates the whole graph, so every layer-0 row gets
 * a gradient: the tables are dense parameters with dense Adam.
 */
final class LightGCN implements AutoCloseable {
    private final TrainContext engine;
    private final NormalizedAdjacency graph;
    private final DenseParameter users0;
    private final DenseParameter items0;
    private final int layers;
    private final double decay;
    private final int factors;
    private NDManager cache;
    private NDArray finalUsers;
    private NDArray finalItems;

    LightGCN(TrainContext engine, UserItemMatrix train, int factors, int layers, double decay, double initStd,
             AdamConfig adam, String name) {
        this.engine = engine;
        this.layers = layers;
        this.decay = decay;
        this.factors = factors;
        graph = new NormalizedAdjacency(engine.root(), train);
        users0 = new DenseParameter(name + ".users", engine.gaussian(train.numUsers(), factors, initStd,
                engine.random(name + "/init/users")), adam);
        items0 = new DenseParameter(name + ".items", engine.gaussian(train.numItems(), factors, initStd,
                engine.random(name + "/init/items")), adam);
        refresh();
    }

    Checkpoint checkpoint() {
        return new Checkpoint().add(users0).add(items0);
    }

    /**
     * Eq. 8: the mean of layers 0..K. Arrays are made in the caller's NDScope (they derive from the
     * parameters, which live in the root manager).
     *
     * @return {users [numUsers, m], items [numItems, m]}
     */
    NDArray[] finalEmbeddings() {
        NDArray u = users0.value();
        NDArray i = items0.value();
        NDArray sumU = u;
        NDArray sumI = i;
        for (int k = 0; k < layers; k++) {
            NDArray[] next = graph.propagate(u, i);
            u = next[0];
            i = next[1];
            sumU = sumU.add(u);
            sumI = sumI.add(i);
        }
        float mean = 1f / (layers + 1);
        return new NDArray[]{sumU.mul(mean), sumI.mul(mean)};
    }

    /**
     * Eq. 15 on a batch: mean softplus(-(y_ui - y_uj)) + decay * (|e_u^0|^2 + |e_i^0|^2 + |e_j^0|^2) / (2 batch),
     * the regularizer on layer-0 embeddings scaled as in the authors' code.
     */
    private NDArray loss(NDArray[] fin, long[] userIdx, long[] posIdx, long[] negIdx, NDManager step) {
        NDArray u = rows(fin[0], userIdx, step);   // [batch, m]
        NDArray p = rows(fin[1], posIdx, step);
        NDArray n = rows(fin[1], negIdx, step);
        NDArray margin = u.mul(p.sub(n)).sum(new int[]{1});             // [batch]
        NDArray ranking = margin.neg().getNDArrayInternal().softPlus().mean();
        NDArray u0 = rows(users0.value(), userIdx, step);
        NDArray p0 = rows(items0.value(), posIdx, step);
        NDArray n0 = rows(items0.value(), negIdx, step);
        NDArray l2 = u0.square().sum().add(p0.square().sum()).add(n0.square().sum()).div(2f * userIdx.length);
        return ranking.add(l2.mul((float) decay));
    }

    /** Differentiable row gather ([idx.length, m]); gather's backward is a deterministic scatter-add on the CPU. */
    private NDArray rows(NDArray table, long[] idx, NDManager step) {
        return table.gather(step.create(idx).expandDims(1).repeat(1, factors), 0);
    }

    /** One Adam step on a batch of BPR triples (whole-graph propagation); returns its loss. */
    double step(BprTriples.Batch batch) {
        float value;
        try (NDManager step = engine.newStep(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            try (GradientCollector gc = engine.gradients()) {
                NDArray l = loss(finalEmbeddings(), batch.users(), batch.positives(), batch.negatives(), step);
                gc.backward(l);
                value = l.getFloat();
            }
            users0.update();
            items0.update();
        }
        return value;
    }

    /** Recomputes the final embeddings used for scoring; call after the parameters changed. */
    void refresh() {
        NDManager next = engine.root().newSubManager();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray[] fin = finalEmbeddings();
            NDScope.unregister(fin);
            fin[0].attach(next);
            fin[1].attach(next);
            finalUsers = fin[0];
            finalItems = fin[1];
        }
        if (cache != null) {
            cache.close();
        }
        cache = next;
    }

    /** Dot products of final embeddings: users [n], items [n, width] (local indices) to [n, width]. */
    NDArray score(NDArray userIdx, NDArray itemIdx) {
        return DotProduct.score(finalUsers, userIdx, finalItems, itemIdx);
    }

    /** The final embeddings as they are now (for tests): {users, items}. */
    NDArray[] cachedFinalEmbeddings() {
        return new NDArray[]{finalUsers, finalItems};
    }

    NormalizedAdjacency graph() {
        return graph;
    }

    DenseParameter layer0Users() {
        return users0;
    }

    DenseParameter layer0Items() {
        return items0;
    }

    @Override
    public void close() {
        if (cache != null) {
            cache.close();
            cache = null;
        }
        graph.close();
    }
}
