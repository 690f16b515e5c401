package org.uclr.baselines.crossdomain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class DomainAttentionTest {
    @Test
    void weightsAreTheSoftmaxOverDomainsOfScaledDotProductsAndPoolWeighsTheValues() {
        // two users, three domains, m = 4 (scale 1/2)
        float[] query = {1, 0, 2, 0, /* user 1 */ 0, 1, 0, -1};
        float[] keys = {1, 1, 1, 1, /* */ 0, 0, 0, 0, /* */ -1, 0, 1, 0,
                /* user 1 */ 0, 2, 0, 0, /* */ 0, 0, 0, 2, /* */ 1, 1, 1, 1};
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1); NDManager m = engine.newStep()) {
            NDArray q = m.create(query, new Shape(2, 4));
            NDArray k = m.create(keys, new Shape(2, 3, 4));
            NDArray w = DomainAttention.weights(q, k);
            // user 0: logits (3, 0, 1) / 2; user 1: (2, -2, 0) / 2
            double[] expected = concat(softmax(1.5, 0, 0.5), softmax(1, -1, 0));
            assertArrayEquals(toFloat(expected), w.toFloatArray(), 1e-6f);
            float[] rowSums = w.sum(new int[]{1}).toFloatArray();
            assertArrayEquals(new float[]{1, 1}, rowSums, 1e-6f);
            float[] pooled = DomainAttention.pool(k, w).toFloatArray();
            float[] expectedPool = new float[8];
            for (int u = 0; u < 2; u++) {
                for (int s = 0; s < 3; s++) {
                    for (int c = 0; c < 4; c++) {
                        expectedPool[u * 4 + c] += (float) (expected[u * 3 + s] * keys[(u * 3 + s) * 4 + c]);
                    }
                }
            }
            assertArrayEquals(expectedPool, pooled, 1e-6f);
        }
    }

    private static double[] softmax(double... x) {
        double sum = 0;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.exp(x[i]);
            sum += out[i];
        }
        for (int i = 0; i < x.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] toFloat(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }
}
