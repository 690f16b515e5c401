package org.uclr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uclr.testing.CpuTrainContext;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Rows.of copies rows forward and, backward, adds each output row's gradient into its table row in index order:
 * checked against those float additions done by hand in Java and against the repeated-index gather it replaced,
 * bit for bit, with many duplicate indices, below and above the 3,000 indices where PyTorch's embedding backward
 * switches from one loop to a loop per block of rows.
 */
class RowsTest {
    private static final int TABLE_ROWS = 37;
    private static final int WIDTH = 5;

    @RegisterExtension
    static final CpuTrainContext ctx = new CpuTrainContext();

    /** d(sum(rows * upstream))/d table, through Rows.of or the gather. */
    private static float[] gradient(float[] table, long[] idx, float[] upstream, boolean gather) {
        try (NDManager step = ctx.get().newStep()) {
            NDArray t = step.create(table, new Shape(TABLE_ROWS, WIDTH)).add(0f); // a PyTorch-owned leaf
            t.setRequiresGradient(true);
            try (GradientCollector gc = ctx.get().gradients()) {
                NDArray i = step.create(idx);
                NDArray rows = gather ? t.gather(i.expandDims(1).repeat(1, WIDTH), 0) : Rows.of(t, i);
                gc.backward(rows.mul(step.create(upstream, new Shape(idx.length, WIDTH))).sum());
            }
            return t.getGradient().toFloatArray();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 5000})
    void rowsAreCopiedAndGradientsAddedInIndexOrder(int n) {
        SplittableRandom rng = new SplittableRandom(n);
        float[] table = new float[TABLE_ROWS * WIDTH];
        for (int k = 0; k < table.length; k++) {
            table[k] = (float) rng.nextGaussian();
        }
        long[] idx = new long[n];
        float[] upstream = new float[n * WIDTH];
        for (int r = 0; r < n; r++) {
            idx[r] = rng.nextInt(TABLE_ROWS);
            for (int c = 0; c < WIDTH; c++) {
                upstream[r * WIDTH + c] = (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(-3, 4)));
            }
        }
        float[] byHand = new float[table.length];
        float[] copied = new float[n * WIDTH];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < WIDTH; c++) {
                byHand[(int) idx[r] * WIDTH + c] += upstream[r * WIDTH + c];
                copied[r * WIDTH + c] = table[(int) idx[r] * WIDTH + c];
            }
        }
        try (NDManager step = ctx.get().newStep()) {
            assertArrayEquals(copied, Rows.of(step.create(table, new Shape(TABLE_ROWS, WIDTH)), step.create(idx))
                    .toFloatArray(), 0f);
        }
        assertArrayEquals(byHand, gradient(table, idx, upstream, false), 0f);
        assertArrayEquals(gradient(table, idx, upstream, true), gradient(table, idx, upstream, false), 0f);
    }
}
