package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.DjlRuntime;
import org.uclr.engine.EpochLimits;
import org.uclr.engine.TrainContext;
import org.uclr.testing.Fixtures;
import org.uclr.testing.TrainerStep;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostPropagationStepTest {

    /**
     * The host step against the autograd step over the whole graph, each driven as the Trainer drives a
     * step (loss in a gradient collector, backward, optimizer step): the same losses and the same layer-0
     * tables after every step, bit for bit, for several depths and thread counts; then the scoring cache
     * the host kernels refresh against eq. 8 by tensor ops. Batches are larger than the number of users,
     * so users and items repeat within a batch. Swapping two of the gradient additions in the host
     * backward pass, or summing a product's row in another order, makes it fail.
     */
    @ParameterizedTest(name = "K = {0}, {1} thread(s)")
    @CsvSource({"3, 1", "3, 2", "2, 1", "1, 1", "0, 1"})
    void hostStepGivesTheAutogradStepsParametersBitForBit(int layers, int threads) {
        UserItemMatrix train = Fixtures.synthetic(0.1).domain(1).interactions();
        LightGCNSettings hp = new LightGCNSettings(16, layers, 600, AdamConfig.of(0.05), 5e-3, 0.1,
                new EpochLimits(1, 1, "lightgcn.epochs.max"));
        DjlRuntime.threads(threads);
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1);
             LightGCN viaAutograd = new LightGCN(engine, train, hp, "g");
             LightGCN viaHost = new LightGCN(engine, train, hp, "g")) {
            AdamOptimizer autogradAdam = viaAutograd.optimizer(false);
            AdamOptimizer hostAdam = viaHost.optimizer(true);
            List<BprTriples.Batch> batches = BprTriples.of(train).epoch(600, new SplittableRandom(4));
            assertTrue(batches.get(0).size() > train.numUsers(), "batches repeat users");
            for (int s = 0; s < 4; s++) {
                BprTriples.Batch batch = batches.get(s);
                double expected = TrainerStep.take(engine, autogradAdam, step -> viaAutograd.loss(step, batch), null);
                double got = TrainerStep.take(engine, hostAdam, step -> viaHost.loss(step, batch), null);
                assertEquals(expected, got, 0.0, "loss at step " + s);
                assertArrayEquals(viaAutograd.layer0Users().snapshot(), viaHost.layer0Users().snapshot(), "users after step " + s);
                assertArrayEquals(viaAutograd.layer0Items().snapshot(), viaHost.layer0Items().snapshot(), "items after step " + s);
            }
            // the scoring cache, refreshed by the host kernels, against the tensor ops' eq. 8
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray[] expected = viaHost.propagate();
                assertArrayEquals(expected[0].toFloatArray(), viaHost.users().toFloatArray(), "final users");
                assertArrayEquals(expected[1].toFloatArray(), viaHost.items().toFloatArray(), "final items");
            }
        } finally {
            DjlRuntime.threads(1);
        }
    }
}
