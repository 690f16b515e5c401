package org.uclr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.uclr.testing.CpuTrainContext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adam against Algorithm 1 of Kingma and Ba (ICLR 2015) written out here in float64, bias correction
 * included. Betas other than the defaults (0.8, 0.95) so that swapping them or dropping the correction
 * shows; several steps with changing gradients, since Adam's first step is lr * sign(g) whatever the
 * betas. Tolerance: float32 updates of values of order 1, a few steps: 2e-6.
 */
class AdamOptimizerTest {
    private static final AdamConfig ADAM = new AdamConfig(0.1, 0.8, 0.95, 1e-8);
    private static final double TOL = 2e-6;
    @RegisterExtension
    static final CpuTrainContext ctx = new CpuTrainContext();

    /** Adam's state of one tensor in float64: update(x, g, t) applies step t (1-based). */
    private static final class Reference {
        final double[] m;
        final double[] v;

        Reference(int n) {
            m = new double[n];
            v = new double[n];
        }

        void update(double[] x, double[] g, int t) {
            for (int i = 0; i < x.length; i++) {
                m[i] = ADAM.beta1() * m[i] + (1 - ADAM.beta1()) * g[i];
                v[i] = ADAM.beta2() * v[i] + (1 - ADAM.beta2()) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(ADAM.beta1(), t));
                double vHat = v[i] / (1 - Math.pow(ADAM.beta2(), t));
                x[i] -= ADAM.learningRate() * mHat / (Math.sqrt(vHat) + ADAM.epsilon());
            }
        }
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOL, what + " [" + i + "]");
        }
    }

    @Test
    void denseStepsMatchAdamInFloat64() {
        // loss = sum(c * x^2): the gradient 2 c x changes with x at every step
        double[] c = {1, 0.5, -2, 3};
        double[] x = {0.5, -1.5, 2.0, -0.1};
        DenseParameter p = new DenseParameter("x", ctx.get().root().create(toFloats(x)));
        AdamOptimizer adam = new AdamOptimizer(ADAM).add(p);
        Reference ref = new Reference(x.length);
        for (int t = 1; t <= 4; t++) {
            try (NDManager step = ctx.get().newStep(); GradientCollector gc = ctx.get().gradients()) {
                gc.backward(p.value().square().mul(step.create(toFloats(c))).sum());
            }
            adam.step();
            double[] g = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                g[i] = 2 * c[i] * x[i];
            }
            ref.update(x, g, t);
            assertClose(x, p.snapshot(), "after step " + t);
        }
    }

    @Test
    void sparseStepsUpdateOnlyTheLookedUpRowsAndDuplicatedIndicesAddTheirGradients() {
        // a 5 x 2 table; step 1 looks up rows 1, 3, 1 (row 1 twice), step 2 rows 3 and 4
        double[][] table = {{0.1, 0.2}, {0.3, -0.4}, {-0.5, 0.6}, {0.7, 0.8}, {-0.9, 1.0}};
        SparseEmbedding e = new SparseEmbedding(ctx.get().root().create(toFloats(flatten(table)), new Shape(5, 2)));
        AdamOptimizer adam = new AdamOptimizer(ADAM).add(e);
        float[] before = e.snapshot();

        // loss = sum_b sum_c w[b][c] * emb[b][c]: the gradient of batch position b is w[b]
        double[][] w1 = {{1, 2}, {0.5, -1}, {-3, 0.25}};
        try (NDManager step = ctx.get().newStep()) {
            SparseEmbedding.Lookup lookup = e.lookup(step, new long[]{1, 3, 1});
            try (GradientCollector gc = ctx.get().gradients()) {
                gc.backward(lookup.embeddings().mul(step.create(toFloats(flatten(w1)), new Shape(3, 2))).sum());
            }
            // rows ascending: 1 then 3; row 1 collects positions 0 and 2
            assertArrayEquals(new float[]{-2f, 2.25f, 0.5f, -1f}, lookup.leaf().getGradient().toFloatArray(),
                    "duplicated indices add their gradients");
            adam.step();
        }
        Reference[] ref = {null, new Reference(2), null, new Reference(2), new Reference(2)};
        ref[1].update(table[1], new double[]{-2, 2.25}, 1);
        ref[3].update(table[3], new double[]{0.5, -1}, 1);

        double[][] w2 = {{2, -1}, {1, 1}};
        try (NDManager step = ctx.get().newStep()) {
            SparseEmbedding.Lookup lookup = e.lookup(step, new long[]{4, 3});
            try (GradientCollector gc = ctx.get().gradients()) {
                gc.backward(lookup.embeddings().mul(step.create(toFloats(flatten(w2)), new Shape(2, 2))).sum());
            }
            adam.step();
        }
        // lazy Adam: row 1 is untouched at step 2; row 4's first update uses the optimizer's step count 2
        ref[3].update(table[3], new double[]{1, 1}, 2);
        ref[4].update(table[4], new double[]{2, -1}, 2);

        float[] after = e.snapshot();
        for (int r : new int[]{0, 2}) {
            for (int c = 0; c < 2; c++) {
                assertEquals(before[2 * r + c], after[2 * r + c], 0f, "row " + r + " was never looked up");
            }
        }
        for (int r : new int[]{1, 3, 4}) {
            assertClose(table[r], new float[]{after[2 * r], after[2 * r + 1]}, "row " + r);
        }
    }

    @Test
    void aParameterNoOptimizerOwnsGetsNoGradientAndNeverChanges() {
        DenseParameter trained = new DenseParameter("trained", ctx.get().root().create(new float[]{1f, 2f}));
        DenseParameter frozen = new DenseParameter("frozen", ctx.get().root().create(new float[]{3f, -4f}));
        SparseEmbedding frozenTable = new SparseEmbedding(ctx.get().root().create(new float[]{1f, 1f, 2f, 2f}, new Shape(2, 2)));
        AdamOptimizer adam = new AdamOptimizer(ADAM).add(trained);
        float[] frozenBefore = frozen.snapshot();
        float[] tableBefore = frozenTable.snapshot();
        for (int t = 0; t < 3; t++) {
            try (NDManager step = ctx.get().newStep()) {
                SparseEmbedding.Lookup rows = frozenTable.lookup(step, new long[]{0, 1});
                try (GradientCollector gc = ctx.get().gradients()) {
                    NDArray loss = trained.value().mul(frozen.value()).sum()
                            .add(rows.embeddings().sum(new int[]{0}).mul(trained.value()).sum());
                    gc.backward(loss);
                }
                assertFalse(frozen.value().hasGradient(), "a frozen parameter is not differentiated");
                assertFalse(rows.leaf().hasGradient(), "a frozen table's lookup is not differentiated");
                adam.step();
            }
        }
        assertArrayEquals(frozenBefore, frozen.snapshot());
        assertArrayEquals(tableBefore, frozenTable.snapshot());
        assertFalse(java.util.Arrays.equals(new float[]{1f, 2f}, trained.snapshot()), "the owned one trained");
        assertEquals(3, adam.steps());
    }

    @Test
    void releaseFreesTheMomentsAndHandsTheParametersBackFrozenWithTheirValues() {
        NDManager scope = ctx.get().root().newSubManager();
        DenseParameter dense = new DenseParameter("dense", scope.create(new float[]{1f, -2f}));
        SparseEmbedding table = new SparseEmbedding(scope.create(new float[]{1f, 1f, 2f, 2f}, new Shape(2, 2)));
        boolean[] released = {false};
        AdamOptimizer first = new AdamOptimizer(ADAM).add(dense).add(table).afterTraining(() -> released[0] = true);
        for (int t = 0; t < 3; t++) {
            step(first, dense, table, new float[]{0.5f, -1f}, new long[]{0, 1});
        }
        int arraysBefore = scope.getManagedArrays().size();
        float[] denseValue = dense.snapshot();
        float[] tableValue = table.snapshot();
        first.release();

        assertTrue(released[0], "afterTraining ran");
        // dense: m and v; sparse: the [rows, 2 dim] moments and its two views
        assertEquals(arraysBefore - 5, scope.getManagedArrays().size(), "the moments are closed");
        assertArrayEquals(denseValue, dense.snapshot(), "the values stay");
        assertArrayEquals(tableValue, table.snapshot(), "the values stay");
        try (NDManager step = ctx.get().newStep()) {
            assertFalse(table.lookup(step, new long[]{0}).leaf().hasGradient(), "a released table is frozen");
        }

        // a new optimizer may take them, and starts from zero moments: its first step equals a fresh parameter's
        DenseParameter freshDense = new DenseParameter("fresh", scope.create(denseValue));
        SparseEmbedding freshTable = new SparseEmbedding(scope.create(tableValue, new Shape(2, 2)));
        step(new AdamOptimizer(ADAM).add(dense).add(table), dense, table, new float[]{2f, 0.25f}, new long[]{1});
        step(new AdamOptimizer(ADAM).add(freshDense).add(freshTable), freshDense, freshTable, new float[]{2f, 0.25f},
                new long[]{1});
        assertArrayEquals(freshDense.snapshot(), dense.snapshot(), "no moments carried over");
        assertArrayEquals(freshTable.snapshot(), table.snapshot(), "no moments carried over");
        scope.close();
    }

    /** One step of loss = w . dense + sum(w * table rows). */
    private static void step(AdamOptimizer adam, DenseParameter dense, SparseEmbedding table, float[] w, long[] rows) {
        try (NDManager step = ctx.get().newStep()) {
            SparseEmbedding.Lookup lookup = table.lookup(step, rows);
            try (GradientCollector gc = ctx.get().gradients()) {
                NDArray weights = step.create(w);
                gc.backward(dense.value().mul(weights).sum().add(lookup.embeddings().mul(weights).sum()));
            }
            adam.step();
        }
    }

    @Test
    void aParameterBelongsToOneOptimizer() {
        DenseParameter p = new DenseParameter("p", ctx.get().root().create(new float[]{1f}));
        new AdamOptimizer(ADAM).add(p);
        assertThrows(IllegalStateException.class, () -> new AdamOptimizer(ADAM).add(p));
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static double[] flatten(double[][] a) {
        return java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
