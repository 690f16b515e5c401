package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.EmbeddingL2;
import org.uclr.engine.EpochLimits;
import org.uclr.testing.CpuTrainContext;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * BPR's loss (Rendle et al., UAI 2009; the paper's eq. 2) and the L2 term, against values computed here
 * in float64 from the formulas: mean_b softplus(-(u_b . p_b - u_b . n_b)) + lambda mean_b (|u_b|^2 +
 * |p_b|^2 + |n_b|^2). Tolerance 1e-6: float32 sums of a few terms of order 1.
 */
class BprLossTest {
    private static final double[][] U = {{0.5, -1.0, 0.25}, {1.5, 0.5, -0.5}};
    private static final double[][] P = {{1.0, 0.0, 2.0}, {-0.5, 1.0, 0.75}};
    private static final double[][] N = {{0.25, -0.5, -1.0}, {2.0, -1.5, 0.5}};
    @RegisterExtension
    static final CpuTrainContext ctx = new CpuTrainContext();

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            s += a[c] * b[c];
        }
        return s;
    }

    static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    /** The ranking term and the summed squared norms per example, in float64. */
    static double ranking(double[][] u, double[][] p, double[][] n) {
        double sum = 0;
        for (int b = 0; b < u.length; b++) {
            sum += softplus(-(dot(u[b], p[b]) - dot(u[b], n[b])));
        }
        return sum / u.length;
    }

    static double meanSquaredNorms(double[][]... rows) {
        double sum = 0;
        for (double[][] r : rows) {
            for (double[] row : r) {
                sum += dot(row, row);
            }
        }
        return sum / rows[0].length;
    }

    private static NDArray array(NDManager m, double[][] a) {
        float[] f = new float[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[0].length; c++) {
                f[i * a[0].length + c] = (float) a[i][c];
            }
        }
        return m.create(f, new Shape(a.length, a[0].length));
    }

    @Test
    void bprLossIsTheMeanSoftplusOfTheNegatedMarginPlusLambdaTimesTheMeanSquaredNorms() {
        try (NDManager m = ctx.get().newStep()) {
            double expected = ranking(U, P, N) + 0.1 * meanSquaredNorms(U, P, N);
            assertEquals(expected, BprLoss.of(array(m, U), array(m, P), array(m, N), 0.1).getFloat(), 1e-6);
            assertEquals(ranking(U, P, N), BprLoss.ranking(array(m, U), array(m, P), array(m, N)).getFloat(), 1e-6);
            assertEquals(0.1 * meanSquaredNorms(U, P, N),
                    EmbeddingL2.of(0.1, array(m, U), array(m, P), array(m, N)).getFloat(), 1e-6);
        }
    }

    @Test
    void matrixFactorizationLossLooksUpTheBatchsUserPositiveAndNegativeRows() {
        BprSettings hp = new BprSettings(3, 4, AdamConfig.of(1e-3), 0.05, 0.5, new EpochLimits(1, 1, "k"));
        MatrixFactorization mf = new MatrixFactorization(ctx.get(), 4, 6, hp, "mf");
        double[][] users = rows(mf.users().toFloatArray(), 3);
        double[][] items = rows(mf.items().toFloatArray(), 3);
        long[] u = {2, 0, 2};
        long[] p = {5, 1, 3};
        long[] n = {0, 4, 4};
        double[][] ub = pick(users, u);
        double[][] pb = pick(items, p);
        double[][] nb = pick(items, n);
        double expected = ranking(ub, pb, nb) + 0.05 * meanSquaredNorms(ub, pb, nb);
        try (NDManager step = ctx.get().newStep()) {
            assertEquals(expected, mf.loss(step, new BprTriples.Batch(u, p, n)).getFloat(), 1e-6);
        }
    }

    static double[][] rows(float[] flat, int dim) {
        double[][] out = new double[flat.length / dim][dim];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < dim; c++) {
                out[r][c] = flat[r * dim + c];
            }
        }
        return out;
    }

    static double[][] pick(double[][] table, long[] idx) {
        double[][] out = new double[idx.length][];
        for (int b = 0; b < idx.length; b++) {
            out[b] = table[(int) idx[b]];
        }
        return out;
    }
}
