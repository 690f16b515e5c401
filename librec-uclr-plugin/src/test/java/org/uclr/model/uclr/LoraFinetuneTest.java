package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uclr.config.Settings;
import org.uclr.data.CandidateSet;
import org.uclr.data.DomainSplit;
import org.uclr.data.LeaveOneOutSplitter;
import org.uclr.data.MultiDomainDataset;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.TrainingOutcome;
import org.uclr.engine.Validation;
import org.uclr.eval.RankMetric;
import org.uclr.eval.ScoredDomain;
import org.uclr.model.backbone.BprTriples;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;
import org.uclr.testing.Fixtures;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class LoraFinetuneTest {
    private static final int USERS = 60;
    private static final int ITEMS = 150;
    private static final int DIM = 16;

    /** The paper's eq. 7: everything trainable, the combined loss at weight 1. */
    private static final Map<String, String> EVERYTHING_TRAINABLE = Map.of("uclr.finetune.items", "true",
            "uclr.finetune.autoencoder", "true", "uclr.finetune.combined.weight", "1");

    private static UclrHyperParameters hyperParameters(Map<String, String> trainables) {
        Map<String, String> keys = new java.util.HashMap<>(Map.of(
                "uclr.hidden", "8,4", "uclr.lora.rank", "4", "uclr.finetune.epochs.max", "3",
                "uclr.finetune.patience", "5", "uclr.finetune.batch.size", "64", "uclr.finetune.contrast.users", "16",
                "uclr.finetune.learn.rate", "0.01"));
        keys.putAll(trainables);
        return UclrHyperParameters.from(Settings.of(Fixtures.configuration(keys)));
    }

    private static UserItemMatrix train() {
        SplittableRandom rng = new SplittableRandom(3);
        int[][] rows = new int[USERS][];
        for (int u = 0; u < USERS; u++) {
            rows[u] = rng.ints(5, 0, ITEMS).toArray();
        }
        return UserItemMatrix.fromRows(ITEMS, rows);
    }

    private static float[] all(LoraFinetune ft, TrainContext ctx) {
        try (NDManager step = ctx.newStep()) {
            long[] users = new long[USERS];
            for (int u = 0; u < USERS; u++) {
                users[u] = u;
            }
            return ft.lora().rowsNoGrad(step, step.create(users)).toFloatArray();
        }
    }

    @Test
    void loraStartsExactlyAtW0() {
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 1)) {
            UclrHyperParameters hp = hyperParameters(EVERYTHING_TRAINABLE);
            NDArray w0 = ctx.gaussian(USERS, DIM, 0.1, ctx.random("w0"));
            LoraFinetune ft = new LoraFinetune(ctx, hp, 1e-5, "d", w0, ctx.gaussian(ITEMS, DIM, 0.1, ctx.random("i")),
                    new DualStreamAutoencoder(ctx, DIM, hp.autoencoder().hidden(), new SplittableRandom(1)),
                    new Temperatures(USERS, hp.temperatures()), UserVectors.of(UserScoring.DECODED));
            assertArrayEquals(w0.toFloatArray(), all(ft, ctx), "W_d = W0 + B_d A_d with B_d = 0, bitwise");
        }
    }

    @Test
    void finetuneChangesOnlyTheDeclaredTrainablesAndNeverW0() {
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 1)) {
            UclrHyperParameters hp = hyperParameters(EVERYTHING_TRAINABLE);
            NDArray w0 = ctx.gaussian(USERS, DIM, 0.1, ctx.random("w0"));
            NDArray items = ctx.gaussian(ITEMS, DIM, 0.1, ctx.random("i"));
            DualStreamAutoencoder stage2 = new DualStreamAutoencoder(ctx, DIM, hp.autoencoder().hidden(),
                    new SplittableRandom(1));
            Temperatures temps = new Temperatures(USERS, hp.temperatures());
            float[] w0Before = w0.toFloatArray();
            float[] itemsBefore = items.toFloatArray();
            List<float[]> aeBefore = snapshot(stage2);
            LoraFinetune ft = new LoraFinetune(ctx, hp, 1e-5, "d", w0, items, stage2, temps, UserVectors.of(UserScoring.DECODED));
            float[] aBefore = ft.lora().a().snapshot();

            int[] epoch = {0};
            ft.train(train(), Fixtures.validation(List.of("d"), k -> epoch[0]++), Double.NaN); // validation improves every epoch: the last epoch is kept

            assertArrayEquals(w0Before, w0.toFloatArray(), "W0 is frozen");
            assertArrayEquals(itemsBefore, items.toFloatArray(), "the pretrained item table is copied, not trained");
            List<float[]> aeAfter = snapshot(stage2);
            for (int p = 0; p < aeBefore.size(); p++) {
                assertArrayEquals(aeBefore.get(p), aeAfter.get(p), "the stage-2 autoencoder is copied, not trained");
            }
            assertEquals01(temps.tau(0), 0.1);
            assertFalse(java.util.Arrays.equals(aBefore, ft.lora().a().snapshot()), "A_d trained");
            assertFalse(java.util.Arrays.stream(box(ft.lora().b().snapshot())).allMatch(x -> x == 0f), "B_d trained");
            assertFalse(java.util.Arrays.equals(itemsBefore, ft.items().snapshot()), "domain items trained");
            assertNotEquals(0.1, ft.temperatures().tau(0), "the domain's temperatures trained");
        }
    }

    @Test
    void byDefaultOnlyTheLowRankUpdateTrains() {
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 1)) {
            UclrHyperParameters hp = hyperParameters(Map.of());
            NDArray w0 = ctx.gaussian(USERS, DIM, 0.1, ctx.random("w0"));
            NDArray items = ctx.gaussian(ITEMS, DIM, 0.1, ctx.random("i"));
            DualStreamAutoencoder stage2 = new DualStreamAutoencoder(ctx, DIM, hp.autoencoder().hidden(),
                    new SplittableRandom(1));
            float[] w0Before = w0.toFloatArray();
            float[] itemsBefore = items.toFloatArray();
            List<float[]> aeBefore = snapshot(stage2);
            LoraFinetune ft = new LoraFinetune(ctx, hp, 1e-5, "d", w0, items, stage2,
                    new Temperatures(USERS, hp.temperatures()), UserVectors.of(UserScoring.DECODED));
            float[] aBefore = ft.lora().a().snapshot();

            int[] epoch = {0};
            ft.train(train(), Fixtures.validation(List.of("d"), k -> epoch[0]++), Double.NaN);

            assertArrayEquals(w0Before, w0.toFloatArray(), "W0 is frozen");
            assertArrayEquals(itemsBefore, ft.items().snapshot(), "the domain's items are not trained by default");
            List<float[]> aeAfter = snapshot(ft.autoencoder());
            for (int p = 0; p < aeBefore.size(); p++) {
                assertArrayEquals(aeBefore.get(p), aeAfter.get(p), "the autoencoder is not trained by default");
            }
            org.junit.jupiter.api.Assertions.assertEquals(0.1, ft.temperatures().tau(0), 0.0,
                    "no combined loss by default, so the temperatures stay");
            assertFalse(java.util.Arrays.equals(aBefore, ft.lora().a().snapshot()), "A_d trained");
            assertFalse(java.util.Arrays.stream(box(ft.lora().b().snapshot())).allMatch(x -> x == 0f), "B_d trained");
        }
    }

    /** BPR's ranking loss of the finetune's current scores on fixed (user, positive, negative) triples. */
    private static double bprLoss(LoraFinetune ft, TrainContext ctx, BprTriples.Batch triples) {
        try (NDManager step = ctx.newStep()) {
            long[] pairs = new long[2 * triples.size()];
            for (int b = 0; b < triples.size(); b++) {
                pairs[2 * b] = triples.positives()[b];
                pairs[2 * b + 1] = triples.negatives()[b];
            }
            float[] s = ft.score(step, step.create(triples.users()), step.create(pairs, new Shape(triples.size(), 2)))
                    .toFloatArray();
            double sum = 0;
            for (int b = 0; b < triples.size(); b++) {
                sum += Math.log1p(Math.exp(-(s[2 * b] - s[2 * b + 1])));
            }
            return sum / triples.size();
        }
    }

    /** Every training positive with one fixed negative, drawn once. */
    private static BprTriples.Batch fixedTriples(UserItemMatrix train) {
        return BprTriples.of(train).epoch(train.nnz(), new SplittableRandom(42)).get(0);
    }

    private static LoraFinetune finetune(TrainContext ctx, UclrHyperParameters hp, int users, int items, boolean decoded) {
        return new LoraFinetune(ctx, hp, 1e-5, "d", ctx.gaussian(users, DIM, 0.1, ctx.random("w0")),
                ctx.gaussian(items, DIM, 0.1, ctx.random("i")),
                new DualStreamAutoencoder(ctx, DIM, hp.autoencoder().hidden(), new SplittableRandom(1)),
                new Temperatures(users, hp.temperatures()),
                UserVectors.of(decoded ? UserScoring.DECODED : UserScoring.EMBEDDING));
    }

    /**
     * The finetune descends the domain's BPR loss: measured from the finetune's own scores on the
     * training positives with fixed negatives, it falls clearly (a sign-flipped gradient would raise it).
     */
    @Test
    void trainingLowersTheDomainsBprLoss() {
        for (Map<String, String> trainables : List.of(Map.<String, String>of(), EVERYTHING_TRAINABLE)) {
            for (boolean decoded : new boolean[]{false, true}) {
                try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 1)) {
                    Map<String, String> keys = new java.util.HashMap<>(trainables);
                    keys.put("uclr.finetune.learn.rate", "0.05");
                    keys.put("uclr.finetune.epochs.max", "10");
                    UclrHyperParameters hp = hyperParameters(keys);
                    LoraFinetune ft = finetune(ctx, hp, USERS, ITEMS, decoded);
                    UserItemMatrix train = train();
                    BprTriples.Batch triples = fixedTriples(train);
                    double before = bprLoss(ft, ctx, triples);
                    int[] epoch = {0};
                    ft.train(train, Fixtures.validation(List.of("d"), k -> epoch[0]++), Double.NaN);
                    double after = bprLoss(ft, ctx, triples);
                    assertTrue(after < before - 0.01, trainables + " decoded " + decoded + ": BPR loss " + before
                            + " -> " + after);
                }
            }
        }
    }

    /**
     * When no finetune epoch beats epoch 0 (W_d = W0), every trainable part is put back bit for bit:
     * B_d (so W_d = W0 again), A_d, the autoencoder copy, the items and the temperatures, and with them
     * the scores.
     */
    @Test
    void whenNoEpochBeatsTheStartEverythingTrainableIsRestoredBitForBit() {
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 1)) {
            UclrHyperParameters hp = hyperParameters(EVERYTHING_TRAINABLE);
            LoraFinetune ft = finetune(ctx, hp, USERS, ITEMS, true);
            BprTriples.Batch triples = fixedTriples(train());
            float[] scores = scores(ft, ctx, triples);
            float[] a = ft.lora().a().snapshot();
            float[] items = ft.items().snapshot();
            List<float[]> ae = snapshot(ft.autoencoder());
            int[] epoch = {0};
            TrainingOutcome o = ft.train(train(), Fixtures.validation(List.of("d"), k -> epoch[0]++ == 0 ? 0.5 : 0.4),
                    Double.NaN);

            assertTrue(o.keptStartingPoint(0));
            assertEquals(4, epoch[0], "epoch 0 and the 3 epochs of the cap were validated");
            assertTrue(java.util.Arrays.stream(box(ft.lora().b().snapshot())).allMatch(x -> x == 0f), "B_d back at 0");
            assertArrayEquals(a, ft.lora().a().snapshot());
            assertArrayEquals(items, ft.items().snapshot());
            List<float[]> aeAfter = snapshot(ft.autoencoder());
            for (int p = 0; p < ae.size(); p++) {
                assertArrayEquals(ae.get(p), aeAfter.get(p), "autoencoder part " + p);
            }
            for (int u = 0; u < USERS; u++) {
                org.junit.jupiter.api.Assertions.assertEquals(0.1, ft.temperatures().tau(u), 0.0, "tau of user " + u);
            }
            assertArrayEquals(scores, scores(ft, ctx, triples), "the scores are those of epoch 0");
        }
    }

    /** With real validation (held-out items of a synthetic domain), the kept finetune is never worse than epoch 0. */
    @Test
    void validationNeverEndsBelowEpochZero() {
        MultiDomainDataset data = Fixtures.synthetic(0.05);
        DomainSplit split = new LeaveOneOutSplitter(99).split(data, 1L).domain(0);
        for (String lr : List.of("0.05", "0.0001")) {
            try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 1)) {
                UclrHyperParameters hp = hyperParameters(Map.of("uclr.finetune.learn.rate", lr,
                        "uclr.finetune.epochs.max", "4", "uclr.finetune.patience", "2"));
                LoraFinetune ft = finetune(ctx, hp, data.numUsers(), split.train().numItems(), false);
                double start = ndcg10(ft, ctx, split.validation());
                Validation validation = new Validation() {
                    @Override
                    public List<String> domains() {
                        return List.of("d");
                    }

                    @Override
                    public boolean hasUsers(int k) {
                        return true;
                    }

                    @Override
                    public double ndcg10(int k) {
                        return LoraFinetuneTest.ndcg10(ft, ctx, split.validation());
                    }
                };
                TrainingOutcome o = ft.train(split.train(), validation, Double.NaN);
                double end = ndcg10(ft, ctx, split.validation());
                assertTrue(end >= start, "lr " + lr + ": validation NDCG@10 " + start + " at epoch 0, " + end + " kept");
                assertEquals(o.domainValidation()[0], end, 0.0, "the outcome reports the kept weights' validation");
            }
        }
    }

    private static float[] scores(LoraFinetune ft, TrainContext ctx, BprTriples.Batch t) {
        try (NDManager step = ctx.newStep()) {
            return ft.score(step, step.create(t.users()), step.create(t.positives(), new Shape(t.size(), 1))).toFloatArray();
        }
    }

    static double ndcg10(LoraFinetune ft, TrainContext ctx, CandidateSet c) {
        try (NDManager step = ctx.newStep()) {
            long[] users = java.util.Arrays.stream(c.users()).asLongStream().toArray();
            long[] items = java.util.Arrays.stream(c.candidates()).asLongStream().toArray();
            float[] s = ft.score(step, step.create(users), step.create(items, new Shape(c.size(), c.width())))
                    .toFloatArray();
            return new ScoredDomain("d", c, s).rankCounts().mean(RankMetric.NDCG, 10);
        }
    }

    private static List<float[]> snapshot(DualStreamAutoencoder ae) {
        return ae.parameters().stream().map(p -> p.snapshot()).toList();
    }

    private static void assertEquals01(double actual, double expected) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual, 0.0, "stage-2 temperatures are copied");
    }

    private static Float[] box(float[] f) {
        Float[] out = new Float[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }
}
