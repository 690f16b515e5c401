package org.uclr.model.uclr;

import org.uclr.engine.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.Checkpoint;
import org.uclr.engine.ModelArchive;
import org.uclr.engine.SparseEmbedding;
import org.uclr.engine.TrainContext;
import org.uclr.engine.Trainer;
import org.uclr.engine.TrainingOutcome;
import org.uclr.engine.Validation;
import org.uclr.model.backbone.BprLoss;
import org.uclr.model.backbone.BprTriples;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Stage 3 for one domain d (eqs. 6-7, Algorithm 1 step 10): W_d = W0 + B_d A_d with W0 frozen, trained on
 * the domain's BPR loss plus (weighted by uclr.finetune.combined.weight) the combined loss of stage 2 on W_d.
 * Trainable: A_d, B_d; by their keys, a copy of the autoencoder and of the domain's items; the
 * temperatures move while the combined loss is on. Users are scored by dec(enc(W_d[u])) when the domain
 * kept the autoencoder, else by W_d[u]. The starting point (W_d = W0) is a candidate of the early stopping,
 * so the finetune never makes validation worse.
 */
final class LoraFinetune implements UserItemScorer {
    private final TrainContext engine;
    private final FinetuneSettings ft;
    private final double alpha;
    private final double bprLambda;
    private final boolean contrast;
    private UserVectors vectors;
    private final String domainName;
    private final LoraUserEmbedding lora;
    private final DualStreamAutoencoder autoencoder;
    private final Temperatures temperatures;
    private final SparseEmbedding items;
    private final UserMasker masker;

    /** One BPR batch with the users of its combined-loss term (none when the combined loss is off). */
    private record Batch(BprTriples.Batch bpr, int[] contrastUsers) {
    }

    /**
     * @param w0           the frozen pretrained user table [numUsers, m]
     * @param domainItems  the domain's item embeddings [numItems, m] (copied, so stage 1 stays intact)
     * @param autoencoder  the domain's stage-2 autoencoder (copied)
     * @param vectors      how user rows become the vectors scored (and trained) through the autoencoder
     */
    LoraFinetune(TrainContext engine, UclrHyperParameters hp, double bprLambda, String domainName, NDArray w0,
                 NDArray domainItems, DualStreamAutoencoder autoencoder, Temperatures temperatures,
                 UserVectors vectors) {
        this.engine = engine;
        this.ft = hp.finetune();
        this.alpha = hp.autoencoder().alpha();
        this.bprLambda = bprLambda;
        this.contrast = hp.variant().hasContrast() && ft.combinedWeight() > 0;
        this.vectors = vectors;
        this.domainName = domainName;
        this.lora = new LoraUserEmbedding(engine, w0, ft.loraRank(), ft.loraInitStd(),
                engine.random("uclr/lora/" + domainName), "uclr.lora." + domainName);
        this.autoencoder = autoencoder.copy("uclr." + domainName);
        this.temperatures = temperatures.copy();
        this.items = new SparseEmbedding(domainItems.duplicate());
        this.masker = new UserMasker(hp.autoencoder().maskMode(), hp.autoencoder().maskRatio());
    }

    /** Whether users are scored through the autoencoder copy. */
    boolean decodes() {
        return vectors.usesAutoencoder();
    }

    UserVectors vectors() {
        return vectors;
    }

