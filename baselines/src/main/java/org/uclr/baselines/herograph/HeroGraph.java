package org.uclr.baselines.herograph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import org.uclr.baselines.crossdomain.DomainAttention;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.Checkpoint;
import org.uclr.engine.DenseParameter;
import org.uclr.engine.ModelArchive;
import org.uclr.engine.Rows;
import org.uclr.engine.SparseEmbedding;
import org.uclr.engine.TrainContext;
import org.uclr.model.backbone.BprLoss;
import org.uclr.model.backbone.BprTriples;
import org.uclr.model.backbone.DotProduct;

import java.util.ArrayList;
import java.util.List;

/**
 * HeroGraph (Cui et al., ORSUM @ RecSys 2020) over S domains that share their users. Two kinds of
 * embeddings, as the authors describe their code: within-domain tables per domain d (users e_u^d,
 * items e_i) and one set of graph embeddings over the {@link SharedGraph} (users g_u, items g_i).
 * <ul>
 *   <li>Cross-domain user representation for target domain d: the user's neighbourhood in every
 *       domain, n_u^s = (A_s G_I^s)[u], combined by attention with e_u^d as the query, refined over
 *       {@code hops} steps (q_0 = e_u^d, c_t = sum_s softmax_s(q_t . n_u^s / sqrt(m)) n_u^s,
 *       q_{t+1} = q_t + c_t; our reading of the paper's recurrent attention), z_u^d = g_u + c_last.</li>
 *   <li>Cross-domain item representation: z_i = g_i + (A_s^T G_U)[i] for an item of domain s.</li>
 *   <li>Score (the paper's eq. 5 as the authors' code uses it: within-domain and graph embeddings
 *       together): y_ui^d = [e_u^d; z_u^d] . [e_i; z_i] = e_u^d . e_i + z_u^d . z_i.</li>
 *   <li>Loss: BPR per domain (each with {@link org.uclr.engine.EmbeddingL2} on the batch's [e; z]
 *       vectors), summed over the domains of a step.</li>
 * </ul>
 * The graph embeddings get a gradient in every row at every step (the aggregation touches every node),
 * so they are dense parameters; the within-domain tables are row-sparse. On the CPU the aggregation's
 * forward and backward passes in training run as host kernels ({@link HeroGraphHostStep}), autograd
 * keeping the attention and the loss. The vectors used for scoring are cached and rebuilt when a step or
 * a restore has changed any table.
 */
final class HeroGraph implements AutoCloseable {
    private final TrainContext engine;
    private final SharedGraph graph;
    private final List<SparseEmbedding> domainUsers = new ArrayList<>();
    private final List<SparseEmbedding> domainItems = new ArrayList<>();
    private final DenseParameter graphUsers;
    private final List<DenseParameter> graphItems = new ArrayList<>();
    private final int factors;
    private final int hops;
    private final double lambda;
    /** Whether the graph tables are in CPU memory, where the host kernels run. */
    private final boolean hostSupported;
    /** The host kernels, made by the first optimizer that uses them (their buffers are table-sized), else null. */
    private HeroGraphHostStep hostKernels;
    /** Whether the optimizer of the current training uses the host kernels. */
    private boolean hostTraining;
    private NDManager cache;
    private long cachedVersion = -1;
    /** Per domain s: the users' neighbourhood n^s [N, m] as of the cached version. */
    private NDArray[] cachedNeighbourhoods;
    /** Per domain d: [e_i; z_i] for every item of d, [numItems_d, 2m]. */
    private NDArray[] cachedItems;

    /**
     * @param trains training interactions per domain (same users)
     * @param name   prefix of the random streams, e.g. "herograph"
     * @throws IllegalArgumentException if hops &lt; 1 or the domains disagree on the users
     */
    HeroGraph(TrainContext engine, List<UserItemMatrix> trains, HeroGraphSettings hp, String name) {
        if (hp.hops() < 1) {
            throw new IllegalArgumentException("hops must be at least 1, got " + hp.hops());
        }
        this.engine = engine;
        this.factors = hp.factors();
        this.hops = hp.hops();
        this.lambda = hp.lambda();
        graph = new SharedGraph(engine.root(), trains);
        int numUsers = trains.get(0).numUsers();
        for (int d = 0; d < trains.size(); d++) {
            int items = trains.get(d).numItems();
            domainUsers.add(new SparseEmbedding(engine.gaussian(numUsers, factors, hp.initStd(),
                    engine.random(name + "/init/users/" + d))));
            domainItems.add(new SparseEmbedding(engine.gaussian(items, factors, hp.initStd(),
                    engine.random(name + "/init/items/" + d))));
            graphItems.add(new DenseParameter(name + ".graph.items." + d, engine.gaussian(items, factors, hp.initStd(),
                    engine.random(name + "/init/graph-items/" + d))));
        }
        graphUsers = new DenseParameter(name + ".graph.users", engine.gaussian(numUsers, factors, hp.initStd(),
                engine.random(name + "/init/graph-users")));
        hostSupported = HeroGraphHostStep.supports(graphUsers, graphItems);
    }

