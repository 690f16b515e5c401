package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.Checkpoint;
import org.uclr.engine.EmbeddingL2;
import org.uclr.engine.EpochLimits;
import org.uclr.engine.ModelArchive;
import org.uclr.engine.SparseEmbedding;
import org.uclr.engine.TrainContext;

import java.util.Arrays;

/**
 * BPR-MF (Rendle et al., UAI 2009; the UCLR paper's eq. 2): user and item embedding tables trained with
 * the BPR loss and row-sparse Adam; the score of (user, item) is the dot product of their embeddings.
 * Over several domains ({@link #withDomainOffsets}) a user may also get a domain-specific offset: in
 * domain d the user vector is W0[u] + V_d[u] (beyond the paper; {@code bprmf.user.offsets}).
 */
public final class MatrixFactorization extends BprTrainedBackbone {
    private final SparseEmbedding users;
    private final SparseEmbedding items;
    private final BprSettings hp;
    private final int numUsers;
    /** V: the offsets of domain d are rows [d * numUsers, (d + 1) * numUsers); null without offsets. */
    private SparseEmbedding offsets;
    private int[] itemOffsets;

    /**
     * @param name names the initialization streams ({@code name + "/init/users"}, {@code .../items})
     */
    public MatrixFactorization(TrainContext engine, int numUsers, int numItems, BprSettings hp, String name) {
        super(engine);
        this.hp = hp;
        this.numUsers = numUsers;
        users = new SparseEmbedding(engine.gaussian(numUsers, hp.factors(), hp.initStd(),
                engine.random(name + "/init/users")));
        items = new SparseEmbedding(engine.gaussian(numItems, hp.factors(), hp.initStd(),
                engine.random(name + "/init/items")));
    }

    /**
     * Gives every user a domain-specific offset V_d[u], zero at the start and L2-regularized like the
     * embeddings, so that in domain d the user vector is W0[u] + V_d[u] (a shared row plus what only that
     * domain's interactions say). Call before training or loading.
     *
     * @param domainItemOffsets first index of each domain's items in this model's item table, ascending
     * @return this model
     */
    public MatrixFactorization withDomainOffsets(int[] domainItemOffsets) {
        for (int d = 1; d < domainItemOffsets.length; d++) {
            if (domainItemOffsets[d] < domainItemOffsets[d - 1]) {
                throw new IllegalArgumentException("item offsets must be ascending: " + Arrays.toString(domainItemOffsets));
            }
        }
        itemOffsets = domainItemOffsets.clone();
        offsets = new SparseEmbedding(engine.root().zeros(new Shape((long) itemOffsets.length * numUsers,
                hp.factors())));
        return this;
    }

    public boolean hasDomainOffsets() {
        return offsets != null;
    }

    /**
     * The user vectors of one domain [numUsers, m]: W0 + V_d with offsets, else a copy of W0. A new array
     * of the engine's root manager, which the caller closes.
     */
    public NDArray domainUsers(int domain) {
        if (offsets == null) {
            return users.table().duplicate();
        }
        try (NDArray v = offsets.table().get(new NDIndex("{}:{}", (long) domain * numUsers,
                (long) (domain + 1) * numUsers))) {
            return users.table().add(v);
        }
    }

    /**
     * The user vectors of a batch in one domain: W0[u] + V_d[u] with offsets, else W0[u].
     *
     * @param userIdx [n] user indices (int64); the result [n, m] belongs to {@code step}
     */
    public NDArray domainUserRows(NDManager step, int domain, NDArray userIdx) {
        NDArray w = users.table().get(step, new NDIndex("{}", userIdx));
        if (offsets == null) {
            return w;
        }
        return w.add(offsets.table().get(step, new NDIndex("{}", userIdx.add((long) domain * numUsers))));
    }

    /** Scores in one domain: users [n], items [n, width] (indices into this model's tables) to [n, width]. */
    public NDArray score(int domain, NDArray userIdx, NDArray itemIdx) {
        if (offsets == null) {
            return score(userIdx, itemIdx);
        }
        return DotProduct.score(domainUserRows(userIdx.getManager(), domain, userIdx), items.table(), itemIdx);
    }

    /** The domain of an item index of this model's table (the last offset not above it). */
    private int domainOf(long item) {
        int d = Arrays.binarySearch(itemOffsets, (int) item);
        if (d < 0) {
            return -d - 2;
        }
        while (d + 1 < itemOffsets.length && itemOffsets[d + 1] == item) {
            d++;                                                                 // skip empty domains
        }
        return d;
    }

    @Override
    public NDArray users() {
        return users.table();
    }

    @Override
    public NDArray items() {
        return items.table();
    }

    @Override
    protected AdamOptimizer optimizer() {
        AdamOptimizer adam = new AdamOptimizer(hp.adam()).add(users).add(items);
        return offsets == null ? adam : adam.add(offsets);
    }

    @Override
    protected Checkpoint checkpoint() {
        Checkpoint c = new Checkpoint().add(users).add(items);
        return offsets == null ? c : c.add(offsets);
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
     * BPR loss (eq. 2) with L2 on the batch's rows; differentiable in the rows it looks up. With offsets
     * the user vector of a triple is W0[u] + V_d[u], d the domain of its positive, and W0[u] and V_d[u]
     * are each penalized: lambda mean_b (|W0[u_b]|^2 + |V_d[u_b]|^2 + |i_b|^2 + |j_b|^2).
     */
    @Override
    protected NDArray loss(NDManager step, BprTriples.Batch batch) {
        SparseEmbedding.Lookup u = users.lookup(step, batch.users());
        SparseEmbedding.Lookup it = items.lookup(step, batch.positivesThenNegatives());
        NDArray itemVectors = it.embeddings();
        NDArray pos = itemVectors.get(new NDIndex("0:{}", batch.size()));
        NDArray neg = itemVectors.get(new NDIndex("{}:", batch.size()));
        if (offsets == null) {
            return BprLoss.of(u.embeddings(), pos, neg, hp.lambda());
        }
        long[] rows = new long[batch.size()];
        for (int b = 0; b < rows.length; b++) {
            rows[b] = (long) domainOf(batch.positives()[b]) * numUsers + batch.users()[b];
        }
        NDArray w = u.embeddings();
        NDArray v = offsets.lookup(step, rows).embeddings();
        return BprLoss.ranking(w.add(v), pos, neg).add(EmbeddingL2.of(hp.lambda(), w, v, pos, neg));
    }

    @Override
    public void save(ModelArchive out, String prefix) {
        out.put(prefix + "/users", users).put(prefix + "/items", items);
        if (offsets != null) {
            out.put(prefix + "/offsets", offsets);
        }
    }

    @Override
    public void load(ModelArchive in, String prefix) {
        in.restore(prefix + "/users", users);
        in.restore(prefix + "/items", items);
        if (offsets != null) {
            in.restore(prefix + "/offsets", offsets);
        }
    }

    @Override
    public void close() {
        // the tables belong to the engine's root manager, released with it
    }
}
