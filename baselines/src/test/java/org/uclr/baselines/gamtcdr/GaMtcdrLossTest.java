package org.uclr.baselines.gamtcdr;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;

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
}
