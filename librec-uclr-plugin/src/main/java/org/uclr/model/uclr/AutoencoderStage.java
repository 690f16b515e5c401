package org.uclr.model.uclr;

import org.uclr.engine.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.Checkpoint;
import org.uclr.engine.TrainContext;
import org.uclr.engine.Trainer;
import org.uclr.engine.TrainingOutcome;
import org.uclr.engine.Validation;

import java.util.SplittableRandom;

/**
 * Stage 2 (Algorithm 1, steps 2-9): trains the dual-stream autoencoder on the frozen pretrained user
 * embeddings W0 with the combined loss (eq. 5) — or, for PGE+AE, a single stream with reconstruction
 * only — early-stopped on validation NDCG@10, each domain keeping its own best epoch.
 */
final class AutoencoderStage {
    private final TrainContext engine;
    private final UclrHyperParameters hp;
    private final DualStreamAutoencoder autoencoder;
    private final Temperatures temperatures;
    private final UserMasker masker;
    private final Checkpoint checkpoint;

    AutoencoderStage(TrainContext engine, UclrHyperParameters hp, DualStreamAutoencoder autoencoder,
                     Temperatures temperatures) {
        this.engine = engine;
        this.hp = hp;
        this.autoencoder = autoencoder;
        this.temperatures = temperatures;
        this.masker = new UserMasker(hp.autoencoder().maskMode(), hp.autoencoder().maskRatio());
        this.checkpoint = new Checkpoint().addAll(autoencoder.parameters()).add(temperatures);
    }

    /** The autoencoder's weights and the temperatures, in that order. */
    Checkpoint checkpoint() {
        return checkpoint;
    }

    /**
     * Trains until no domain's validation NDCG@10 has improved for {@code patience} epochs. Each domain's
     * state of its best epoch is in the outcome; the autoencoder and temperatures end at the best mean.
     *
     * @param w0            the frozen pretrained user embeddings [numUsers, m]
     * @param startingPoint per domain, the validation NDCG@10 stage 1 left (a domain this stage does not
     *                      beat keeps stage 1), or null to validate the untrained autoencoder as epoch 0
     */
    TrainingOutcome train(NDArray w0, Validation validation, double[] startingPoint) {
        int numUsers = (int) w0.getShape().get(0);
        SplittableRandom order = engine.random("uclr/ae/batches");
        SplittableRandom masks = engine.random("uclr/ae/masks");
        Trainer<int[]> trainer = Trainer.<int[]>of("uclr/autoencoder", engine)
                .epochs(hp.autoencoder().epochs())
                .batches(epoch -> UserBatches.even(numUsers, hp.autoencoder().batchSize(), order))
                .loss((step, users) -> loss(step, w0, users, masks))
                .optimizer(new AdamOptimizer(hp.autoencoder().adam()).addAll(autoencoder.parameters()))
                .checkpoint(checkpoint)
                .validation(validation)
                .perDomainBest();
        if (startingPoint != null) {
            trainer.startingFrom(startingPoint);
        }
        return trainer.fit();
    }

    private NDArray loss(NDManager step, NDArray w0, int[] users, SplittableRandom masks) {
        long[] idx = new long[users.length];
        for (int b = 0; b < users.length; b++) {
            idx[b] = users[b];
        }
        NDArray e = w0.get(step, new NDIndex("{}", step.create(idx)));       // [B, m], frozen input
        NDArray masked = hp.variant().hasContrast() ? masker.mask(e, masks) : null;
        return combinedLoss(autoencoder, temperatures, users, e, masked, hp.autoencoder().alpha());
    }

    /**
     * Eq. 5 for one batch: contrastive loss + alpha * reconstruction of both streams; or, without a
     * masked stream (PGE+AE), the reconstruction of the single stream.
     *
     * @param e      [B, m] the batch's input embeddings
     * @param masked [B, m] their masked copies, or null for the single stream
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
        return contrast.add(Scalars.mul(reconstruction, alpha));
    }
}
