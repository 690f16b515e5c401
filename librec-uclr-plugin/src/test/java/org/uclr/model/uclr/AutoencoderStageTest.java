package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.uclr.config.Settings;
import org.uclr.engine.Checkpoint;
import org.uclr.engine.DenseParameter;
import org.uclr.engine.TrainingOutcome;
import org.uclr.testing.CpuTrainContext;
import org.uclr.testing.Fixtures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoencoderStageTest {
    private static final int USERS = 40;
    private static final int DIM = 8;
    @RegisterExtension
    static final CpuTrainContext ctx = new CpuTrainContext();

    private static UclrHyperParameters hp(String... keyValues) {
        Map<String, String> keys = new HashMap<>(Map.of("uclr.hidden", "4,2", "uclr.batch.size", "16",
                "uclr.patience", "2", "uclr.epochs.max", "50", "uclr.learn.rate", "0.01"));
        keys.putAll(Fixtures.with(Map.of(), keyValues));
        return UclrHyperParameters.from(Settings.of(Fixtures.configuration(keys)));
    }

    /** Domain 0's validation peaks at epoch 1, domain 1's at epoch 3, their mean first at epoch 1; all fall afterwards. */
    private static double validation(int domain, int epoch) {
        int peak = domain == 0 ? 1 : 3;
        return 1.0 - Math.abs(epoch - peak) * 0.1;
    }

    @Test
    void eachDomainKeepsTheWeightsAndTemperaturesOfItsOwnBestEpochBitForBit() {
        UclrHyperParameters hp = hp();
        DualStreamAutoencoder ae = new DualStreamAutoencoder(ctx.get(), DIM, hp.autoencoder().hidden(), new SplittableRandom(1));
        Temperatures temps = new Temperatures(USERS, hp.temperatures());
        AutoencoderStage stage = new AutoencoderStage(ctx.get(), hp, ae, temps);
        NDArray w0 = ctx.get().gaussian(USERS, DIM, 0.1, ctx.get().random("w0"));
        List<Checkpoint.State> atEpoch = new ArrayList<>();
        TrainingOutcome result = stage.train(w0, Fixtures.validation(List.of("a", "b"), d -> {
            if (d == 0) {
                atEpoch.add(stage.checkpoint().save());
            }
            return validation(d, atEpoch.size() - 1);
        }), null);

        assertArrayEquals(new int[]{1, 3}, result.domainBestEpoch());
        assertEquals(5, result.epochs(), "stops 2 epochs after the last domain's best (epoch 3)");
        int parts = ae.parameters().size() + 1;
        for (int d = 0; d < 2; d++) {
            Checkpoint.State kept = result.domainStates().get(d);
            Checkpoint.State expected = atEpoch.get(result.domainBestEpoch()[d]);
            for (int p = 0; p < parts - 1; p++) {
                assertArrayEquals((float[]) expected.part(p), (float[]) kept.part(p), "domain " + d + " part " + p);
            }
            assertSameTemperatures((Temperatures) expected.part(parts - 1), (Temperatures) kept.part(parts - 1),
                    "domain " + d + " keeps the temperatures of its best epoch");
        }
        assertFalse(java.util.Arrays.equals((float[]) atEpoch.get(1).part(0), (float[]) atEpoch.get(3).part(0)),
                "epochs 1 and 3 differ, so the comparison above can tell them apart");
        // the mean over domains is 0.9 at epochs 1, 2 and 3: the first (epoch 1) is what the stage itself keeps
        for (int p = 0; p < parts - 1; p++) {
            assertArrayEquals((float[]) atEpoch.get(1).part(p), ae.parameters().get(p).snapshot(), "shared part " + p);
        }
        assertSameTemperatures((Temperatures) atEpoch.get(1).part(parts - 1), temps,
                "the stage's temperatures end at the best mean epoch, not the last");
        assertNotEquals(temps.tau(0), ((Temperatures) atEpoch.get(5).part(parts - 1)).tau(0), 0.0,
                "the temperatures moved after epoch 1");
    }

    private static void assertSameTemperatures(Temperatures expected, Temperatures actual, String what) {
        for (int u = 0; u < USERS; u++) {
            assertEquals(expected.tau(u), actual.tau(u), 0.0, what + ": tau of user " + u);
            assertEquals(expected.logU(u), actual.logU(u), 0.0, what + ": log u of user " + u);
        }
    }

    /**
     * With alpha = 0 the stage trains on the contrastive term alone: it must pull each user's two
     * streams together relative to the other users (iSogCLR's objective at a fixed tau falls on a
     * fixed masked batch) and individualize the temperatures; one global temperature stays shared.
     */
    @Test
    void theContrastiveTermAlonePullsEachUsersStreamsTogetherAndMovesTheTemperatures() {
        for (String mode : List.of("individual", "global")) {
            UclrHyperParameters hp = hp("uclr.alpha", "0", "uclr.hidden", "16,8", "uclr.epochs.max", "30",
                    "uclr.patience", "30", "uclr.variant", "pge-ucl-ae", "uclr.temperature", mode);
            DualStreamAutoencoder ae = new DualStreamAutoencoder(ctx.get(), DIM, hp.autoencoder().hidden(), new SplittableRandom(2));
            Temperatures temps = new Temperatures(USERS, hp.temperatures());
            AutoencoderStage stage = new AutoencoderStage(ctx.get(), hp, ae, temps);
            NDArray w0 = ctx.get().gaussian(USERS, DIM, 0.1, ctx.get().random("w0"));
            double before = fixedTauObjective(ae, w0, hp);
            int[] epoch = {0};
            stage.train(w0, Fixtures.validation(List.of("a"), d -> epoch[0]++), null); // improves every epoch: the last is kept
            double after = fixedTauObjective(ae, w0, hp);

            assertTrue(after < before - 0.02, mode + ": F at tau 0.1 before " + before + ", after " + after);
            java.util.Set<Double> distinct = new java.util.HashSet<>();
            for (int u = 0; u < USERS; u++) {
                assertNotEquals(0.1, temps.tau(u), mode + ": tau of user " + u + " moved from its init");
                distinct.add(temps.tau(u));
            }
            if (mode.equals("global")) {
                assertEquals(1, distinct.size(), "one shared temperature");
            } else {
                assertEquals(USERS, distinct.size(), "one temperature per user");
            }
        }
    }

    /** mean_i 0.1 log mean_{k != i} exp(h_ik / 0.1) of every user against a fixed feature mask of W0. */
    private static double fixedTauObjective(DualStreamAutoencoder ae, NDArray w0, UclrHyperParameters hp) {
        try (NDManager m = ctx.get().newStep()) {
            NDArray e = w0.duplicate();
            e.attach(m);
            NDArray masked = new UserMasker(hp.autoencoder().maskMode(), hp.autoencoder().maskRatio())
                    .mask(e, new SplittableRandom(99));
            double[][] h = UserAwareContrastiveLossTest.hOf(rows(ae.encode(e)), rows(ae.encode(masked)));
            double sum = 0;
            for (int i = 0; i < USERS; i++) {
                sum += UserAwareContrastiveLossTest.objective(h[i], i, 0.1, 0);
            }
            return sum / USERS;
        }
    }

    /**
     * Eq. 5 on one batch, against a float64 forward pass of the same weights: the contrastive loss of the
     * two streams' latents + alpha times the reconstruction of E by both streams (the masked stream
     * reconstructs the unmasked E); a single stream (PGE+AE) is its reconstruction alone.
     * Tolerance: float32 through two small layers, 1e-5.
     */
    @Test
    void combinedLossIsContrastPlusAlphaTimesBothStreamsReconstructionOfTheUnmaskedInput() {
        DualStreamAutoencoder ae = new DualStreamAutoencoder(ctx.get(), 6, List.of(4, 2), new SplittableRandom(5));
        TemperatureSettings ts = new TemperatureSettings(TemperatureMode.INDIVIDUAL, 0.2, 1e-5, 1.0, 0.3, 0.9, 0.01, 0.9);
        int[] users = {2, 0, 3};
        double[][] e = {{0.5, -0.2, 0.1, 0.9, -0.7, 0.3}, {-0.4, 0.8, 0.6, -0.1, 0.2, 0.5}, {0.3, 0.3, -0.9, 0.4, 0.1, -0.6}};
        double[][] masked = {{0.5, 0, 0.1, 0.9, 0, 0.3}, {0, 0.8, 0.6, -0.1, 0, 0.5}, {0.3, 0, -0.9, 0.4, 0.1, 0}};
        double alpha = 0.5;
        double[][] z = forward(ae.parameters().subList(0, 4), e);
        double[][] zMasked = forward(ae.parameters().subList(0, 4), masked);
        double recon = reconstruction(forward(ae.parameters().subList(4, 8), z), e);
        double reconMasked = reconstruction(forward(ae.parameters().subList(4, 8), zMasked), e);
        double contrast = UserAwareContrastiveLossTest.surrogateValue(UserAwareContrastiveLossTest.hOf(z, zMasked),
                new double[]{0.2, 0.2, 0.2});
        try (NDManager m = ctx.get().newStep()) {
            float dual = AutoencoderStage.combinedLoss(ae, new Temperatures(4, ts), users, array(m, e), array(m, masked),
                    alpha).getFloat();
            float single = AutoencoderStage.combinedLoss(ae, new Temperatures(4, ts), users, array(m, e), null,
                    alpha).getFloat();
            assertEquals(contrast + alpha * (recon + reconMasked), dual, 1e-5);
            assertEquals(recon, single, 1e-5);
        }
    }

    /** Linear layers (x W + b) with ReLU between them, none after the last, in float64. */
    static double[][] forward(List<DenseParameter> layers, double[][] x) {
        double[][] h = x;
        for (int l = 0; l < layers.size(); l += 2) {
            float[] w = layers.get(l).snapshot();
            float[] bias = layers.get(l + 1).snapshot();
            int in = h[0].length;
            int out = bias.length;
            double[][] next = new double[h.length][out];
            for (int r = 0; r < h.length; r++) {
                for (int o = 0; o < out; o++) {
                    double s = bias[o];
                    for (int i = 0; i < in; i++) {
                        s += h[r][i] * w[i * out + o];
                    }
                    next[r][o] = l + 2 < layers.size() ? Math.max(0, s) : s;
                }
            }
            h = next;
        }
        return h;
    }

    private static double reconstruction(double[][] decoded, double[][] target) {
        double sum = 0;
        for (int r = 0; r < target.length; r++) {
            for (int c = 0; c < target[0].length; c++) {
                sum += (decoded[r][c] - target[r][c]) * (decoded[r][c] - target[r][c]);
            }
        }
        return sum / target.length;
    }

    private static NDArray array(NDManager m, double[][] a) {
        float[] f = new float[a.length * a[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[0].length; c++) {
                f[r * a[0].length + c] = (float) a[r][c];
            }
        }
        return m.create(f, new Shape(a.length, a[0].length));
    }

    private static double[][] rows(NDArray a) {
        int n = (int) a.getShape().get(0);
        int d = (int) a.getShape().get(1);
        float[] f = a.toFloatArray();
        double[][] out = new double[n][d];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                out[r][c] = f[r * d + c];
            }
        }
        return out;
    }
}
