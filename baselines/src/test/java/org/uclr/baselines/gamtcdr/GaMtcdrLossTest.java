package org.uclr.baselines.gamtcdr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;
import org.uclr.testing.FreedBuffers;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GaMtcdrLossTest {
    @Test
    void lossIsCrossEntropyOfClippedCosinePlusOutputRegularizerFloat64Reference() {
        // pair 0: cosine 0.6 with label 1; pair 1: cosine 0 (orthogonal) with label 0 -> clipped to 1e-6;
        // pair 2: cosine 1 with label 0 -> clipped to 1 - 1e-6
        float[] u = {3, 4, /* */ 1, 0, /* */ 2, 2};
        float[] i = {1, 0, /* */ 0, 5, /* */ 1, 1};
        float[] y = {1, 0, 0};
        double lambda = 0.01;
        // the clip bounds as float32 values: 1 - 1e-6 rounds to 1 - 1.0133e-6, which moves -log(1 - y) by 0.013
        double[] cos = {0.6, 1e-6f, 1f - 1e-6f};
        double bce = 0;
        double reg = 0;
        for (int k = 0; k < 3; k++) {
            bce -= y[k] * Math.log(cos[k]) + (1 - y[k]) * Math.log(1 - cos[k]);
            reg += (u[2 * k] * u[2 * k] + u[2 * k + 1] * u[2 * k + 1] + i[2 * k] * i[2 * k] + i[2 * k + 1] * i[2 * k + 1]) / 2.0;
        }
        double expected = bce / 3 + lambda * reg / 3;
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1); NDManager m = engine.newStep()) {
            float got = GaMtcdr.loss(m.create(u, new Shape(3, 2)), m.create(i, new Shape(3, 2)), m.create(y), lambda)
                    .getFloat();
            // float32 sums and logs of a few terms: 1e-6 relative
            assertEquals(expected, got, 1e-6 * expected);
        }
    }

    /** The loss of the class docstring in float64 (no clipping: the test's cosines are inside the bounds). */
    private static double reference(double[] u, double[] i, float[] y, double lambda) {
        int b = y.length;
        int m = u.length / b;
        double total = 0;
        for (int k = 0; k < b; k++) {
            double uu = 0;
            double ii = 0;
            double ui = 0;
            for (int j = 0; j < m; j++) {
                uu += u[k * m + j] * u[k * m + j];
                ii += i[k * m + j] * i[k * m + j];
                ui += u[k * m + j] * i[k * m + j];
            }
            double cos = ui / (Math.sqrt(uu + 1e-12) * Math.sqrt(ii + 1e-12));
            total += -(y[k] * Math.log(cos) + (1 - y[k]) * Math.log(1 - cos)) + lambda / 2 * (uu + ii);
        }
        return total / b;
    }

    /**
     * The gradient with respect to both towers' outputs against central differences of the float64 loss, with
     * memory freed and reused between the forward and the backward pass, as a garbage collection at the wrong
     * moment does in training: the regularizer's constant lambda / 2 must survive it (issue 16: with DJL's
     * mul(Number) the backward pass read 1e18 there, and GA-MTCDR's first model in a JVM trained on it).
     */
    @Test
    void gradientMatchesFloat64DifferencesAfterMemoryIsFreedAndReused() {
        // cosines 0.6, 0.8 and 1 / sqrt(2): all inside the clip bounds, so the gradient is the formula's
        float[] u = {3, 4, /* */ 1, 2, /* */ 1, 0};
        float[] i = {1, 0, /* */ 2, 1, /* */ 1, 1};
        float[] y = {1, 0, 0};
        double lambda = 0.01;
        double[] uRef = new double[u.length];
        double[] iRef = new double[i.length];
        for (int k = 0; k < u.length; k++) {
            uRef[k] = u[k];
            iRef[k] = i[k];
        }
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1); NDManager m = engine.newStep()) {
            NDArray users = m.create(u, new Shape(3, 2)).add(0f); // PyTorch-owned leaves
            NDArray items = m.create(i, new Shape(3, 2)).add(0f);
            users.setRequiresGradient(true);
            items.setRequiresGradient(true);
            try (GradientCollector gc = engine.gradients()) {
                NDArray loss = GaMtcdr.loss(users, items, m.create(y), lambda);
                FreedBuffers.collectAndReuse();
                gc.backward(loss);
            }
            float[] gu = users.getGradient().toFloatArray();
            float[] gi = items.getGradient().toFloatArray();
            double h = 1e-6;
            for (int k = 0; k < u.length; k++) {
                double[] up = uRef.clone();
                double[] dn = uRef.clone();
                up[k] += h;
                dn[k] -= h;
                double expected = (reference(up, iRef, y, lambda) - reference(dn, iRef, y, lambda)) / (2 * h);
                // float32 terms of order 1 against a float64 difference (error ~1e-9): 1e-5
                assertEquals(expected, gu[k], 1e-5, "d loss / d users[" + k + "]");
                up = iRef.clone();
                dn = iRef.clone();
                up[k] += h;
                dn[k] -= h;
                expected = (reference(uRef, up, y, lambda) - reference(uRef, dn, y, lambda)) / (2 * h);
                assertEquals(expected, gi[k], 1e-5, "d loss / d items[" + k + "]");
            }
        }
    }
}
