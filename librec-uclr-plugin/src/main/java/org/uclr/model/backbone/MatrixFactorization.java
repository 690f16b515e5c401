package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.Checkpoint;
import org.uclr.engine.EpochLimits;
import org.uclr.engine.ModelArchive;
import org.uclr.engine.SparseEmbedding;
import org.uclr.engine.TrainContext;


/**
 * BPR-MF (Rendle et al., UAI 2009; the UCLR paper's eq. 2): user and item embedding tables trained with
 * the BPR loss and row-sparse Adam; the score of (user, item) is the dot product of their embeddings.
 */
public final class MatrixFactorization extends BprTrainedBackbone {
    private final SparseEmbedding users;
    private final SparseEmbedding items;
    private final BprSettings hp;

    /**
     * @param name names the initialization streams ({@code name + "/init/users"}, {@code .../items})
     */
    public MatrixFactorization(TrainContext engine, int numUsers, int numItems, BprSettings hp, String name) {
        super(engine);
        this.hp = hp;
        users = new SparseEmbedding(engine.gaussian(numUsers, hp.factors(), hp.initStd(),
                engine.random(name + "/init/users")));
        items = new SparseEmbedding(engine.gaussian(numItems, hp.factors(), hp.initStd(),
                engine.random(name + "/init/items")));
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
        return new AdamOptimizer(hp.adam()).add(users).add(items);
    }

    @Override
    protected Checkpoint checkpoint() {
        return new Checkpoint().add(users).add(items);
    }

    @Override
    protected int batchSize() {
        return hp.batchSize();
    }

    @Override
    protected EpochLimits epochs() {
        return hp.epochs();
    }

    /** BPR loss (eq. 2) with L2 on the batch's rows; differentiable in the rows it looks up. */
    @Override
    protected NDArray loss(NDManager step, BprTriples.Batch batch) {
        SparseEmbedding.Lookup u = users.lookup(step, batch.users());
        SparseEmbedding.Lookup it = items.lookup(step, batch.positivesThenNegatives());
        NDArray itemVectors = it.embeddings();
        NDArray pos = itemVectors.get(new NDIndex("0:{}", batch.size()));
        NDArray neg = itemVectors.get(new NDIndex("{}:", batch.size()));
        return BprLoss.of(u.embeddings(), pos, neg, hp.lambda());
    }

    @Override
    public void save(ModelArchive out, String prefix) {
        out.put(prefix + "/users", users).put(prefix + "/items", items);
    }

    @Override
    public void load(ModelArchive in, String prefix) {
        in.restore(prefix + "/users", users);
        in.restore(prefix + "/items", items);
    }

    @Override
    public void close() {
        // the tables belong to the engine's root manager, released with it
    }
}
