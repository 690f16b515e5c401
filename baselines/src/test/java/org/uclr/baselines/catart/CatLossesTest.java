package org.uclr.baselines.catart;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CatLossesTest {

    @Test
    void symmetricInfoNceMatchesFloat64Computation() {
        double[][] a = {{1, 0}, {0.6, 0.8}, {-1, 1}};
        double[][] b = {{2, 0.2}, {0, 1}, {-0.5, 0.4}};
        double tau = 0.1;
        double expected = (crossEntropy(a, b, tau) + crossEntropy(b, a, tau)) / 2;
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1); NDManager m = engine.newStep()) {
            float got = InfoNce.symmetric(m.create(flat(a), new Shape(3, 2)), m.create(flat(b), new Shape(3, 2)), tau)
                    .getFloat();
            // logits up to 10 in float32: a few ulps of 10 after log-softmax
            assertEquals(expected, got, 1e-5);
        }
    }

    @Test
    void preluKeepsPositivesAndScalesNegativesBySlope() {
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1); NDManager m = engine.newStep()) {
            float[] got = PReluMlp.prelu(m.create(new float[]{-2f, 3f, -0.5f, 0f}, new Shape(2, 2)),
                    m.create(new float[]{0.25f, 0.5f})).toFloatArray();
            assertArrayEquals(new float[]{-0.5f, 3f, -0.125f, 0f}, got);
        }
    }

    /** mean_i -log( exp(cos(x_i, y_i)/tau) / sum_j exp(cos(x_i, y_j)/tau) ), in float64. */
    private static double crossEntropy(double[][] x, double[][] y, double tau) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double denominator = 0;
            for (double[] yj : y) {
                denominator += Math.exp(cos(x[i], yj) / tau);
            }
            total += -Math.log(Math.exp(cos(x[i], y[i]) / tau) / denominator);
        }
        return total / x.length;
    }

    private static double cos(double[] p, double[] q) {
        double dot = 0;
        double np = 0;
        double nq = 0;
        for (int k = 0; k < p.length; k++) {
            dot += p[k] * q[k];
            np += p[k] * p[k];
            nq += q[k] * q[k];
        }
        return dot / Math.sqrt(np * nq);
    }

    private static float[] flat(double[][] x) {
        float[] out = new float[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                out[i * x[0].length + j] = (float) x[i][j];
            }
        }
        return out;
    }
}
