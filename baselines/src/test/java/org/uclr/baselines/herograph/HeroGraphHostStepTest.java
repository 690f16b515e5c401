package org.uclr.baselines.herograph;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.DjlRuntime;
import org.uclr.engine.EpochLimits;
import org.uclr.engine.TrainContext;
import org.uclr.model.backbone.BprTriples;
import org.uclr.testing.TrainerStep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeroGraphHostStepTest {
    private static final int USERS = 40;
    private static final int M = 8;

    /**
     * The host kernels' training step against autograd through the whole graph, from the same initial
     * tables and on the same batches, each driven as the Trainer drives a step: the same loss and the same
     * gradients of the graph tables (G_U and every G_I^s), then the same tables after each optimizer step.
     * The sums run in another order, so "the same" is up to float32 rounding. Three domains of different
     * sizes, users without interactions in a domain, batches larger than the number of users (users and
     * items repeat within a batch) and a step where one domain has no batch. Dropping either path of the
     * items' gradient (g_i directly, G_U through the block) or the transposed product of the users'
     * neighbourhoods makes it fail.
     */
    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2})
    void hostStepGivesAutogradsLossGradientsAndTables(int threads) {
        List<UserItemMatrix> trains = randomDomains(new SplittableRandom(11), 9, 14, 6);
        HeroGraphSettings hp = new HeroGraphSettings(M, 64, AdamConfig.of(0.01), 1e-3, 0.3, 2,
                new EpochLimits(1, 1, "herograph.epochs.max"));
        DjlRuntime.threads(threads);
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1);
             HeroGraph viaAutograd = new HeroGraph(engine, trains, hp, "h");
             HeroGraph viaHost = new HeroGraph(engine, trains, hp, "h")) {
            AdamOptimizer autogradAdam = viaAutograd.optimizer(hp.adam(), false);
            AdamOptimizer hostAdam = viaHost.optimizer(hp.adam(), true);
            List<List<BprTriples.Batch>> steps = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                List<BprTriples.Batch> perDomain = new ArrayList<>();
                for (int d = 0; d < trains.size(); d++) {
                    perDomain.add(s == 2 && d == 1 ? null
                            : BprTriples.of(trains.get(d)).epoch(60, new SplittableRandom(100L * s + d)).get(0));
                }
                steps.add(perDomain);
            }
            assertTrue(steps.get(0).get(0).size() > USERS, "batches repeat users");
            for (int s = 0; s < steps.size(); s++) {
                List<BprTriples.Batch> batches = steps.get(s);
                float[][][] expectedGradients = new float[1][][];
                // autograd's gradients are read before the optimizer's step resets them
                double expected = TrainerStep.take(engine, autogradAdam, step -> viaAutograd.loss(step, batches),
                        () -> expectedGradients[0] = viaAutograd.graphGradients());
                double got = TrainerStep.take(engine, hostAdam, step -> viaHost.loss(step, batches), null);
                float[][] gotGradients = viaHost.graphGradients();
                assertEquals(expected, got, 1e-5 * Math.abs(expected), "loss at step " + s);
                for (int t = 0; t < gotGradients.length; t++) {
                    assertClose(expectedGradients[0][t], gotGradients[t], 1e-4, "gradient of graph table " + t + " at step " + s);
                }
                for (int d = 0; d < trains.size(); d++) {
                    NDArray[] a = viaAutograd.tables(d);
                    NDArray[] h = viaHost.tables(d);
                    for (int t = 0; t < a.length; t++) {
                        assertClose(a[t].toFloatArray(), h[t].toFloatArray(), 1e-5,
                                "table " + t + " of domain " + d + " after step " + s);
                    }
                }
            }
        } finally {
            DjlRuntime.threads(1);
        }
    }

    /** Every |a - b| within tol times the largest |expected| (float32 sums in another order: 1e-5 to 1e-4). */
    private static void assertClose(float[] expected, float[] got, double tol, String what) {
        assertEquals(expected.length, got.length, what);
        double worst = 0;
        double largest = 0;
        for (int k = 0; k < expected.length; k++) {
            worst = Math.max(worst, Math.abs(expected[k] - got[k]));
            largest = Math.max(largest, Math.abs(expected[k]));
        }
        assertTrue(largest > 0, what + ": all zero");
        assertTrue(worst <= tol * largest, what + ": largest difference " + worst + " (largest value " + largest + ")");
    }

    /** Three domains over the same users, each user with 0-5 random items per domain. */
    private static List<UserItemMatrix> randomDomains(SplittableRandom random, int... items) {
        List<UserItemMatrix> out = new ArrayList<>();
        for (int numItems : items) {
            int[][] rows = new int[USERS][];
            for (int u = 0; u < USERS; u++) {
                rows[u] = random.ints(random.nextInt(6), 0, numItems).distinct().sorted().toArray();
            }
            assertTrue(Arrays.stream(rows).anyMatch(r -> r.length == 0), "a user without items in a domain");
            out.add(UserItemMatrix.fromRows(numItems, rows));
        }
        return out;
    }
}
