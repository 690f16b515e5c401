package org.uclr.baselines.training;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.engine.EarlyStopping;
import org.uclr.engine.TrainingProgress;

import java.util.function.DoubleSupplier;
import java.util.function.IntToDoubleFunction;

/**
 * The epoch loop the baselines share: validate the starting point (epoch 0), then train an epoch,
 * validate, keep the best epoch's parameters, and stop after {@code patience} epochs without a better
 * validation NDCG@10; the best parameters are restored at the end. Epoch 0 counts as a candidate, so a
 * finetuning stage can never end worse (on validation) than the model it started from.
 */
public final class EarlyStoppedTraining {
    private static final Logger LOG = LogManager.getLogger(EarlyStoppedTraining.class);

    private EarlyStoppedTraining() {
    }

    /**
     * @param label      log label, e.g. "lightgcn/books"
     * @param maxEpochs  epoch limit
     * @param patience   epochs without improvement before stopping
     * @param epoch      trains one epoch (1-based number) and returns its mean training loss
     * @param validation validation NDCG@10 of the current parameters
     * @param checkpoint the parameters to keep from the best epoch
     */
    public static Outcome run(String label, int maxEpochs, int patience, IntToDoubleFunction epoch,
                              DoubleSupplier validation, Checkpoint checkpoint) {
        EarlyStopping stopping = new EarlyStopping(patience);
        TrainingProgress progress = new TrainingProgress(label, maxEpochs);
        if (stopping.record(0, validation.getAsDouble())) {
            checkpoint.save();
        }
        long trainNanos = 0;
        int epochs = 0;
        for (int e = 1; e <= maxEpochs && !stopping.shouldStop(); e++) {
            long t0 = System.nanoTime();
            double loss = epoch.applyAsDouble(e);
            trainNanos += System.nanoTime() - t0;
            epochs = e;
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("[" + label + "] training loss is " + loss + " at epoch " + e
                        + "; lower the learning rate");
            }
            double metric = validation.getAsDouble();
            if (stopping.record(e, metric)) {
                checkpoint.save();
            }
            progress.epoch(e, loss, metric, stopping);
        }
        checkpoint.restore();
        Outcome out = new Outcome(stopping.bestEpoch(), stopping.best(), epochs,
                epochs == 0 ? 0 : trainNanos / 1e9 / epochs);
        LOG.info(String.format("[%s] stopped after %d epochs; best val NDCG@10 %.4f at epoch %d; %.2f s training per epoch",
                label, out.epochs(), out.bestValidation(), out.bestEpoch(), out.trainSecondsPerEpoch()));
        return out;
    }

    /**
     * @param bestEpoch            epoch whose parameters were kept (0: the starting point)
     * @param bestValidation       its validation NDCG@10
     * @param epochs               epochs trained
     * @param trainSecondsPerEpoch mean wall time of an epoch's training steps (validation excluded)
     */
    public record Outcome(int bestEpoch, double bestValidation, int epochs, double trainSecondsPerEpoch) {
    }
}
