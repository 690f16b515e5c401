package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.DenseParameter;
import org.uclr.engine.EarlyStopping;
import org.uclr.engine.SparseEmbedding;
import org.uclr.engine.TrainContext;
import org.uclr.engine.TrainingProgress;
import org.uclr.model.bprmf.BprLoss;
import org.uclr.model.bprmf.BprTriples;
import org.uclr.model.bprmf.DotProduct;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Stage 3 for one domain d (eqs. 6-7, Algorithm 1 step 10): W_d = W0 + B_d A_d with W0 frozen, trained on
 * the domain's BPR loss plus (weighted by uclr.finetune.combined.weight) the combined loss of stage 2 on W_d.
 * Trainable: A_d, B_d; by their keys, copies of the autoencoder and of the domain's items; a copy of the
 * temperatures while the combined loss is on.
 * Early stopping counts epoch 0 (no finetune) as a candidate, so the finetune never makes validation worse.
 */
final class LoraFinetune {
    private final TrainContext engine;
    private final UclrHyperParameters hp;
    private final double bprLambda;
    private final String domainName;
    private final LoraUserEmbedding lora;
    private final DualStreamAutoencoder autoencoder;
    private Temperatures temperatures;
    private final SparseEmbedding items;
    private final UserMasker masker;

    /**
     * @param pgeUsers  W0, the frozen global user table [U, m]
     * @param pgeItems  the domain's slice of the global item table (copied, so PGE stays intact)
     */
    LoraFinetune(TrainContext engine, UclrHyperParameters hp, double bprLambda, String domainName, NDArray pgeUsers,
                 NDArray pgeItems, DualStreamAutoencoder trainedAutoencoder, Temperatures trainedTemperatures) {
        this.engine = engine;
        this.hp = hp;
        this.bprLambda = bprLambda;
        this.domainName = domainName;
        AdamConfig adam = AdamConfig.of(hp.finetuneRate());
        this.lora = new LoraUserEmbedding(engine, pgeUsers, hp.loraRank(), hp.loraInitStd(), adam,
                engine.random("uclr/lora/" + domainName), "uclr.lora." + domainName);
        this.autoencoder = trainedAutoencoder.copy("uclr." + domainName, adam);
        this.temperatures = trainedTemperatures.copy();
        this.items = new SparseEmbedding(pgeItems.duplicate(), adam);
        this.masker = new UserMasker(hp.maskMode(), hp.maskRatio());
    }

    LoraUserEmbedding lora() {
        return lora;
    }

    DualStreamAutoencoder autoencoder() {
        return autoencoder;
    }

    SparseEmbedding items() {
        return items;
    }

    Temperatures temperatures() {
        return temperatures;
    }

    /** Scores with the current W_d, autoencoder copy and item table. */
    NDArray score(NDManager step, NDArray users, NDArray itemIdx) {
        NDArray w = lora.rowsNoGrad(step, users);                                    // [n, m]
        NDArray userVectors = hp.scoring() == UserScoring.DECODED ? autoencoder.decode(autoencoder.encode(w)) : w;
        return DotProduct.score(userVectors, items.table(), itemIdx);
    }

    EarlyStopping train(UserItemMatrix train, DoubleSupplier validation) {
        EarlyStopping stopping = new EarlyStopping(hp.finetunePatience());
        String label = "uclr/finetune/" + domainName;
        TrainingProgress progress = new TrainingProgress(label, hp.finetuneEpochs());
        SplittableRandom rng = engine.random(label + "/batches");
        SplittableRandom masks = engine.random(label + "/masks");
        BprTriples triples = BprTriples.of(train);
        Snapshot best = stopping.record(0, validation.getAsDouble()) ? snapshot() : null;
        for (int epoch = 1; epoch <= hp.finetuneEpochs() && !stopping.shouldStop(); epoch++) {
            double lossSum = 0;
            List<BprTriples.Batch> batches = triples.epoch(hp.finetuneBatch(), rng);
            for (BprTriples.Batch batch : batches) {
                lossSum += step(batch, UserBatches.sample(train.numUsers(), hp.contrastUsers(), rng), masks);
            }
            double metric = validation.getAsDouble();
            if (stopping.record(epoch, metric)) {
                best = snapshot();
            }
            progress.epoch(epoch, lossSum / Math.max(1, batches.size()), metric, stopping);
        }
        restore(best);
        return stopping;
    }

    private double step(BprTriples.Batch batch, int[] contrastUsers, SplittableRandom masks) {
        int nb = batch.size();
        boolean contrast = hp.variant().hasContrast() && hp.combinedWeight() > 0 && contrastUsers.length >= 2;
        long[] users = new long[nb + (contrast ? contrastUsers.length : 0)];
        System.arraycopy(batch.users(), 0, users, 0, nb);
        if (contrast) {
            for (int k = 0; k < contrastUsers.length; k++) {
                users[nb + k] = contrastUsers[k];
            }
        }
        long[] both = new long[2 * nb];
        System.arraycopy(batch.positives(), 0, both, 0, nb);
        System.arraycopy(batch.negatives(), 0, both, nb, nb);
        try (NDManager step = engine.newStep()) {
            LoraUserEmbedding.Lookup userRows = lora.lookup(step, users);
            SparseEmbedding.Lookup itemRows = items.lookup(step, both);
            float value;
            try (GradientCollector gc = engine.gradients()) {
                NDArray w = lora.rows(userRows);                                     // [nb (+ nc), m]
                NDArray wb = w.get(new NDIndex("0:{}", nb));
                NDArray userVectors = hp.scoring() == UserScoring.DECODED ? autoencoder.decode(autoencoder.encode(wb)) : wb;
                NDArray itemVectors = itemRows.embeddings();
                NDArray loss = BprLoss.of(userVectors, itemVectors.get(new NDIndex("0:{}", nb)),
                        itemVectors.get(new NDIndex("{}:", nb)), bprLambda);
                if (contrast) {
                    NDArray wc = w.get(new NDIndex("{}:", nb));                     // [nc, m]
                    loss = loss.add(AutoencoderStage.combinedLoss(autoencoder, temperatures, contrastUsers, wc,
                            masker.mask(wc, masks), hp.alpha()).mul((float) hp.combinedWeight()));
                }
                gc.backward(loss);
                value = loss.getFloat();
            }
            lora.update(userRows);
            if (hp.finetuneAutoencoder()) {
                autoencoder.update();
            } else {
                autoencoder.parameters().forEach(DenseParameter::zeroGradient);
            }
            if (hp.finetuneItems()) {
                items.update(itemRows);
            } else {
                itemRows.leaf().getGradient().close();
            }
            return value;
        }
    }

    private Snapshot snapshot() {
        return new Snapshot(lora.a().snapshot(), lora.b().snapshot(), autoencoder.snapshot(), items.snapshot(),
                temperatures.copy());
    }

    private void restore(Snapshot s) {
        lora.a().restore(s.a());
        lora.b().restore(s.b());
        autoencoder.restore(s.autoencoder());
        items.restore(s.items());
        temperatures = s.temperatures();
    }

    private record Snapshot(float[] a, float[] b, List<float[]> autoencoder, float[] items, Temperatures temperatures) {
    }
}