    /** Replaces how user rows become vectors (shrunk scoring re-chooses its prior weight after the finetune). */
    void setVectors(UserVectors v) {
        vectors = v;
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

    /** The users' vectors [n, m] with the current W_d (decoded through the autoencoder copy when it scores). */
    @Override
    public NDArray userVectors(NDManager step, NDArray users) {
        return vectors.apply(lora.rowsNoGrad(step, users), users.toLongArray(), autoencoder); // from W_d rows [n, m]
    }

    /** The finetune's copy of the domain's items [numItems, m]. */
    @Override
    public NDArray itemVectors(NDManager step) {
        return items.table();
    }

    /** What scoring needs: A_d, B_d, the items and (when it decodes) the autoencoder copy. */
    void save(ModelArchive out, String prefix) {
        out.put(prefix + "/lora_a", lora.a()).put(prefix + "/lora_b", lora.b()).put(prefix + "/items", items);
        if (decodes()) {
            out.putAll(prefix + "/autoencoder", autoencoder.parameters());
        }
    }

    void load(ModelArchive in, String prefix) {
        in.restore(prefix + "/lora_a", lora.a());
        in.restore(prefix + "/lora_b", lora.b());
        in.restore(prefix + "/items", items);
        if (decodes()) {
            in.restoreAll(prefix + "/autoencoder", autoencoder.parameters());
        }
    }

    /**
     * @param startingPoint the domain's validation NDCG@10 before the finetune, or NaN to validate W_d = W0
     */
    TrainingOutcome train(UserItemMatrix train, Validation validation, double startingPoint) {
        String label = "uclr/finetune/" + domainName;
        SplittableRandom rng = engine.random(label + "/batches");
        SplittableRandom masks = engine.random(label + "/masks");
        BprTriples triples = BprTriples.of(train);
        AdamOptimizer optimizer = new AdamOptimizer(ft.adam()).add(lora.a()).add(lora.b());
        if (ft.autoencoder()) {
            optimizer.addAll(autoencoder.parameters());
        }
        if (ft.items()) {
            optimizer.add(items);
        }
        Trainer<Batch> trainer = Trainer.<Batch>of(label, engine)
                .epochs(ft.epochs())
                .batches(epoch -> {
                    List<Batch> out = new ArrayList<>();
                    for (BprTriples.Batch b : triples.epoch(ft.batchSize(), rng)) {
                        out.add(new Batch(b, UserBatches.sample(train.numUsers(), ft.contrastUsers(), rng)));
                    }
                    return out;
                })
                .loss((step, batch) -> loss(step, batch, masks))
                .optimizer(optimizer)
                .checkpoint(new Checkpoint().add(lora.a()).add(lora.b()).addAll(autoencoder.parameters()).add(items)
                        .add(temperatures))
                .validation(validation);
        if (!Double.isNaN(startingPoint)) {
            trainer.startingFrom(new double[]{startingPoint});
        }
        return trainer.fit();
    }

    /** Eq. 7: the domain's BPR loss on W_d (eq. 6) + the weighted combined loss (eq. 5) on W_d. */
    private NDArray loss(NDManager step, Batch batch, SplittableRandom masks) {
        BprTriples.Batch bpr = batch.bpr();
        int nb = bpr.size();
        boolean withContrast = contrast && batch.contrastUsers().length >= 2;
        int[] contrastUsers = batch.contrastUsers();
        long[] users = new long[nb + (withContrast ? contrastUsers.length : 0)];
        System.arraycopy(bpr.users(), 0, users, 0, nb);
        if (withContrast) {
            for (int k = 0; k < contrastUsers.length; k++) {
                users[nb + k] = contrastUsers[k];
            }
        }
        LoraUserEmbedding.Lookup userRows = lora.lookup(step, users);
        SparseEmbedding.Lookup itemRows = items.lookup(step, bpr.positivesThenNegatives());
        NDArray w = lora.rows(userRows);                                             // [nb (+ nc), m]
        NDArray userVectors = vectors.apply(w.get(new NDIndex("0:{}", nb)), bpr.users(), autoencoder);
        NDArray itemVectors = itemRows.embeddings();
        NDArray loss = BprLoss.of(userVectors, itemVectors.get(new NDIndex("0:{}", nb)),
                itemVectors.get(new NDIndex("{}:", nb)), bprLambda);
        if (withContrast) {
            NDArray wc = w.get(new NDIndex("{}:", nb));                             // [nc, m]
            loss = loss.add(Scalars.mul(AutoencoderStage.combinedLoss(autoencoder, temperatures, contrastUsers, wc,
                    masker.mask(wc, masks), alpha), ft.combinedWeight()));
        }
        return loss;
    }
}
