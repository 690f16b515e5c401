package org.uclr.baselines.herograph;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeySet;

import java.util.List;

/**
 * HeroGraph's keys. m, batch and Adam's rate are the UCLR paper's settings for every baseline; the
 * L2 weight and initialization are BPR-MF's here (the workshop paper gives none).
 */
public final class HeroGraphKeys implements KeySet {
    public static final ConfigKey<Integer> FACTORS = ConfigKey.ofInt("herograph.factors", 128, 1, 4096,
            "embedding size m of the within-domain and the graph embeddings");
    public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.ofInt("herograph.batch.size", 2048, 1, 1 << 20,
            "BPR triples per step over all domains, split between them in proportion to their training interactions; every step aggregates the whole shared graph once");
    public static final ConfigKey<Double> LEARN_RATE = ConfigKey.ofDouble("herograph.learn.rate", 1e-3, 1e-8, 10.0,
            "Adam learning rate");
    public static final ConfigKey<Double> LAMBDA = ConfigKey.ofDouble("herograph.lambda", 1e-5, 0.0, 10.0,
            "L2 weight on the batch's user and item vectors (within-domain and graph parts)");
    public static final ConfigKey<Double> INIT_STD = ConfigKey.ofDouble("herograph.init.std", 0.1, 1e-6, 10.0,
            "standard deviation of the Gaussian initialization of every embedding table");
    public static final ConfigKey<Integer> HOPS = ConfigKey.ofInt("herograph.attention.hops", 2, 1, 16,
            "steps of the recurrent attention over a user's domain neighbourhoods (each step's query adds the previous step's result)");
    public static final ConfigKey<Integer> MAX_EPOCHS = ConfigKey.ofInt("herograph.epochs.max", 300, 1, 100_000,
            "upper bound on training epochs (one epoch: every training interaction of every domain once)");
    public static final ConfigKey<Integer> PATIENCE = ConfigKey.ofInt("herograph.patience", 10, 1, 100_000,
            "epochs without a better mean validation NDCG@10 over domains before stopping");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(FACTORS, BATCH_SIZE, LEARN_RATE, LAMBDA, INIT_STD, HOPS, MAX_EPOCHS, PATIENCE);
    }

    @Override
    public List<String> ownedPrefixes() {
        return List.of("herograph.");
    }
}
