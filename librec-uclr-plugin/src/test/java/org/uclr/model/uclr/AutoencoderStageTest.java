package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;
import org.uclr.config.Settings;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;
import org.uclr.testing.Fixtures;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoencoderStageTest {
    private static final int USERS = 40;
    private static final int DIM = 8;

    /** Domain 0's validation peaks at epoch 1, domain 1's at epoch 3; both fall afterwards. */
    private static double validation(int domain, int epoch) {
        int peak = domain == 0 ? 1 : 3;
        return 1.0 - Math.abs(epoch - peak) * 0.1;
    }

    @Test
    void eachDomainKeepsTheWeightsOfItsOwnBestEpochAndTrainingStopsWhenNoDomainImproves() {
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 1)) {
            UclrHyperParameters hp = UclrHyperParameters.from(Settings.of(Fixtures.configuration(Map.of(
                    "uclr.hidden", "4,2", "uclr.batch.size", "16", "uclr.patience", "2", "uclr.epochs.max", "50"))));
            DualStreamAutoencoder ae = new DualStreamAutoencoder(ctx, DIM, hp.hidden(), AdamConfig.of(1e-2),
                    new SplittableRandom(1));
            AutoencoderStage stage = new AutoencoderStage(ctx, hp, ae, new Temperatures(USERS, hp.temperatures()));
            NDArray w0 = ctx.gaussian(USERS, DIM, 0.1, ctx.random("w0"));
            int[] calls = new int[2];
            AutoencoderStage.Result result = stage.train(w0, 2, d -> validation(d, calls[d]++));

            assertEquals(1, result.stopping().get(0).bestEpoch());
            assertEquals(3, result.stopping().get(1).bestEpoch());
            assertEquals(6, calls[0], "epochs 0..5: stops 2 epochs after the last domain's best (epoch 3)");
            List<float[]> books = result.weights().get(0);
            List<float[]> music = result.weights().get(1);
            boolean differ = false;
            for (int p = 0; p < books.size(); p++) {
                differ |= !Arrays.equals(books.get(p), music.get(p));
            }
            assertTrue(differ, "different best epochs keep different weights");
            List<float[]> last = ae.snapshot();
            assertFalse(Arrays.equals(last.get(0), music.get(0)), "the final weights are not the best ones");
        }
    }
}
