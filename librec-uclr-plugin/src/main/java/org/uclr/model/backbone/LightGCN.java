package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.Checkpoint;
import org.uclr.engine.DenseParameter;
import org.uclr.engine.EmbeddingL2;
import org.uclr.engine.EpochLimits;
import org.uclr.engine.HostMemory;
import org.uclr.engine.ModelArchive;
import org.uclr.engine.Rows;
import org.uclr.engine.Scalars;
import org.uclr.engine.TrainContext;


/**
 * LightGCN (He et al., SIGIR 2020) on one user-item graph (a domain's, or for UCLR's stage 1 the joint
 * graph of the shared users and every domain's items): layer-0 user and item embeddings, K propagation
 * layers over the normalized bipartite graph without transforms or nonlinearities (eq. 7), final
 * embedding the mean of layers 0..K (eq. 8), score the dot product (eq. 5), BPR loss with L2 on the
 * batch's layer-0 embeddings (eq. 15). Every step propagates the whole graph, so every layer-0 row gets
 * a gradient: the tables are dense parameters with dense Adam. The final embeddings used for scoring are
 * cached and rebuilt when a step or a restore has changed the layer-0 tables.
 *
 * <p>On the CPU the propagation's forward and backward run as host kernels ({@link HostPropagationStep}):
 * the same step bit for bit as autograd over the whole graph, without its ~30 table-sized temporaries per
 * step, and the scoring cache is refreshed by the same kernels into two fixed tensors.
 */
public final class LightGCN extends BprTrainedBackbone {
    private final NormalizedAdjacency graph;
    private final DenseParameter users0;
    private final DenseParameter items0;
    private final LightGCNSettings hp;
    private NDManager cache;
    private NDArray finalUsers;
    private NDArray finalItems;
    private long cachedVersion = -1;
    /** The host kernels on the CPU, else null. */
    private final HostPropagationStep hostKernels;
    /** Whether the optimizer of the current training uses the host kernels' backward pass. */
    private boolean hostTraining;

    /**
     * @param train the graph's interactions [numUsers, numItems]
     * @param name  names the initialization streams ({@code name + "/init/users"}, {@code .../items})
     */
    public LightGCN(TrainContext engine, UserItemMatrix train, LightGCNSettings hp, String name) {
        super(engine);
        this.hp = hp;
        graph = new NormalizedAdjacency(engine.root(), train);
        users0 = new DenseParameter(name + ".users", engine.gaussian(train.numUsers(), hp.factors(), hp.initStd(),
                engine.random(name + "/init/users")));
        items0 = new DenseParameter(name + ".items", engine.gaussian(train.numItems(), hp.factors(), hp.initStd(),
                engine.random(name + "/init/items")));
        hostKernels = HostMemory.floats(users0.value()) != null && HostMemory.floats(items0.value()) != null
                ? new HostPropagationStep(graph, users0, items0, hp.layers(), hp.lambda(), hp.factors(), engine.root())
                : null;
    }

    @Override
    protected AdamOptimizer optimizer() {
        return optimizer(hostKernels != null);
    }

    /**
     * The optimizer over the layer-0 tables: with {@code hostKernels}, the gradients come from the host
     * backward pass ({@link HostPropagationStep#backward()}), else from autograd over the whole graph.
     */
    AdamOptimizer optimizer(boolean hostKernels) {
        AdamOptimizer adam = new AdamOptimizer(hp.adam());
        hostTraining = hostKernels;
        if (!hostKernels) {
            return adam.add(users0).add(items0);
        }
        return adam.add(users0, this.hostKernels.userGradient()).add(items0, this.hostKernels.itemGradient())
                .beforeStep(this.hostKernels::backward).afterTraining(this.hostKernels::releaseTraining);
    }

    @Override
    protected Checkpoint checkpoint() {
        return new Checkpoint().add(users0).add(items0);
    }

    @Override
    protected int batchSize() {
        return hp.batchSize();
    }

