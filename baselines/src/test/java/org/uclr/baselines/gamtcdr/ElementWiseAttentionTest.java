package org.uclr.baselines.gamtcdr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ElementWiseAttentionTest {
    /** 3 domains, 3 users: user 0 in all, user 1 not in domain 1, user 2 in none. */
    private static final boolean[][] PRESENT = {{true, true, false}, {true, false, false}, {true, true, false}};

    @Test
    void weightsAreASoftmaxOverPresentDomainsPerUserAndDimension() {
        int m = 2;
        // logits [3 users, 3 domains x 2 dims]
        float[] logits = {0, 1, /* */ 2, -1, /* */ 1, 0,
                /* user 1 */ 3, 0, /* */ 5, 5, /* */ 0, 1,
                /* user 2 */ 1, 1, /* */ 0, 0, /* */ -1, 2};
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1); NDManager step = engine.newStep()) {
            ElementWiseAttention att = new ElementWiseAttention(engine, PRESENT, m);
            NDArray users = step.create(new long[]{0, 1, 2});
            float[] w = att.weights(step.create(logits, new Shape(3, 6)), users).toFloatArray();   // [3, 3, 2]
            for (int u = 0; u < 3; u++) {
                for (int c = 0; c < m; c++) {
                    double[] e = new double[3];
                    double sum = 0;
                    for (int s = 0; s < 3; s++) {
                        // user 2 is absent everywhere: it keeps all domains rather than none
                        boolean in = PRESENT[s][u] || u == 2;
                        e[s] = in ? Math.exp(logits[u * 6 + s * m + c]) : 0;
                        sum += e[s];
                    }
                    double total = 0;
                    for (int s = 0; s < 3; s++) {
                        float got = w[(u * 3 + s) * m + c];
                        assertEquals(e[s] / sum, got, 1e-6, "user " + u + " domain " + s + " dim " + c);
                        total += got;
                    }
                    assertEquals(1.0, total, 1e-6, "user " + u + " dim " + c);
                }
            }
            assertEquals(0f, w[(1 * 3 + 1) * m], "absent domain must get weight 0");
        }
    }

    @Test
    void zeroLogitsStartAsTheMeanOfThePresentDomainsAndCombineWeighsElementWise() {
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1); NDManager step = engine.newStep()) {
            ElementWiseAttention att = new ElementWiseAttention(engine, PRESENT, 1);
            NDArray users = step.create(new long[]{0, 1});
            NDArray w = att.weights(att.table().table().get(step, new ai.djl.ndarray.index.NDIndex("0:2")), users);
            NDArray stacked = step.create(new float[]{3, 6, 9, /* user 1 */ 2, 100, 4}, new Shape(2, 3, 1));
            // user 0: (3 + 6 + 9) / 3; user 1: (2 + 4) / 2, its absent domain ignored
            assertArrayEquals(new float[]{6, 3}, ElementWiseAttention.combine(w, stacked).toFloatArray(), 1e-5f);
        }
    }
}
