package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.EpochLimits;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.DjlRuntime;
import org.uclr.engine.TrainContext;
import org.uclr.testing.Fixtures;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LightGCNPropagationTest {
    /** 4 users x 5 items; item 4 has no interaction (degree 0 must not divide by zero). */
    private static final UserItemMatrix TINY = UserItemMatrix.fromRows(5, new int[][]{{0, 1, 3}, {1}, {0, 2, 3}, {3}});
    private static final int M = 3;
    private static final int K = 3;

    @Test
    void finalEmbeddingsEqualDenseFloat64Reference() {
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1);
             LightGCN model = new LightGCN(engine, TINY, settings(M, K, 0, 0.5), "tiny")) {
            double[][] e0 = layer0(model);
            double[][] expected = multiply(meanOfPowers(denseNormalizedAdjacency(TINY), K), e0);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray[] fin = model.propagate();
                assertRowsClose(expected, concat(fin[0].toFloatArray(), fin[1].toFloatArray()), 1e-6);
            }
        }
    }

    /** A second domain "b" over the same 4 users, 3 items; user 1 (one item in TINY) has two here, user 2 none. */
    private static final UserItemMatrix B = UserItemMatrix.fromRows(3, new int[][]{{2}, {0, 1}, {}, {1, 2}});

    @Test
    void jointGraphOfTwoDomainsEqualsDenseFloat64ReferenceOfTheWholeBipartiteGraph() {
        // UCLR's stage 1 on uclr.backbone=lightgcn (paper appendix A.4) propagates over one graph of the shared users
        // and every domain's items (b's items after a's): a user's degree counts both domains
        UserItemMatrix joint = UserItemMatrix.concatItems(java.util.List.of(TINY, B));
        // the same graph written out by hand, b's items numbered 5..7
        UserItemMatrix byHand = UserItemMatrix.fromRows(8, new int[][]{{0, 1, 3, 7}, {1, 5, 6}, {0, 2, 3}, {3, 6, 7}});
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1);
             LightGCN model = new LightGCN(engine, joint, settings(M, K, 0, 0.5), "joint")) {
            double[][] e0 = layer0(model);
            double[][] expected = multiply(meanOfPowers(denseNormalizedAdjacency(byHand), K), e0);
            float[] got;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray[] fin = model.propagate();
                got = concat(fin[0].toFloatArray(), fin[1].toFloatArray());
            }
            assertRowsClose(expected, got, 1e-6);
            // b's interactions reach a's side: user 1 (degree 1 in a alone, 3 jointly) differs from a's own graph
            double[][] e0OfA = java.util.Arrays.copyOf(e0, 4 + 5);
            double[][] aAlone = multiply(meanOfPowers(denseNormalizedAdjacency(TINY), K), e0OfA);
            assertTrue(Math.abs(aAlone[1][0] - got[M]) > 1e-3, "user 1: " + aAlone[1][0] + " vs " + got[M]);
        }
    }

    @Test
    void gradientOfLayerZeroEqualsDenseFloat64Reference() {
        // d/dE0 sum(final * R) = P^T R with P = mean_k A^k; A is symmetric, so P^T = P
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1);
             LightGCN model = new LightGCN(engine, TINY, settings(M, K, 0, 0.5), "tiny");
             NDManager step = engine.newStep()) {
            trainable(model);
            int n = TINY.numUsers() + TINY.numItems();
            double[][] r = new double[n][M];
            float[] ru = new float[TINY.numUsers() * M];
            float[] ri = new float[TINY.numItems() * M];
            SplittableRandom rng = new SplittableRandom(11);
            for (int v = 0; v < n; v++) {
                for (int c = 0; c < M; c++) {
                    float x = (float) rng.nextDouble(-1, 1);
                    r[v][c] = x;
                    if (v < TINY.numUsers()) {
                        ru[v * M + c] = x;
                    } else {
                        ri[(v - TINY.numUsers()) * M + c] = x;
                    }
                }
            }
            try (NDScope scope = new NDScope(); GradientCollector gc = engine.gradients()) {
                scope.suppressNotUsedWarning();
                NDArray[] fin = model.propagate();
                NDArray loss = fin[0].mul(step.create(ru, fin[0].getShape())).sum()
                        .add(fin[1].mul(step.create(ri, fin[1].getShape())).sum());
                gc.backward(loss);
            }
            double[][] expected = multiply(meanOfPowers(denseNormalizedAdjacency(TINY), K), r);
            float[] got = concat(model.layer0Users().value().getGradient().toFloatArray(),
                    model.layer0Items().value().getGradient().toFloatArray());
            assertRowsClose(expected, got, 1e-6);
        }
    }

    @Test
    void gradientsAreBitwiseIdenticalAcrossRepeatsWithTwoThreads() {
        // the sparse products' backward and the gathers with duplicate rows must not race
        UserItemMatrix train = Fixtures.synthetic(0.1).domain(0).interactions();
        DjlRuntime.threads(2);
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1);
             LightGCN model = new LightGCN(engine, train, settings(32, 3, 1e-4, 0.1), "det")) {
            trainable(model);
            BprTriples.Batch batch = BprTriples.of(train)
                    .epoch(4096, new SplittableRandom(3)).get(0);
            float[] first = gradientOf(engine, model, batch);
            for (int repeat = 0; repeat < 3; repeat++) {
                assertArrayEquals(first, gradientOf(engine, model, batch));
            }
        } finally {
            DjlRuntime.threads(1);
        }
    }

    @Test
    void lossIsBprOnTheFinalEmbeddingsPlusTheAuthorsDecayOnTheBatchsLayerZeroRows() {
        // the authors' code: decay * (|u0|^2 + |p0|^2 + |n0|^2 summed over the batch) / (2 batch)
        LightGCNSettings hp = LightGCNSettings.from(org.uclr.config.Settings.of(Fixtures.configuration(java.util.Map.of(
                "lightgcn.decay", "0.2", "lightgcn.factors", String.valueOf(M), "lightgcn.layers", String.valueOf(K),
                "lightgcn.init.std", "0.5"))));
        assertEquals(0.1, hp.lambda(), 1e-15, "lambda = decay / 2");
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1);
             LightGCN model = new LightGCN(engine, TINY, hp, "tiny");
             NDManager step = engine.newStep(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            double[][] e0 = layer0(model);
            double[][] fin = multiply(meanOfPowers(denseNormalizedAdjacency(TINY), K), e0);
            int nu = TINY.numUsers();
            long[] u = {0, 2, 3, 0};
            long[] p = {1, 3, 3, 0};
            long[] n = {4, 0, 2, 2};
            double ranking = 0;
            double squares = 0;
            for (int b = 0; b < u.length; b++) {
                double[] fu = fin[(int) u[b]];
                double margin = BprLossTest.dot(fu, fin[nu + (int) p[b]]) - BprLossTest.dot(fu, fin[nu + (int) n[b]]);
                ranking += Math.log1p(Math.exp(-margin));
                for (double[] row : new double[][]{e0[(int) u[b]], e0[nu + (int) p[b]], e0[nu + (int) n[b]]}) {
                    squares += BprLossTest.dot(row, row);
                }
            }
            double expected = ranking / u.length + 0.2 * squares / (2 * u.length);
            assertEquals(expected, model.loss(step, new BprTriples.Batch(u, p, n)).getFloat(), 1e-6);
        }
    }

    private static LightGCNSettings settings(int factors, int layers, double decay, double initStd) {
        return new LightGCNSettings(factors, layers, 64, AdamConfig.of(1e-3), decay / 2, initStd,
                new EpochLimits(1, 1, "lightgcn.epochs.max"));
    }

    /** Gradients reach the layer-0 tables only once an optimizer owns them. */
    private static void trainable(LightGCN model) {
        new AdamOptimizer(AdamConfig.of(1e-3)).add(model.layer0Users()).add(model.layer0Items());
    }

    @Test
    void adjacencyWeightsAreOneOverSqrtOfBothDegrees() {
        double[][] a = denseNormalizedAdjacency(TINY);
        // user 0 (degree 3) and item 3 (degree 3): 1/3; user 1 (degree 1) and item 1 (degree 2): 1/sqrt(2)
        assertEquals(1.0 / 3, a[0][4 + 3], 1e-12);
        assertEquals(1 / Math.sqrt(2), a[1][4 + 1], 1e-12);
        assertEquals(0, a[1][4 + 0]);
    }

    private static float[] gradientOf(TrainContext engine, LightGCN model,
                                      BprTriples.Batch batch) {
        model.layer0Items().value().getGradient().muli(0);
        try (NDManager step = engine.newStep(); NDScope scope = new NDScope(); GradientCollector gc = engine.gradients()) {
            scope.suppressNotUsedWarning();
            NDArray[] fin = model.propagate();
            long[] idx = batch.positives();
            NDArray rows = fin[1].gather(step.create(idx).expandDims(1).repeat(1, 32), 0); // duplicates included
            gc.backward(rows.mul(rows).sum());
        }
        return model.layer0Items().value().getGradient().toFloatArray();
    }

    /** D^-1/2 A D^-1/2 over users then items, computed independently in float64. */
    static double[][] denseNormalizedAdjacency(UserItemMatrix r) {
        int nu = r.numUsers();
        int n = nu + r.numItems();
        double[][] a = new double[n][n];
        int[] deg = new int[n];
        for (int u = 0; u < nu; u++) {
            for (int i : r.row(u)) {
                deg[u]++;
                deg[nu + i]++;
            }
        }
        for (int u = 0; u < nu; u++) {
            for (int i : r.row(u)) {
                double w = 1 / Math.sqrt((double) deg[u] * deg[nu + i]);
                a[u][nu + i] = w;
                a[nu + i][u] = w;
            }
        }
        return a;
    }

    /** (A^0 + ... + A^k) / (k + 1). */
    static double[][] meanOfPowers(double[][] a, int k) {
        int n = a.length;
        double[][] sum = identity(n);
        double[][] power = identity(n);
        for (int layer = 1; layer <= k; layer++) {
            power = multiply(a, power);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    sum[i][j] += power[i][j];
                }
            }
        }
        for (double[] row : sum) {
            for (int j = 0; j < n; j++) {
                row[j] /= k + 1;
            }
        }
        return sum;
    }

    private static double[][] identity(int n) {
        double[][] id = new double[n][n];
        for (int i = 0; i < n; i++) {
            id[i][i] = 1;
        }
        return id;
    }

    static double[][] multiply(double[][] x, double[][] y) {
        double[][] out = new double[x.length][y[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < y.length; k++) {
                for (int j = 0; j < y[0].length; j++) {
                    out[i][j] += x[i][k] * y[k][j];
                }
            }
        }
        return out;
    }

    private static double[][] layer0(LightGCN model) {
        float[] all = concat(model.layer0Users().snapshot(), model.layer0Items().snapshot());
        double[][] e = new double[all.length / M][M];
        for (int v = 0; v < e.length; v++) {
            for (int c = 0; c < M; c++) {
                e[v][c] = all[v * M + c];
            }
        }
        return e;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Float32 propagation of values of size ~1 over a handful of terms: errors ~1e-7, well inside 1e-6. */
    private static void assertRowsClose(double[][] expected, float[] got, double tol) {
        assertEquals(expected.length * M, got.length);
        for (int v = 0; v < expected.length; v++) {
            for (int c = 0; c < M; c++) {
                double diff = Math.abs(expected[v][c] - got[v * M + c]);
                assertTrue(diff <= tol, "node " + v + " column " + c + ": expected " + expected[v][c] + ", got "
                        + got[v * M + c]);
            }
        }
    }
}