    int numDomains() {
        return domainUsers.size();
    }

    /**
     * An optimizer over every table: row-sparse Adam on the within-domain ones, dense on the graph ones,
     * whose gradients come from the host kernels ({@link HeroGraphHostStep}) when the tables are in CPU memory.
     */
    AdamOptimizer optimizer(AdamConfig adam) {
        return optimizer(adam, hostSupported);
    }

    /**
     * @param host whether the graph tables' gradients come from the host kernels' backward pass, not autograd
     * @throws IllegalStateException if host is asked for and the tables are not in CPU memory
     */
    AdamOptimizer optimizer(AdamConfig adam, boolean host) {
        if (host && !hostSupported) {
            throw new IllegalStateException("HeroGraph's host kernels need the graph tables in CPU memory");
        }
        AdamOptimizer o = new AdamOptimizer(adam);
        domainUsers.forEach(o::add);
        domainItems.forEach(o::add);
        if (!host) {
            o.add(graphUsers).addAll(graphItems);
            hostTraining = false;
            return o;
        }
        if (hostKernels == null) {
            hostKernels = new HeroGraphHostStep(graph, graphUsers, graphItems, factors, engine.root());
        }
        o.add(graphUsers, hostKernels.userGradient());
        for (int d = 0; d < numDomains(); d++) {
            o.add(graphItems.get(d), hostKernels.itemGradient(d));
        }
        hostTraining = true;
        // the kernels' table-sized host arrays (Douban Books: 3 x 45 MB) and gradients serve training only
        return o.beforeStep(hostKernels::backward).afterTraining(this::releaseHostKernels);
    }

    Checkpoint checkpoint() {
        Checkpoint c = new Checkpoint().add(graphUsers);
        domainUsers.forEach(c::add);
        domainItems.forEach(c::add);
        graphItems.forEach(c::add);
        return c;
    }

    /** {users' neighbourhood [N, m], items' neighbourhood [I_s, m]} per domain s. */
    private NDArray[][] aggregate() {
        List<NDArray> items = new ArrayList<>();
        graphItems.forEach(p -> items.add(p.value()));
        return graph.aggregate(graphUsers.value(), items);
    }

    /** [N, S m]: n^1 | n^2 | ... | n^S, so a user's S neighbourhoods are one row. */
    private static NDArray sideBySide(NDArray[][] aggregated) {
        NDList users = new NDList();
        for (NDArray[] block : aggregated) {
            users.add(block[0]);
        }
        return NDArrays.concat(users, 1);
    }

    /**
     * The recurrent attention of a batch's users over their neighbourhoods in every domain.
     *
     * @param query          e_u^d [n, m]
     * @param neighbourhoods [n, S, m]
     * @return {c [n, m] the attended neighbourhood after the last hop, its weights [n, S]}
     */
    private NDArray[] attend(NDArray query, NDArray neighbourhoods) {
        NDArray q = query;
        NDArray weights = null;
        NDArray context = null;
        for (int t = 0; t < hops; t++) {
            weights = DomainAttention.weights(q, neighbourhoods);
            context = DomainAttention.pool(neighbourhoods, weights);
            q = q.add(context);
        }
        return new NDArray[]{context, weights};
    }

    /** Differentiable rows of a table ([idx.length, width]), deterministic on the CPU ({@link Rows}). */
    private static NDArray rows(NDArray table, NDArray idx) {
        return Rows.of(table, idx);
    }

