package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;
import org.uclr.config.Settings;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;
import org.uclr.engine.TrainingOutcome;
import org.uclr.testing.Fixtures;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
                    "uclr.hidden", "4,2", "uclr.batch.size", "16", "uclr.patience", "2", "uclr.epochs.max", "50",
                    "uclr.learn.rate", "0.01"))));
            DualStreamAutoencoder ae = new DualStreamAutoencoder(ctx, DIM, hp.autoencoder().hidden(), new SplittableRandom(1));
            AutoencoderStage stage = new AutoencoderStage(ctx, hp, ae, new Temperatures(USERS, hp.temperatures()));
            NDArray w0 = ctx.gaussian(USERS, DIM, 0.1, ctx.random("w0"));
            int[] calls = new int[2];
            TrainingOutcome result = stage.train(w0, Fixtures.validation(List.of("a", "b"),
                    d -> validation(d, calls[d]++)), null);

            assertEquals(1, result.domainBestEpoch()[0]);
            assertEquals(3, result.domainBestEpoch()[1]);
            assertEquals(6, calls[0], "epochs 0..5: stops 2 epochs after the last domain's best (epoch 3)");
            float[] first = (float[]) result.domainStates().get(0).part(0);
            float[] second = (float[]) result.domainStates().get(1).part(0);
            assertFalse(Arrays.equals(first, second), "different best epochs keep different weights");
            // the mean over domains is 0.9 at epochs 1, 2 and 3: the first (epoch 1) is kept by the shared weights
            assertArrayEquals(first, ae.parameters().get(0).snapshot(), "shared weights end at the best mean epoch");
        }
    }
}
