package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.Checkpoint;
import org.uclr.engine.EpochLimits;
import org.uclr.engine.TrainContext;
import org.uclr.engine.Trainer;
import org.uclr.engine.TrainingOutcome;
import org.uclr.engine.Validation;

import java.util.SplittableRandom;

/**
 * A backbone trained on BPR triples: a subclass says what its loss on a batch is, which parameters the
 * optimizer trains and keeps, and its batch size and epoch limits; training itself is the same for all.
 */
abstract class BprTrainedBackbone implements Backbone {
    protected final TrainContext engine;

    protected BprTrainedBackbone(TrainContext engine) {
        this.engine = engine;
    }

    /** The training loss on a batch (BPR plus regularization), differentiable in the trained parameters. */
    protected abstract NDArray loss(NDManager step, BprTriples.Batch batch);

    /** A new optimizer over the trained parameters (called once per {@link #train}). */
    protected abstract AdamOptimizer optimizer();

    /** The parameters kept from the best epoch. */
    protected abstract Checkpoint checkpoint();

    protected abstract int batchSize();

    protected abstract EpochLimits epochs();

    @Override
    public final TrainingOutcome train(BprTriples triples, Validation validation, String label) {
        SplittableRandom rng = engine.random(label + "/batches");
        return Trainer.<BprTriples.Batch>of(label, engine)
                .epochs(epochs())
                .batches(epoch -> triples.epoch(batchSize(), rng))
                .loss(this::loss)
                .optimizer(optimizer())
                .checkpoint(checkpoint())
                .validation(validation)
                .fit();
    }
}