    /**
     * The step's loss: for every domain with a batch, BPR on [e_u^d; z_u^d] against [e_i; z_i] with L2 on
     * those vectors; the sum over domains. With the host kernels ({@link #optimizer(AdamConfig, boolean)}),
     * the aggregation runs on the host and the loss is differentiable in its leaves; else autograd runs
     * through the whole graph.
     *
     * @param step    the step's manager
     * @param batches per domain, its BPR triples (local item indices), or null to skip the domain
     * @return the scalar loss
     * @throws IllegalArgumentException if every entry is null
     */
    NDArray loss(NDManager step, List<BprTriples.Batch> batches) {
        if (batches.stream().allMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("a step needs a batch of at least one domain");
        }
        HeroGraphHostStep.Leaves[] leaves = hostTraining ? hostKernels.forward(step, batches)
                : autogradLeaves(step, batches);
        NDArray loss = null;
        for (int d = 0; d < numDomains(); d++) {
            if (leaves[d] != null) {
                NDArray l = domainLoss(step, d, batches.get(d), leaves[d].neighbourhoods(), leaves[d].graphUsers(),
                        leaves[d].itemGraph());
                loss = loss == null ? l : loss.add(l);
            }
        }
        return loss;
    }

    /** The graph side's rows at each domain's batch, differentiable through the whole graph (null: no batch). */
    private HeroGraphHostStep.Leaves[] autogradLeaves(NDManager step, List<BprTriples.Batch> batches) {
        NDArray[][] aggregated = aggregate();
        NDArray sides = sideBySide(aggregated);
        HeroGraphHostStep.Leaves[] leaves = new HeroGraphHostStep.Leaves[numDomains()];
        for (int d = 0; d < numDomains(); d++) {
            BprTriples.Batch b = batches.get(d);
            if (b == null) {
                continue;
            }
            NDArray userIdx = step.create(b.users());
            NDArray itemGraph = graphItems.get(d).value().add(aggregated[d][1]);                     // z_i [I_d, m]
            leaves[d] = new HeroGraphHostStep.Leaves(
                    rows(sides, userIdx).reshape(-1, numDomains(), factors),                         // [b, S, m]
                    rows(graphUsers.value(), userIdx),                                               // [b, m]
                    rows(itemGraph, step.create(b.positivesThenNegatives())));                       // [2b, m]
        }
        return leaves;
    }

    /**
     * One domain's BPR loss with L2 from the graph side's rows at the batch.
     *
     * @param neighbourhoods the batch users' neighbourhoods in every domain [b, S, m]
     * @param graphUserRows  their g_u [b, m]
     * @param itemGraphRows  z_i at the positives, then the negatives [2b, m]
     */
    private NDArray domainLoss(NDManager step, int d, BprTriples.Batch b, NDArray neighbourhoods,
                               NDArray graphUserRows, NDArray itemGraphRows) {
        NDArray within = domainUsers.get(d).lookup(step, b.users()).embeddings();              // [b, m]
        NDArray z = graphUserRows.add(attend(within, neighbourhoods)[0]);                       // [b, m]
        NDArray u = within.concat(z, 1);                                                         // [b, 2m]
        NDArray items = domainItems.get(d).lookup(step, b.positivesThenNegatives()).embeddings()
                .concat(itemGraphRows, 1);                                                       // [2b, 2m]
        return BprLoss.of(u, items.get(new NDIndex("0:{}", b.size())), items.get(new NDIndex("{}:", b.size())),
                lambda);
    }

    private long version() {
        long v = graphUsers.version();
        for (int d = 0; d < numDomains(); d++) {
            v += domainUsers.get(d).version() + domainItems.get(d).version() + graphItems.get(d).version();
        }
        return v;
    }

