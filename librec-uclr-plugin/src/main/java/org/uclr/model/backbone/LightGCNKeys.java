package org.uclr.model.backbone;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeySet;

import java.util.List;

/**
 * LightGCN's keys, read by the LightGCN baseline and by UCLR's stage 1 with {@code uclr.backbone=lightgcn}.
 * Defaults are He et al.'s (K = 3, decay 1e-4, N(0, 0.1) init) with the UCLR paper's m, lr and batch.
 */
public final class LightGCNKeys implements KeySet {
    public static final ConfigKey<Integer> FACTORS = ConfigKey.ofInt("lightgcn.factors", 128, 1, 4096,
            "embedding size m");
    public static final ConfigKey<Integer> LAYERS = ConfigKey.ofInt("lightgcn.layers", 3, 0, 16,
            "propagation layers K; the final embedding is the mean of layers 0..K");
    public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.ofInt("lightgcn.batch.size", 2048, 1, 1 << 20,
            "BPR triples per step; every step propagates the whole graph once");
    public static final ConfigKey<Double> LEARN_RATE = ConfigKey.ofDouble("lightgcn.learn.rate", 1e-3, 1e-8, 10.0,
            "Adam learning rate");
    public static final ConfigKey<Double> DECAY = ConfigKey.ofDouble("lightgcn.decay", 1e-4, 0.0, 10.0,
            "L2 weight on the layer-0 embeddings of the batch's users, positives and negatives, scaled as the authors' code (decay * sum / (2 batch); the project's lambda is decay / 2)");
    public static final ConfigKey<Double> INIT_STD = ConfigKey.ofDouble("lightgcn.init.std", 0.1, 1e-6, 10.0,
            "standard deviation of the Gaussian initialization of the layer-0 embeddings");
    public static final ConfigKey<Integer> MAX_EPOCHS = ConfigKey.ofInt("lightgcn.epochs.max", 1000, 1, 100_000,
            "upper bound on training epochs per domain");
    public static final ConfigKey<Integer> PATIENCE = ConfigKey.ofInt("lightgcn.patience", 10, 1, 100_000,
            "epochs without a better validation NDCG@10 before stopping");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(FACTORS, LAYERS, BATCH_SIZE, LEARN_RATE, DECAY, INIT_STD, MAX_EPOCHS, PATIENCE);
    }

    @Override
    public List<String> ownedPrefixes() {
        return List.of("lightgcn.");
    }
}
