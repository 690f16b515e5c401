package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import org.uclr.engine.EarlyStopping;
import org.uclr.engine.TrainContext;
import org.uclr.engine.TrainingProgress;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Stage 2 (Algorithm 1, steps 2-9): trains the dual-stream autoencoder on the frozen pretrained user
 * embeddings W0 with the combined loss (eq. 5) — or, for PGE+AE, a single stream with reconstruction
 * only — early-stopped on validation NDCG@10, keeping the best epoch's weights and temperatures.
 */
final class AutoencoderStage {
    private final TrainContext engine;
    private final UclrHyperParameters hp;
    private final DualStreamAutoencoder autoencoder;
    private Temperatures temperatures;
    private final UserMasker masker;

    AutoencoderStage(TrainContext engine, UclrHyperParameters hp, DualStreamAutoencoder autoencoder,
                     Temperatures temperatures) {
        this.engine = engine;
        this.hp = hp;
        this.autoencoder = autoencoder;
        this.temperatures = temperatures;
        this.masker = new UserMasker(hp.maskMode(), hp.maskRatio());
    }

    Temperatures temperatures() {
        return temperatures;
    }

    EarlyStopping train(NDArray w0, DoubleSupplier validation) {
        int numUsers = (int) w0.getShape().get(0);
        EarlyStopping stopping = new EarlyStopping(hp.patience());
        TrainingProgress progress = new TrainingProgress("uclr/" + label(), hp.maxEpochs());
        SplittableRandom order = engine.random("uclr/ae/batches");
        SplittableRandom masks = engine.random("uclr/ae/masks");
        List<float[]> best = null;
        Temperatures bestTemps = temperatures.copy();
        if (stopping.record(0, validation.getAsDouble())) {
            best = autoencoder.snapshot();
        }
        for (int epoch = 1; epoch <= hp.maxEpochs() && !stopping.shouldStop(); epoch++) {
            double lossSum = 0;
            List<int[]> batches = UserBatches.even(numUsers, hp.batchSize(), order);
            for (int[] users : batches) {
                lossSum += step(w0, users, masks);
            }
            double metric = validation.getAsDouble();
            if (stopping.record(epoch, metric)) {
                best = autoencoder.snapshot();
                bestTemps = temperatures.copy();
            }
            progress.epoch(epoch, lossSum / batches.size(), metric, stopping);
        }
        autoencoder.restore(best);
        temperatures = bestTemps;
        return stopping;
    }

    private String label() {
        return hp.variant().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private double step(NDArray w0, int[] users, SplittableRandom masks) {
        try (NDManager step = engine.newStep()) {
            long[] idx = new long[users.length];
            for (int b = 0; b < users.length; b++) {
                idx[b] = users[b];
            }
            NDArray e = w0.get(step, new NDIndex("{}", step.create(idx)));       // [B, m], frozen input
            NDArray masked = hp.variant().hasContrast() ? masker.mask(e, masks) : null;
            float value;
            try (GradientCollector gc = engine.gradients()) {
                NDArray loss = combinedLoss(autoencoder, temperatures, users, e, masked, hp.alpha());
                gc.backward(loss);
                value = loss.getFloat();
            }
            autoencoder.update();
            return value;
        }
    }

    /**
     * Eq. 5 for one batch: contrastive loss + alpha * reconstruction of both streams; or, without a
     * masked stream (PGE+AE), the reconstruction of the single stream.
     */
    static NDArray combinedLoss(DualStreamAutoencoder ae, Temperatures temps, int[] users, NDArray e, NDArray masked,
                                double alpha) {
        NDArray latent = ae.encode(e);                                               // [B, d]
        NDArray reconstruction = DualStreamAutoencoder.reconstruction(ae.decode(latent), e);
        if (masked == null) {
            return reconstruction;
        }
        NDArray maskedLatent = ae.encode(masked);                                    // [B, d]
        reconstruction = reconstruction.add(DualStreamAutoencoder.reconstruction(ae.decode(maskedLatent), e));
        NDArray contrast = UserAwareContrastiveLoss.loss(users, latent, maskedLatent, temps);
        return contrast.add(reconstruction.mul((float) alpha));
    }
}