    /** Recomputes the aggregations used for scoring when a step or a restore changed the tables. */
    private void refreshIfStale() {
        long version = version();
        if (version == cachedVersion) {
            return;
        }
        NDManager next = engine.root().newSubManager();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray[][] aggregated = aggregate();
            NDArray[] neighbourhoods = new NDArray[numDomains()];
            NDArray[] items = new NDArray[numDomains()];
            for (int d = 0; d < numDomains(); d++) {
                neighbourhoods[d] = aggregated[d][0].stopGradient();
                items[d] = domainItems.get(d).table()
                        .concat(graphItems.get(d).value().add(aggregated[d][1]), 1).stopGradient();
                keep(neighbourhoods[d], next);
                keep(items[d], next);
            }
            cachedNeighbourhoods = neighbourhoods;
            cachedItems = items;
        }
        if (cache != null) {
            cache.close();
        }
        cache = next;
        cachedVersion = version;
    }

    private static void keep(NDArray a, NDManager owner) {
        NDScope.unregister(a);
        a.attach(owner);
    }

    /** [n, S, m]: the users' cached neighbourhoods in every domain. */
    private NDArray cachedNeighbourhoods(NDManager m, NDIndex rows) {
        NDList n = new NDList();
        for (NDArray a : cachedNeighbourhoods) {
            n.add(a.get(m, rows).expandDims(1));
        }
        return NDArrays.concat(n, 1);
    }

    /**
     * [e_u^d; z_u^d] of the given users, [n, 2m], in the index array's manager.
     *
     * @param userIdx [n]
     */
    NDArray userVectors(int domain, NDArray userIdx) {
        refreshIfStale();
        NDManager m = userIdx.getManager();
        NDIndex rows = new NDIndex("{}", userIdx);
        NDArray within = domainUsers.get(domain).table().get(m, rows);
        NDArray z = graphUsers.value().get(m, rows).add(attend(within, cachedNeighbourhoods(m, rows))[0]);
        return within.concat(z, 1);
    }

    /** [e_i; z_i] of every item of the domain, [numItems, 2m] (owned by the cache; the caller never closes it). */
    NDArray itemVectors(int domain) {
        refreshIfStale();
        return cachedItems[domain];
    }

    /**
     * The attention weights of the last hop over the users' S domains.
     *
     * @param userIdx [n]
     * @return [n, S], each row summing to one
     */
    NDArray attentionWeights(int domain, NDArray userIdx) {
        refreshIfStale();
        NDManager m = userIdx.getManager();
        NDIndex rows = new NDIndex("{}", userIdx);
        return attend(domainUsers.get(domain).table().get(m, rows), cachedNeighbourhoods(m, rows))[1];
    }

    /** Scores y_ui^d: users [n], items [n, width] (local indices of domain d) to [n, width]. */
    NDArray score(int domain, NDArray userIdx, NDArray itemIdx) {
        return DotProduct.score(userVectors(domain, userIdx), itemVectors(domain), itemIdx);
    }

    /** The live tables, for tests: {e_U^d, e_I^d, G_U, G_I^d}. */
    NDArray[] tables(int domain) {
        return new NDArray[]{domainUsers.get(domain).table(), domainItems.get(domain).table(), graphUsers.value(),
                graphItems.get(domain).value()};
    }

    /**
     * For tests: the graph tables' gradients of the current step, {G_U [numUsers * m], G_I^0, ..., G_I^(S-1)}
     * flattened: the host kernels' (written by the optimizer's step) or autograd's (read before that step).
     */
    float[][] graphGradients() {
        float[][] out = new float[numDomains() + 1][];
        if (hostTraining) {
            out[0] = hostKernels.userGradient().toFloatArray();
            for (int d = 0; d < numDomains(); d++) {
                out[d + 1] = hostKernels.itemGradient(d).toFloatArray();
            }
            return out;
        }
        try (NDArray g = graphUsers.value().getGradient()) {
            out[0] = g.toFloatArray();
        }
        for (int d = 0; d < numDomains(); d++) {
            try (NDArray g = graphItems.get(d).value().getGradient()) {
                out[d + 1] = g.toFloatArray();
            }
        }
        return out;
    }

    /** Every table (the graph is rebuilt from the training data when loaded). */
    void save(ModelArchive out, String prefix) {
        out.put(prefix + "/graph_users", graphUsers);
        for (int d = 0; d < numDomains(); d++) {
            out.put(prefix + "/" + d + "/users", domainUsers.get(d)).put(prefix + "/" + d + "/items", domainItems.get(d))
                    .put(prefix + "/" + d + "/graph_items", graphItems.get(d));
        }
    }

    void load(ModelArchive in, String prefix) {
        in.restore(prefix + "/graph_users", graphUsers);
        for (int d = 0; d < numDomains(); d++) {
            in.restore(prefix + "/" + d + "/users", domainUsers.get(d));
            in.restore(prefix + "/" + d + "/items", domainItems.get(d));
            in.restore(prefix + "/" + d + "/graph_items", graphItems.get(d));
        }
    }

    private void releaseHostKernels() {
        if (hostKernels != null) {
            hostKernels.close();
            hostKernels = null;
        }
        hostTraining = false;
    }

    @Override
    public void close() {
        if (hostKernels != null) {
            hostKernels.close();
            hostKernels = null;
        }
        if (cache != null) {
            cache.close();
            cache = null;
        }
        graph.close();
    }
}
