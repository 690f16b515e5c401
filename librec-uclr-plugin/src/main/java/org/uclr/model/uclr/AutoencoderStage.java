package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import org.uclr.engine.EarlyStopping;
import org.uclr.engine.TrainContext;
import org.uclr.engine.TrainingProgress;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * Stage 2 (Algorithm 1, steps 2-9): trains the dual-stream autoencoder on the frozen pretrained user
 * embeddings W0 with the combined loss (eq. 5) — or, for PGE+AE, a single stream with reconstruction
 * only — early-stopped on validation NDCG@10, keeping each domain's best epoch.
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

    /**
     * Trains until no domain's validation NDCG@10 has improved for {@code patience} epochs. Each domain
     * keeps the weights of its own best epoch (domains peak at different times: the one with fewer
     * interactions usually later); the temperatures kept are those of the best mean over domains.
     */
    Result train(NDArray w0, int numDomains, IntToDoubleFunction validation) {
        int numUsers = (int) w0.getShape().get(0);
        List<EarlyStopping> perDomain = new ArrayList<>();
        List<List<float[]>> best = new ArrayList<>();
        for (int d = 0; d < numDomains; d++) {
            perDomain.add(new EarlyStopping(hp.patience()));
            best.add(null);
        }
        EarlyStopping mean = new EarlyStopping(hp.patience());
        TrainingProgress progress = new TrainingProgress("uclr/" + label(), hp.maxEpochs());
        SplittableRandom order = engine.random("uclr/ae/batches");
        SplittableRandom masks = engine.random("uclr/ae/masks");
        Temperatures bestTemps = temperatures.copy();
        double lossSum = Double.NaN;
        int steps = 1;
        for (int epoch = 0; epoch <= hp.maxEpochs() && !perDomain.stream().allMatch(EarlyStopping::shouldStop); epoch++) {
            if (epoch > 0) {
                lossSum = 0;
                List<int[]> batches = UserBatches.even(numUsers, hp.batchSize(), order);
                for (int[] users : batches) {
                    lossSum += step(w0, users, masks);
                }
                steps = batches.size();
            }
            List<float[]> snapshot = null;
            double sum = 0;
            for (int d = 0; d < numDomains; d++) {
                double v = validation.applyAsDouble(d);
                sum += v;
                if (perDomain.get(d).record(epoch, v)) {
                    snapshot = snapshot == null ? autoencoder.snapshot() : snapshot;
                    best.set(d, snapshot);
                }
            }
            if (mean.record(epoch, sum / numDomains)) {
                bestTemps = temperatures.copy();
            }
            if (epoch > 0) {
                progress.epoch(epoch, lossSum / steps, sum / numDomains, mean);
            }
        }
        for (int d = 0; d < numDomains; d++) {
            log(perDomain.get(d), d);
        }
        temperatures = bestTemps;
        return new Result(best, perDomain);
    }

    private void log(EarlyStopping s, int domain) {
        org.apache.logging.log4j.LogManager.getLogger(AutoencoderStage.class).info(
                "[uclr/{}] domain {}: best validation NDCG@10 {} at epoch {}", label(), domain,
                String.format("%.4f", s.best()), s.bestEpoch());
    }

    /**
     * What stage 2 leaves for each domain.
     *
     * @param weights  per domain, the autoencoder weights of its best validation epoch
     * @param stopping per domain, its early-stopping record
     */
    record Result(List<List<float[]>> weights, List<EarlyStopping> stopping) {
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
