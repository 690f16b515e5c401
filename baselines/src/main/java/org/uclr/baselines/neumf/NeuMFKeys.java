package org.uclr.baselines.neumf;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeySet;

import java.util.List;

/** NeuMF's keys. Defaults follow the UCLR paper's setting (m = 128, Adam 1e-3, batch 2048) and He et al. (4 negatives). */
public final class NeuMFKeys implements KeySet {
    public static final ConfigKey<Integer> FACTORS = ConfigKey.ofInt("neumf.factors", 128, 4, 4096,
            "embedding size m of both branches; the MLP tower is 2m -> m -> m/2 -> m/4");
    public static final ConfigKey<Integer> NEGATIVES = ConfigKey.ofInt("neumf.negatives", 4, 1, 1000,
            "sampled negatives per training positive, fresh every epoch");
    public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.ofInt("neumf.batch.size", 2048, 1, 1 << 20,
            "labelled (user, item) pairs per step, positives and negatives shuffled together");
    public static final ConfigKey<Double> LEARN_RATE = ConfigKey.ofDouble("neumf.learn.rate", 1e-3, 1e-8, 10.0,
            "Adam learning rate");
    public static final ConfigKey<Double> INIT_STD = ConfigKey.ofDouble("neumf.init.std", 0.01, 1e-6, 10.0,
            "standard deviation of the Gaussian embedding initialization (He et al.: 0.01)");
    public static final ConfigKey<Integer> MAX_EPOCHS = ConfigKey.ofInt("neumf.epochs.max", 200, 1, 100_000,
            "upper bound on training epochs per domain");
    public static final ConfigKey<Integer> PATIENCE = ConfigKey.ofInt("neumf.patience", 10, 1, 100_000,
            "epochs without a better validation NDCG@10 before stopping");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(FACTORS, NEGATIVES, BATCH_SIZE, LEARN_RATE, INIT_STD, MAX_EPOCHS, PATIENCE);
    }

    @Override
    public List<String> ownedPrefixes() {
        return List.of("neumf.");
    }
}
