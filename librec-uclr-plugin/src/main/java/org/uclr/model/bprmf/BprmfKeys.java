package org.uclr.model.bprmf;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeySet;
import org.uclr.model.backbone.BprKeys;
import org.uclr.model.backbone.BprSettings;

import java.util.List;

/** BPRMF's keys (also the pretraining stage of UCLR). Defaults are the paper's. */
public final class BprmfKeys implements KeySet {
    public static final ConfigKey<BprmfMode> MODE = ConfigKey.ofEnum("bprmf.mode", BprmfMode.class, BprmfMode.PER_DOMAIN,
            "per-domain: one model per domain (the single-domain baseline); global: one user table over all domains");
    public static final ConfigKey<Integer> FACTORS = ConfigKey.ofInt("bprmf.factors", 128, 1, 4096,
            "embedding size m");
    public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.ofInt("bprmf.batch.size", 2048, 1, 1 << 20,
            "training triples per step");
    public static final ConfigKey<Double> LEARN_RATE = ConfigKey.ofDouble("bprmf.learn.rate", 1e-3, 1e-8, 10.0,
            "Adam learning rate");
    public static final ConfigKey<Double> LAMBDA = ConfigKey.ofDouble("bprmf.lambda", 1e-5, 0.0, 10.0,
            "L2 weight on the batch's user and item embeddings");
    public static final ConfigKey<Double> INIT_STD = ConfigKey.ofDouble("bprmf.init.std", 0.1, 1e-6, 10.0,
            "standard deviation of the Gaussian initialization");
    public static final ConfigKey<Integer> MAX_EPOCHS = ConfigKey.ofInt("bprmf.epochs.max", 300, 1, 100_000,
            "upper bound on training epochs");
    public static final ConfigKey<Integer> PATIENCE = ConfigKey.ofInt("bprmf.patience", 10, 1, 100_000,
            "epochs without a better validation NDCG@10 before stopping");
    public static final ConfigKey<Boolean> USER_OFFSETS = ConfigKey.ofBoolean("bprmf.user.offsets", false,
            "global mode and UCLR's stage 1 (bprmf backbone): in domain d a user is W0[u] + V_d[u], a shared row plus a "
                    + "domain-specific offset (zero at the start, L2 like the embeddings); no effect per domain");

    /** The keys BPR-MF and UCLR's stage 1 train with ({@link BprSettings#from}). */
    public static final BprKeys TRAINING = new BprKeys(FACTORS, BATCH_SIZE, LEARN_RATE, LAMBDA, INIT_STD, MAX_EPOCHS,
            PATIENCE);

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(MODE, FACTORS, BATCH_SIZE, LEARN_RATE, LAMBDA, INIT_STD, MAX_EPOCHS, PATIENCE, USER_OFFSETS);
    }

    @Override
    public List<String> ownedPrefixes() {
        return List.of("bprmf.");
    }
}
