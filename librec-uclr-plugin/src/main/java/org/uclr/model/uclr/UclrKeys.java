package org.uclr.model.uclr;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeyConstraint;
import org.uclr.config.KeySet;
import org.uclr.model.backbone.LightGCNKeys;
import org.uclr.model.bprmf.BprmfKeys;

import java.util.List;

/**
 * UCLR's keys. The pretraining stage (PGE) reads the {@code bprmf.*} keys (its mode is always global).
 * Defaults follow the paper where it is explicit (m = 128, batch 2048, Adam 1e-3, alpha 1e-3, hidden
 * [128, 32], tau in [1e-5, 1]) and iSogCLR for the temperature optimizer.
 */
public final class UclrKeys implements KeySet {
    public static final ConfigKey<UclrVariant> VARIANT = ConfigKey.ofEnum("uclr.variant", UclrVariant.class,
            UclrVariant.UCLR, "ablation: pge, pge-ae, pge-cl-ae, pge-ucl-ae or uclr (the full method)");
    public static final ConfigKey<List<Integer>> HIDDEN = ConfigKey.ofIntList("uclr.hidden", List.of(128, 32), 1, 4096,
            "encoder layer sizes after the input (the decoder mirrors them)");
    public static final ConfigKey<MaskMode> MASK_MODE = ConfigKey.ofEnum("uclr.mask.mode", MaskMode.class,
            MaskMode.FEATURE, "row: zero a ratio of the batch's users (the paper's text); feature: zero a ratio of each row's entries");
    public static final ConfigKey<Double> MASK_RATIO = ConfigKey.ofDouble("uclr.mask.ratio", 0.3, 0.0, 1.0,
            "fraction of rows (row mode) or entries (feature mode) zeroed in the generative stream");
    public static final ConfigKey<Double> ALPHA = ConfigKey.ofDouble("uclr.alpha", 1e-3, 0.0, 1e6,
            "weight of the reconstruction loss in the combined loss (eq. 5)");
    public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.ofInt("uclr.batch.size", 512, 2, 1 << 20,
            "users per autoencoder step (the contrastive negatives are the batch's other users; the paper uses 2048, 512 measured better on Douban)");
    public static final ConfigKey<Double> LEARN_RATE = ConfigKey.ofDouble("uclr.learn.rate", 1e-3, 1e-8, 10.0,
            "Adam learning rate of the autoencoder stage");
    public static final ConfigKey<Integer> MAX_EPOCHS = ConfigKey.ofInt("uclr.epochs.max", 300, 1, 1_000_000,
            "epoch limit of the autoencoder stage");
    public static final ConfigKey<Integer> PATIENCE = ConfigKey.ofInt("uclr.patience", 20, 1, 1_000_000,
            "autoencoder epochs without a better validation NDCG@10 before stopping");
    public static final ConfigKey<TemperatureMode> TEMPERATURE = ConfigKey.ofEnum("uclr.temperature",
            TemperatureMode.class, TemperatureMode.INDIVIDUAL,
            "individual: one learnable tau per user; global: one shared tau (pge-cl-ae always uses global); prior: tau_i = "
                    + "uclr.tau.init * (c_i / geometric mean of c)^uclr.tau.power from the user's uclr.tau.signal, not learned");
    public static final ConfigKey<TauSignal> TAU_SIGNAL = ConfigKey.ofEnum("uclr.tau.signal", TauSignal.class,
            TauSignal.ACTIVITY, "what the user-dependent temperature rules read: activity (1 + training interactions over "
                    + "all domains) or norm (of the pretrained embedding W0[u])");
    public static final ConfigKey<Double> TAU_RHO_POWER = ConfigKey.ofDouble("uclr.tau.rho.power", 0.0, -10.0, 10.0,
            "p of a per-user rho_i = uclr.tau.rho * (c_i / geometric mean of c)^(-p), c from uclr.tau.signal: p > 0 gives "
                    + "less active users a larger rho, hence a smaller learned tau (0: one rho for all, iSogCLR)");
    public static final ConfigKey<Double> TAU_POWER = ConfigKey.ofDouble("uclr.tau.power", 0.5, -10.0, 10.0,
            "q of uclr.temperature=prior: tau_i = uclr.tau.init * (c_i / geometric mean of c)^q");
    public static final ConfigKey<Double> TAU_INIT = ConfigKey.ofDouble("uclr.tau.init", 0.1, 1e-5, 1.0,
            "initial temperature");
    public static final ConfigKey<Double> TAU_MIN = ConfigKey.ofDouble("uclr.tau.min", 1e-5, 1e-8, 1.0,
            "lower clip of the temperature (the paper's bound)");
    public static final ConfigKey<Double> TAU_MAX = ConfigKey.ofDouble("uclr.tau.max", 1.0, 1e-8, 100.0,
            "upper clip of the temperature (the paper's bound)");
    public static final ConfigKey<Double> TAU_RHO = ConfigKey.ofDouble("uclr.tau.rho", 0.3, 0.0, 100.0,
            "rho of iSogCLR's temperature objective (KL budget of the DRO ball)");
    public static final ConfigKey<Double> TAU_GAMMA = ConfigKey.ofDouble("uclr.tau.gamma", 0.9, 0.0, 1.0,
            "weight of the new batch estimate in the moving average u_i of mean_k exp(h_ik / tau_i)");
    public static final ConfigKey<Double> TAU_LEARN_RATE = ConfigKey.ofDouble("uclr.tau.learn.rate", 0.01, 0.0, 100.0,
            "step size eta of the temperature update");
    public static final ConfigKey<Double> TAU_MOMENTUM = ConfigKey.ofDouble("uclr.tau.momentum", 0.9, 0.0, 1.0,
            "weight of the new gradient in the temperature's moving-average gradient (iSogCLR's beta_u)");
    public static final ConfigKey<UserScoring> SCORE_USER = ConfigKey.ofEnum("uclr.score.user", UserScoring.class,
            UserScoring.DECODED, "decoded: score with dec(enc(W[u])); embedding: with W[u]; shrunk: with W[u] + k/(n_u + k) "
                    + "(dec(enc(W[u])) - W[u]), n_u the user's training interactions in the domain, k per domain chosen on "
                    + "validation from uclr.shrink.grid");
    public static final ConfigKey<List<Double>> SHRINK_GRID = ConfigKey.ofDoubleList("uclr.shrink.grid",
            List.of(0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0, Double.POSITIVE_INFINITY), 0.0,
            Double.POSITIVE_INFINITY, "candidate prior weights k of uclr.score.user=shrunk, in interactions (0: the "
                    + "embedding alone, inf: the decoded vector alone)");
    public static final ConfigKey<ShrinkWeights> SHRINK_WEIGHTS = ConfigKey.ofEnum("uclr.shrink.weights",
            ShrinkWeights.class, ShrinkWeights.KEPT, "with uclr.score.user=shrunk, the autoencoder weights mixed in a "
                    + "domain where the autoencoder's decoded vectors never beat the previous stage on validation: kept "
                    + "(the stage's kept weights: its untrained start when no epoch beat it), trained (its own best "
                    + "epoch) or none (no shrinkage there: the previous stage's scoring); k = 0 keeps the previous stage "
                    + "in every case");
    public static final ConfigKey<String> PRETRAINED_CACHE = ConfigKey.ofString("uclr.pretrained.cache", "",
            "directory where stage 1's trained tables are kept per (data, seed, backbone and its keys) and reused; a lab "
                    + "tool for experiments on the later stages (empty: off)");
    public static final ConfigKey<Boolean> PGE_SHARED_CANDIDATE = ConfigKey.ofBoolean("uclr.pge.shared.candidate", false,
            "with bprmf.user.offsets=true: also train stage 1 with one shared user vector (no offsets) and let each domain "
                    + "keep whichever of the two scores it better on validation (reports/uclr-choices: on Amazon the offsets "
                    + "win Books and Music, the shared vector Video and DVD)");
    public static final ConfigKey<DomainModel> DOMAIN_MODEL = ConfigKey.ofEnum("uclr.domain.model", DomainModel.class,
            DomainModel.OFF, "the backbone trained on each domain alone (the per-domain baseline with the same keys and its "
                    + "own random streams, so the same tables): off; stage1: a stage-1 candidate each domain keeps where it "
                    + "scores better on validation, the later stages starting from it; route: after the last stage, users "
                    + "with more than t training interactions in the domain are scored by it, the others by UCLR, t per "
                    + "domain from uclr.route.grid on validation");
    public static final ConfigKey<List<Double>> ROUTE_GRID = ConfigKey.ofDoubleList("uclr.route.grid",
            List.of(Double.POSITIVE_INFINITY, 128.0, 64.0, 32.0, 16.0, 8.0, 4.0, 2.0, 1.0, 0.0), 0.0,
            Double.POSITIVE_INFINITY, "candidate activity thresholds t of uclr.domain.model=route, in training "
                    + "interactions in the domain (inf: UCLR for every user; 0: the per-domain model for every user "
                    + "with one); ties keep the earlier value");
    public static final ConfigKey<Boolean> ROUTE_FINETUNE = ConfigKey.ofBoolean("uclr.route.finetune", false,
            "with uclr.domain.model=route and uclr.variant=uclr: the per-domain model gets stage 3 too (the domain's "
                    + "LoRA finetune with UCLR's uclr.lora.* and uclr.finetune.* keys on its own user and item tables, the "
                    + "BPR loss alone: the combined loss's autoencoder belongs to stage 1's table) before the thresholds are "
                    + "chosen; the model alone is a candidate of its early stopping, so validation never falls");
    public static final ConfigKey<Boolean> KEEP_BEST_STAGE = ConfigKey.ofBoolean("uclr.keep.best.stage", true,
            "each domain keeps whichever stage (pretrained embedding, autoencoder, finetune) scores best on its validation users; false: every stage replaces the previous one, as the paper's pipeline reads");
    public static final ConfigKey<UclrBackbone> BACKBONE = ConfigKey.ofEnum("uclr.backbone", UclrBackbone.class,
            UclrBackbone.BPRMF, "stage-1 model trained over all domains (paper appendix A.4): bprmf (reads bprmf.* keys) or lightgcn (the joint graph of all domains; reads lightgcn.* keys)");
    public static final ConfigKey<Integer> LORA_RANK = ConfigKey.ofInt("uclr.lora.rank", 8, 1, 4096,
            "rank r of the per-domain LoRA update W_d = W0 + B_d A_d");
    public static final ConfigKey<Double> LORA_INIT_STD = ConfigKey.ofDouble("uclr.lora.init.std", 0.01, 0.0, 10.0,
            "standard deviation of A_d's Gaussian init (B_d starts at zero, so W_d = W0 at start)");
    public static final ConfigKey<Boolean> FINETUNE_ITEMS = ConfigKey.ofBoolean("uclr.finetune.items", false,
            "also finetune the domain's item embeddings (measured on Douban: no better than LoRA alone)");
    public static final ConfigKey<Double> FINETUNE_LEARN_RATE = ConfigKey.ofDouble("uclr.finetune.learn.rate", 1e-2,
            1e-8, 10.0, "Adam learning rate of the LoRA finetune (1e-3 left the rank-8 update too small to help)");
    public static final ConfigKey<Integer> FINETUNE_BATCH_SIZE = ConfigKey.ofInt("uclr.finetune.batch.size", 2048, 1,
            1 << 20, "BPR triples per finetune step");
    public static final ConfigKey<Integer> FINETUNE_CONTRAST_USERS = ConfigKey.ofInt("uclr.finetune.contrast.users", 256,
            2, 1 << 20, "users in the combined (contrastive + reconstruction) loss of each finetune step");
    public static final ConfigKey<Double> FINETUNE_COMBINED_WEIGHT = ConfigKey.ofDouble("uclr.finetune.combined.weight",
            0.0, 0.0, 1e6, "weight of the combined loss next to the domain's BPR loss in the finetune (eq. 7 has 1; 0 measured better on Douban)");
    public static final ConfigKey<Boolean> FINETUNE_AUTOENCODER = ConfigKey.ofBoolean("uclr.finetune.autoencoder", false,
            "also finetune (a per-domain copy of) the autoencoder (measured on Douban: validation falls from the first epoch)");
    public static final ConfigKey<Integer> FINETUNE_MAX_EPOCHS = ConfigKey.ofInt("uclr.finetune.epochs.max", 100, 1,
            1_000_000, "epoch limit of the finetune, per domain");
    public static final ConfigKey<Integer> FINETUNE_PATIENCE = ConfigKey.ofInt("uclr.finetune.patience", 5, 1,
            1_000_000, "finetune epochs without a better validation NDCG@10 (epoch 0 = no finetune counts) before stopping");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(VARIANT, HIDDEN, MASK_MODE, MASK_RATIO, ALPHA, BATCH_SIZE, LEARN_RATE, MAX_EPOCHS, PATIENCE,
                TEMPERATURE, TAU_SIGNAL, TAU_RHO_POWER, TAU_POWER, TAU_INIT, TAU_MIN, TAU_MAX, TAU_RHO, TAU_GAMMA,
                TAU_LEARN_RATE, TAU_MOMENTUM, SCORE_USER, SHRINK_GRID, SHRINK_WEIGHTS, KEEP_BEST_STAGE, BACKBONE, PRETRAINED_CACHE, PGE_SHARED_CANDIDATE,
                DOMAIN_MODEL, ROUTE_GRID, ROUTE_FINETUNE,
                LORA_RANK, LORA_INIT_STD, FINETUNE_ITEMS, FINETUNE_LEARN_RATE, FINETUNE_BATCH_SIZE,
                FINETUNE_CONTRAST_USERS, FINETUNE_COMBINED_WEIGHT, FINETUNE_AUTOENCODER, FINETUNE_MAX_EPOCHS, FINETUNE_PATIENCE);
    }

    @Override
    public List<String> ownedPrefixes() {
        return List.of("uclr.");
    }

    @Override
    public List<KeyConstraint> constraints() {
        String clip = "the temperature is clipped to [uclr.tau.min, uclr.tau.max]";
        String lowRank = "B_d A_d updates an m-column table, so a rank above its m columns is no low-rank update";
        return List.of(
                KeyConstraint.atMost(TAU_MIN, TAU_MAX, clip),
                KeyConstraint.atMost(TAU_MIN, TAU_INIT, clip + ", so it would not start at uclr.tau.init"),
                KeyConstraint.atMost(TAU_INIT, TAU_MAX, clip + ", so it would not start at uclr.tau.init"),
                KeyConstraint.of("`uclr.lora.rank` <= the backbone's factors (`bprmf.factors`, or `lightgcn.factors` "
                                + "with `uclr.backbone=lightgcn`): " + lowRank,
                        List.of(LORA_RANK, BACKBONE, BprmfKeys.FACTORS, LightGCNKeys.FACTORS),
                        v -> {
                            ConfigKey<Integer> factors = v.get(BACKBONE) == UclrBackbone.LIGHTGCN
                                    ? LightGCNKeys.FACTORS : BprmfKeys.FACTORS;
                            return v.get(LORA_RANK) > v.get(factors)
                                    ? v.show(LORA_RANK) + " is above " + v.show(factors) + ": " + lowRank : null;
                        }),
                KeyConstraint.of("`uclr.pge.shared.candidate=true` needs `uclr.backbone=bprmf` and `bprmf.user.offsets=true`: "
                                + "the candidate is the same BPR-MF without the offsets",
                        List.of(PGE_SHARED_CANDIDATE, BACKBONE, BprmfKeys.USER_OFFSETS),
                        v -> v.get(PGE_SHARED_CANDIDATE) && (v.get(BACKBONE) != UclrBackbone.BPRMF || !v.get(BprmfKeys.USER_OFFSETS))
                                ? v.show(PGE_SHARED_CANDIDATE) + " with " + v.show(BACKBONE) + " and " + v.show(BprmfKeys.USER_OFFSETS)
                                + ": the shared candidate is stage 1's BPR-MF without offsets, so it needs uclr.backbone=bprmf and "
                                + "bprmf.user.offsets=true" : null),
                KeyConstraint.notTogether(TEMPERATURE, TemperatureMode.INDIVIDUAL, VARIANT, UclrVariant.PGE_CL_AE, true,
                        "pge-cl-ae is the ablation with one global temperature; per-user temperatures are pge-ucl-ae"),
                KeyConstraint.unusedWhen(VARIANT, v -> !v.hasAutoencoder(), "`uclr.variant=pge` (no autoencoder)",
                        List.of(HIDDEN, MASK_MODE, MASK_RATIO, ALPHA, BATCH_SIZE, LEARN_RATE, MAX_EPOCHS, PATIENCE)),
                KeyConstraint.unusedWhen(VARIANT, v -> !v.hasContrast(), "`uclr.variant` is pge or pge-ae (no contrastive loss)",
                        List.of(TAU_INIT, TAU_MIN, TAU_MAX, TAU_RHO, TAU_GAMMA, TAU_LEARN_RATE, TAU_MOMENTUM, TAU_SIGNAL,
                                TAU_RHO_POWER, TAU_POWER)),
                KeyConstraint.notTogether(TEMPERATURE, TemperatureMode.PRIOR, VARIANT, UclrVariant.PGE_CL_AE, true,
                        "pge-cl-ae is the ablation with one global temperature; per-user temperatures are pge-ucl-ae"),
                KeyConstraint.unusedWhen(VARIANT, v -> !v.hasFinetune(), "`uclr.variant` is not uclr (no finetune)",
                        List.of(LORA_RANK, LORA_INIT_STD, FINETUNE_ITEMS, FINETUNE_LEARN_RATE, FINETUNE_BATCH_SIZE,
                                FINETUNE_CONTRAST_USERS, FINETUNE_COMBINED_WEIGHT, FINETUNE_AUTOENCODER,
                                FINETUNE_MAX_EPOCHS, FINETUNE_PATIENCE, ROUTE_FINETUNE)),
                KeyConstraint.unusedWhen(DOMAIN_MODEL, m -> m != DomainModel.ROUTE, "`uclr.domain.model` is not route",
                        List.of(ROUTE_GRID, ROUTE_FINETUNE)));
    }
}
