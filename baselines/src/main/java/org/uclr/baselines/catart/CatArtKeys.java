package org.uclr.baselines.catart;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeyConstraint;
import org.uclr.config.KeySet;
import org.uclr.model.backbone.BprKeys;

import java.util.List;

/**
 * CAT-ART's keys. Stage 1 (per-domain BPRMF) defaults equal bprmf.*'s, so with equal values stage 1
 * is exactly the per-domain BPRMF baseline; CAT follows Li et al. (loss weights 0.2 / 0.4, tau 0.1).
 */
public final class CatArtKeys implements KeySet {
    public static final ConfigKey<Integer> FACTORS = ConfigKey.ofInt("catart.factors", 128, 1, 4096,
            "embedding size m of every stage");
    public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.ofInt("catart.batch.size", 2048, 1, 1 << 20,
            "BPR triples per step (stage 1 and the ART finetune)");
    public static final ConfigKey<Double> LEARN_RATE = ConfigKey.ofDouble("catart.learn.rate", 1e-3, 1e-8, 10.0,
            "Adam learning rate of stage 1 (per-domain BPRMF)");
    public static final ConfigKey<Double> LAMBDA = ConfigKey.ofDouble("catart.lambda", 1e-5, 0.0, 10.0,
            "L2 weight of the BPR losses (stage 1 and ART)");
    public static final ConfigKey<Double> INIT_STD = ConfigKey.ofDouble("catart.init.std", 0.1, 1e-6, 10.0,
            "standard deviation of stage 1's Gaussian initialization");
    public static final ConfigKey<Integer> MAX_EPOCHS = ConfigKey.ofInt("catart.epochs.max", 300, 1, 100_000,
            "epoch limit of stage 1 (per domain)");
    public static final ConfigKey<Integer> PATIENCE = ConfigKey.ofInt("catart.patience", 10, 1, 100_000,
            "epochs without a better validation NDCG@10 before a stage stops (every stage)");

    public static final ConfigKey<Integer> CAT_BATCH_SIZE = ConfigKey.ofInt("catart.cat.batch.size", 512, 2, 1 << 20,
            "users per CAT step; the other users of the batch are the contrastive negatives");
    public static final ConfigKey<Double> CAT_LEARN_RATE = ConfigKey.ofDouble("catart.cat.learn.rate", 1e-3, 1e-8, 10.0,
            "Adam learning rate of the contrastive autoencoder");
    public static final ConfigKey<Double> CAT_TAU = ConfigKey.ofDouble("catart.cat.tau", 0.1, 1e-4, 100.0,
            "InfoNCE temperature");
    public static final ConfigKey<Double> CAT_CONTRAST_WEIGHT = ConfigKey.ofDouble("catart.cat.contrast.weight", 0.2,
            0.0, 1000.0, "weight of the symmetric InfoNCE between the masked and unmasked encodings");
    public static final ConfigKey<Double> CAT_RECON_WEIGHT = ConfigKey.ofDouble("catart.cat.recon.weight", 0.4,
            0.0, 1000.0, "weight of each stream's MSE reconstruction of the unmasked stack");
    public static final ConfigKey<Integer> CAT_MAX_EPOCHS = ConfigKey.ofInt("catart.cat.epochs.max", 500, 1, 100_000,
            "epoch limit of CAT (one epoch: every user once)");

    public static final ConfigKey<Double> ART_LEARN_RATE = ConfigKey.ofDouble("catart.art.learn.rate", 1e-3, 1e-8, 10.0,
            "Adam learning rate of the ART finetune");
    public static final ConfigKey<Integer> ART_MAX_EPOCHS = ConfigKey.ofInt("catart.art.epochs.max", 300, 1, 100_000,
            "epoch limit of the ART finetune (per target domain)");
    public static final ConfigKey<Boolean> ART_TUNE_EMBEDDINGS = ConfigKey.ofBoolean("catart.art.tune.embeddings", true,
            "whether ART also finetunes the target domain's user and item embeddings (false: only the transfer maps)");

    public static final ConfigKey<ArtInputs> ART_INPUTS = ConfigKey.ofEnum("catart.art.inputs", ArtInputs.class,
            ArtInputs.BOTH, "what ART adds to the target user embedding: both (the model), or for ablations attention, "
                    + "cat, none (a plain finetune of stage 1)");

    /** Stage 1's per-domain BPR-MF keys: with values equal to the bprmf.* ones it is exactly the BPRMF baseline. */
    public static final BprKeys STAGE1 = new BprKeys(FACTORS, BATCH_SIZE, LEARN_RATE, LAMBDA, INIT_STD, MAX_EPOCHS,
            PATIENCE);

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(FACTORS, BATCH_SIZE, LEARN_RATE, LAMBDA, INIT_STD, MAX_EPOCHS, PATIENCE,
                CAT_BATCH_SIZE, CAT_LEARN_RATE, CAT_TAU, CAT_CONTRAST_WEIGHT, CAT_RECON_WEIGHT, CAT_MAX_EPOCHS,
                ART_LEARN_RATE, ART_MAX_EPOCHS, ART_TUNE_EMBEDDINGS, ART_INPUTS);
    }

    @Override
    public List<String> ownedPrefixes() {
        return List.of("catart.");
    }

    @Override
    public List<KeyConstraint> constraints() {
        return List.of(
                KeyConstraint.notTogether(ART_INPUTS, ArtInputs.NONE, ART_TUNE_EMBEDDINGS, false, false,
                        "ART would have nothing to train (no transfer maps, embeddings frozen)"),
                KeyConstraint.unusedWhen(ART_INPUTS, i -> !i.cat(), "`catart.art.inputs` is attention or none (CAT is not trained)",
                        List.of(CAT_BATCH_SIZE, CAT_LEARN_RATE, CAT_TAU, CAT_CONTRAST_WEIGHT, CAT_RECON_WEIGHT,
                                CAT_MAX_EPOCHS)));
    }
}