    @Override
    protected EpochLimits epochs() {
        return hp.epochs();
    }

    /**
     * Eq. 8: the mean of layers 0..K, differentiable in the layer-0 tables. Arrays are made in the
     * caller's NDScope (they derive from the parameters, which live in the root manager).
     *
     * @return {users [numUsers, m], items [numItems, m]}
     */
    NDArray[] propagate() {
        NDArray u = users0.value();
        NDArray i = items0.value();
        NDArray sumU = u;
        NDArray sumI = i;
        for (int k = 0; k < hp.layers(); k++) {
            NDArray[] next = graph.propagate(u, i);
            u = next[0];
            i = next[1];
            sumU = sumU.add(u);
            sumI = sumI.add(i);
        }
        float mean = 1f / (hp.layers() + 1);
        return new NDArray[]{Scalars.mul(sumU, mean), Scalars.mul(sumI, mean)};
    }

    /** Eq. 15 on a batch: BPR on the final embeddings + L2 on the batch's layer-0 rows. */
    @Override
    protected NDArray loss(NDManager step, BprTriples.Batch batch) {
        if (hostTraining) {
            return hostKernels.forward(step, batch);
        }
        NDArray[] fin = propagate();
        NDArray u = rows(fin[0], batch.users(), step);   // [batch, m]
        NDArray p = rows(fin[1], batch.positives(), step);
        NDArray n = rows(fin[1], batch.negatives(), step);
        return batchLoss(u, p, n, rows(users0.value(), batch.users(), step),
                rows(items0.value(), batch.positives(), step), rows(items0.value(), batch.negatives(), step),
                hp.lambda());
    }

    /**
     * Eq. 15 from a batch's rows ([batch, m] each): BPR on the final embeddings u, p, n plus L2 on the
     * layer-0 rows u0, p0, n0. One function for both steps, so their leaves' gradients are the same floats.
     */
    static NDArray batchLoss(NDArray u, NDArray p, NDArray n, NDArray u0, NDArray p0, NDArray n0, double lambda) {
        NDArray l2 = EmbeddingL2.of(lambda, u0, p0, n0);
        return BprLoss.ranking(u, p, n).add(l2);
    }

    /** Differentiable rows ([idx.length, m]), deterministic on the CPU ({@link Rows}). */
    private static NDArray rows(NDArray table, long[] idx, NDManager step) {
        return Rows.of(table, step.create(idx));
    }

    @Override
    public NDArray users() {
        refreshIfStale();
        return finalUsers;
    }

    @Override
    public NDArray items() {
        refreshIfStale();
        return finalItems;
    }

    private void refreshIfStale() {
        long version = users0.version() + items0.version();
        if (version == cachedVersion) {
            return;
        }
        if (hostKernels != null) {
            // eq. 8 by the host kernels, written into the same two tensors each time
            if (cache == null) {
                cache = engine.root().newSubManager();
                finalUsers = cache.zeros(users0.value().getShape());
                finalItems = cache.zeros(items0.value().getShape());
                NDScope.unregister(finalUsers, finalItems);
            }
            hostKernels.finalEmbeddings(HostMemory.floats(finalUsers), HostMemory.floats(finalItems));
            cachedVersion = version;
            return;
        }
        NDManager next = engine.root().newSubManager();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray[] fin = propagate();
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
        cachedVersion = version;
    }

    DenseParameter layer0Users() {
        return users0;
    }

    DenseParameter layer0Items() {
        return items0;
    }

    /** The layer-0 tables: the final embeddings are propagated from them over the graph again when loaded. */
    @Override
    public void save(ModelArchive out, String prefix) {
        out.put(prefix + "/users0", users0).put(prefix + "/items0", items0);
    }

    @Override
    public void load(ModelArchive in, String prefix) {
        in.restore(prefix + "/users0", users0);
        in.restore(prefix + "/items0", items0);
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
