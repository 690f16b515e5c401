package org.uclr.baselines.gamtcdr;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeySet;

import java.util.List;

/**
 * GA-MTCDR's keys. m and the batch are the UCLR paper's settings for every baseline; negatives,
 * lambda and the rate are the authors' GA-DTCDR code's. The tower and the node2vec effort are smaller
 * than the authors' (each description names theirs): at m = 128 their 8m-wide tower and 100 walks of
 * 30 nodes per node cost hours per run on a CPU (README, baselines table).
 */
public final class GaMtcdrKeys implements KeySet {
    public static final ConfigKey<Integer> FACTORS = ConfigKey.ofInt("gamtcdr.factors", 128, 1, 4096,
            "size m of the node2vec embeddings and of the towers' input");
    public static final ConfigKey<List<Integer>> TOWER = ConfigKey.ofIntList("gamtcdr.tower", List.of(256, 128), 1, 65536,
            "widths of the user and item towers' layers after the input, ReLU after each (the authors' code: 2m,4m,8m,4m,2m,m)");
    public static final ConfigKey<Integer> NEGATIVES = ConfigKey.ofInt("gamtcdr.negatives", 7, 1, 1000,
            "sampled negatives (label 0) per training positive, fresh every epoch (the authors' code: 7)");
    public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.ofInt("gamtcdr.batch.size", 2048, 1, 1 << 20,
            "labelled pairs per step over all domains, split between them in proportion to their pairs (one Adam step on the sum of the domains' losses)");
    public static final ConfigKey<Double> LEARN_RATE = ConfigKey.ofDouble("gamtcdr.learn.rate", 1e-3, 1e-8, 10.0,
            "Adam learning rate");
    public static final ConfigKey<Double> LAMBDA = ConfigKey.ofDouble("gamtcdr.lambda", 1e-3, 0.0, 10.0,
            "weight of lambda / 2 (|u|^2 + |i|^2) on the towers' outputs (the authors' code: 1e-3)");
    public static final ConfigKey<Integer> MAX_EPOCHS = ConfigKey.ofInt("gamtcdr.epochs.max", 100, 1, 100_000,
            "upper bound on training epochs (the authors' code: 50)");
    public static final ConfigKey<Integer> PATIENCE = ConfigKey.ofInt("gamtcdr.patience", 10, 1, 100_000,
            "epochs without a better mean validation NDCG@10 over domains before the model stops (node2vec does not early-stop)");

    public static final ConfigKey<Integer> WALKS = ConfigKey.ofInt("gamtcdr.node2vec.walks", 10, 1, 10_000,
            "random walks started from every node per node2vec epoch (the authors: 100)");
    public static final ConfigKey<Integer> WALK_LENGTH = ConfigKey.ofInt("gamtcdr.node2vec.walk.length", 10, 2, 10_000,
            "nodes per walk (the authors: 30)");
    public static final ConfigKey<Integer> WINDOW = ConfigKey.ofInt("gamtcdr.node2vec.window", 3, 1, 1000,
            "largest skip-gram distance between a center and its context (the authors: 10)");
    public static final ConfigKey<Integer> WALK_NEGATIVES = ConfigKey.ofInt("gamtcdr.node2vec.negatives", 5, 1, 1000,
            "noise nodes per skip-gram pair (word2vec's default 5, as the authors)");
    public static final ConfigKey<Integer> WALK_EPOCHS = ConfigKey.ofInt("gamtcdr.node2vec.epochs", 1, 1, 10_000,
            "skip-gram epochs, each over fresh walks; all are trained and the last is kept, as the authors' fixed passes (the authors: 5 passes over one corpus); the vectors' validation NDCG@10 by user . item dot product is only logged");
    public static final ConfigKey<Double> P = ConfigKey.ofDouble("gamtcdr.node2vec.p", 1.0, 1e-6, 1e6,
            "node2vec return parameter p (the authors: 1)");
    public static final ConfigKey<Double> Q = ConfigKey.ofDouble("gamtcdr.node2vec.q", 1.0, 1e-6, 1e6,
            "node2vec in-out parameter q (the authors: 1)");
    public static final ConfigKey<Integer> WALK_BATCH_SIZE = ConfigKey.ofInt("gamtcdr.node2vec.batch.size", 4096, 1, 1 << 24,
            "skip-gram pairs per Adam step, about: a step takes whole walks, batch / (walk.length (window + 1)) of them");
    public static final ConfigKey<Double> WALK_LEARN_RATE = ConfigKey.ofDouble("gamtcdr.node2vec.learn.rate", 0.025, 1e-8, 10.0,
            "Adam learning rate of the skip-gram (1e-2 left the embeddings of a small graph unseparated after one epoch)");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(FACTORS, TOWER, NEGATIVES, BATCH_SIZE, LEARN_RATE, LAMBDA, MAX_EPOCHS, PATIENCE,
                WALKS, WALK_LENGTH, WINDOW, WALK_NEGATIVES, WALK_EPOCHS, P, Q, WALK_BATCH_SIZE, WALK_LEARN_RATE);
    }

    @Override
    public List<String> ownedPrefixes() {
        return List.of("gamtcdr.");
    }
}
