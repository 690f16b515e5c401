package org.uclr.baselines.gamtcdr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.EpochLimits;
import org.uclr.engine.TrainContext;
import org.uclr.testing.Fixtures;
import org.uclr.testing.FreedBuffers;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SkipGramTest {
    @Test
    void lossIsNegativeSamplingObjectiveFloat64Reference() {
        // b = 2 pairs, k = 2 noise nodes, m = 2
        float[] centers = {1, 2, /* */ -1, 0.5f};
        float[] targets = {0.5f, 1, /* noise */ 1, -1, /* */ 0, 2,
                /* pair 1 */ -2, 0, /* noise */ 1, 1, /* */ 0.5f, -0.5f};
        double expected = 0;
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 3; j++) {
                double dot = centers[b * 2] * targets[(b * 3 + j) * 2] + centers[b * 2 + 1] * targets[(b * 3 + j) * 2 + 1];
                // -log sigmoid(x) = log(1 + e^-x) for the context, -log sigmoid(-x) for noise
                expected += j == 0 ? Math.log1p(Math.exp(-dot)) : Math.log1p(Math.exp(dot));
            }
        }
        expected /= 2;
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1); NDManager m = engine.newStep()) {
            NDArray got = SkipGram.loss(m.create(centers, new Shape(2, 2)), m.create(targets, new Shape(2, 3, 2)));
            assertEquals(expected, got.getFloat(), 1e-6);
        }
    }

    /**
     * d loss / d w_c = (1 / b) (-(1 - sigmoid(w_c . o_ctx)) o_ctx + sum_j sigmoid(w_c . o_nj) o_nj), by hand in
     * float64, with memory freed and reused between the forward and the backward pass: the 1 / b of the batch
     * mean must survive it (with DJL's div(Number) the backward pass read freed memory there, issue 16).
     */
    @Test
    void centerGradientMatchesFloat64ReferenceAfterMemoryIsFreedAndReused() {
        float[] centers = {1, 2, /* */ -1, 0.5f};
        float[] targets = {0.5f, 1, /* noise */ 1, -1, /* */ 0, 2,
                /* pair 1 */ -2, 0, /* noise */ 1, 1, /* */ 0.5f, -0.5f};
        double[] expected = new double[4];
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 3; j++) {
                int t = (b * 3 + j) * 2;
                double dot = centers[b * 2] * targets[t] + centers[b * 2 + 1] * targets[t + 1];
                double sigmoid = 1 / (1 + Math.exp(-dot));
                double weight = j == 0 ? -(1 - sigmoid) : sigmoid;
                expected[b * 2] += weight * targets[t] / 2;
                expected[b * 2 + 1] += weight * targets[t + 1] / 2;
            }
        }
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1); NDManager m = engine.newStep()) {
            NDArray c = m.create(centers, new Shape(2, 2)).add(0f); // a PyTorch-owned leaf
            c.setRequiresGradient(true);
            try (GradientCollector gc = engine.gradients()) {
                NDArray loss = SkipGram.loss(c, m.create(targets, new Shape(2, 3, 2)));
                FreedBuffers.collectAndReuse();
                gc.backward(loss);
            }
            float[] got = c.getGradient().toFloatArray();
            for (int k = 0; k < 4; k++) {
                // float32 sigmoids and products of order 1: 1e-6
                assertEquals(expected[k], got[k], 1e-6, "d loss / d centers[" + k + "]");
            }
        }
    }

    @Test
    void pairsAreEveryNodeWithinTheCentersReachInItsOwnWalk() {
        // two walks of 4 nodes; reaches 1,2,1,1 and 3,1,1,2
        SkipGram.Walks walks = new SkipGram.Walks(new int[]{10, 11, 12, 13, 20, 21, 22, 23}, 4,
                new byte[]{1, 2, 1, 1, 3, 1, 1, 2});
        long[][] pairs = walks.pairs();
        long[] centers = {10, 11, 11, 11, 12, 12, 13, /* walk 2 */ 20, 20, 20, 21, 21, 22, 22, 23, 23};
        long[] contexts = {11, 10, 12, 13, 11, 13, 12, /* walk 2 */ 21, 22, 23, 20, 22, 21, 23, 21, 22};
        assertArrayEquals(centers, pairs[0]);
        assertArrayEquals(contexts, pairs[1]);
    }

    @Test
    void node2vecSeparatesTwoDisconnectedCommunities() {
        // users 0-9 only with items 0-9, users 10-19 only with items 10-19: two components
        int[][] rows = new int[20][];
        for (int u = 0; u < 20; u++) {
            int base = u < 10 ? 0 : 10;
            rows[u] = new int[]{base + u % 10, base + (u + 3) % 10, base + (u + 7) % 10};
        }
        UserItemMatrix train = UserItemMatrix.fromRows(20, rows);
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1)) {
            Node2Vec n2v = new Node2Vec(engine, train, 8, new Node2Vec.Settings(20, 10, 3, 5,
                    new EpochLimits(4, 4, "epochs"), 1, 1, 256, AdamConfig.of(0.025)), "toy");
            // a signal that improves every epoch, so the trainer keeps the last one
            AtomicInteger calls = new AtomicInteger();
            n2v.train(Fixtures.validation(List.of("toy"), k -> calls.incrementAndGet()));
            NDArray[] e = n2v.vectors();
            float[] u = e[0].toFloatArray();
            double same = 0;
            double other = 0;
            for (int a = 0; a < 20; a++) {
                for (int b = a + 1; b < 20; b++) {
                    double c = cosine(u, a, b, 8);
                    if ((a < 10) == (b < 10)) {
                        same += c / 90;
                    } else {
                        other += c / 100;
                    }
                }
            }
            // the untrained vectors give ~0 for both; users who share walks must come out far more similar (measured: 0.57 vs 0.14)
            System.out.printf("node2vec cosines: same community %.3f, other %.3f%n", same, other);
            assertTrue(same > other + 0.25, "same " + same + " other " + other);
            // the noise nodes push the communities apart: measured 0.14 with them, 0.46 with every noise node the context
            assertTrue(other < 0.3, "other-community cosine " + other + ": the negatives do not separate");
        }
    }

    private static double cosine(float[] x, int a, int b, int m) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int c = 0; c < m; c++) {
            dot += x[a * m + c] * x[b * m + c];
            na += x[a * m + c] * x[a * m + c];
            nb += x[b * m + c] * x[b * m + c];
        }
        return dot / Math.sqrt(na * nb);
    }
}
