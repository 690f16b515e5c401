package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.uclr.config.Settings;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;
import org.uclr.testing.Fixtures;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
                    new Temperatures(USERS, hp.temperatures()), true);
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
            LoraFinetune ft = new LoraFinetune(ctx, hp, 1e-5, "d", w0, items, stage2, temps, true);
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
                    new Temperatures(USERS, hp.temperatures()), true);
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
