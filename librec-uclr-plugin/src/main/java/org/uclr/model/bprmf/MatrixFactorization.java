package org.uclr.model.bprmf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.EarlyStopping;
import org.uclr.engine.SparseEmbedding;
import org.uclr.engine.TrainContext;
import org.uclr.engine.TrainingProgress;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * User and item embedding tables trained with the BPR loss and row-sparse Adam, early-stopped on a
 * validation metric. The score of (user, item) is the dot product of their embeddings.
 */
public final class MatrixFactorization {
    private final TrainContext engine;
    private final SparseEmbedding users;
    private final SparseEmbedding items;
    private final BprHyperParameters hp;

    public MatrixFactorization(TrainContext engine, int numUsers, int numItems, BprHyperParameters hp, String name) {
        this.engine = engine;
        this.hp = hp;
        AdamConfig adam = AdamConfig.of(hp.learningRate());
        users = new SparseEmbedding(engine.gaussian(numUsers, hp.factors(), hp.initStd(),
                engine.random(name + "/init/users")), adam);
        items = new SparseEmbedding(engine.gaussian(numItems, hp.factors(), hp.initStd(),
                engine.random(name + "/init/items")), adam);
    }

    public NDArray userTable() {
        return users.table();
    }

    public NDArray itemTable() {
        return items.table();
    }

    /**
     * Trains until validation stops improving for {@code patience} epochs, then restores the best epoch.
     *
     * @param triples    training data
     * @param validation validation NDCG@10 of the current parameters
     * @param label      log label, e.g. "bprmf/books"
     * @return the early-stopping record (best epoch and value)
     */
    public EarlyStopping train(BprTriples triples, DoubleSupplier validation, String label) {
        EarlyStopping stopping = new EarlyStopping(hp.patience());
        TrainingProgress progress = new TrainingProgress(label, hp.maxEpochs());
        SplittableRandom rng = engine.random(label + "/batches");
        float[] bestUsers = null;
        float[] bestItems = null;
        if (stopping.record(0, validation.getAsDouble())) {
            bestUsers = users.snapshot();
            bestItems = items.snapshot();
        }
        for (int epoch = 1; epoch <= hp.maxEpochs() && !stopping.shouldStop(); epoch++) {
            double lossSum = 0;
            int steps = 0;
            for (BprTriples.Batch batch : triples.epoch(hp.batchSize(), rng)) {
                lossSum += step(batch);
                steps++;
            }
            double metric = validation.getAsDouble();
            if (stopping.record(epoch, metric)) {
                bestUsers = users.snapshot();
                bestItems = items.snapshot();
            }
            progress.epoch(epoch, lossSum / Math.max(1, steps), metric, stopping);
        }
        users.restore(bestUsers);
        items.restore(bestItems);
        return stopping;
    }

    /** One BPR step on a batch; returns its loss. */
    public double step(BprTriples.Batch batch) {
        try (NDManager step = engine.newStep()) {
            SparseEmbedding.Lookup u = users.lookup(step, batch.users());
            long[] both = new long[batch.size() * 2];
            System.arraycopy(batch.positives(), 0, both, 0, batch.size());
            System.arraycopy(batch.negatives(), 0, both, batch.size(), batch.size());
            SparseEmbedding.Lookup it = items.lookup(step, both);
            float loss;
            try (GradientCollector gc = engine.gradients()) {
                NDArray itemVectors = it.embeddings();
                NDArray pos = itemVectors.get(new NDIndex("0:{}", batch.size()));
                NDArray neg = itemVectors.get(new NDIndex("{}:", batch.size()));
                NDArray l = BprLoss.of(u.embeddings(), pos, neg, hp.lambda());
                gc.backward(l);
                loss = l.getFloat();
            }
            users.update(u);
            items.update(it);
            return loss;
        }
    }

    /** Dot-product scores: users [n], items [n, width] (indices into this model's tables) to [n, width]. */
    public NDArray score(NDArray userIdx, NDArray itemIdx) {
        return DotProduct.score(users.table(), userIdx, items.table(), itemIdx);
    }
}
