package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class UserMaskerTest {

    @Test
    void rowModeZeroesExactlyTheRatioOfWholeRowsAndLeavesTheInputIntact() {
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 1); NDManager m = ctx.newStep()) {
            NDArray e = m.ones(new Shape(200, 16));
            float[] before = e.toFloatArray();
            float[] masked = new UserMasker(MaskMode.ROW, 0.3).mask(e, new SplittableRandom(1)).toFloatArray();
            int zeroRows = 0;
            for (int r = 0; r < 200; r++) {
                float rowSum = 0;
                for (int c = 0; c < 16; c++) {
                    rowSum += masked[r * 16 + c];
                }
                assertEquals(0, rowSum % 16, "a row is either whole or zero");
                zeroRows += rowSum == 0 ? 1 : 0;
            }
            assertEquals(60, zeroRows);
            assertArrayEquals(before, e.toFloatArray(), "the reconstructive stream's input is not masked");
        }
    }

    @Test
    void featureModeZeroesTheRatioOfEveryRowsEntries() {
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 1); NDManager m = ctx.newStep()) {
            float[] masked = new UserMasker(MaskMode.FEATURE, 0.3).mask(m.ones(new Shape(500, 128)),
                    new SplittableRandom(2)).toFloatArray();
            long zeros = 0;
            int[] zeroPerColumn = new int[128];
            for (int r = 0; r < 500; r++) {
                int rowZeros = 0;
                for (int c = 0; c < 128; c++) {
                    if (masked[r * 128 + c] == 0) {
                        rowZeros++;
                        zeroPerColumn[c]++;
                    }
                }
                assertEquals(38, rowZeros, "round(0.3 * 128) entries per row");
                zeros += rowZeros;
            }
            assertEquals(0.3, zeros / (500.0 * 128), 0.005);
            // columns are chosen uniformly: each column is zeroed in ~30% of rows (binomial sd ~2%)
            for (int c = 0; c < 128; c++) {
                assertEquals(0.3, zeroPerColumn[c] / 500.0, 0.1, "column " + c);
            }
        }
    }
}
