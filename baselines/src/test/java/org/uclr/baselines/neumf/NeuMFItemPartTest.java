package org.uclr.baselines.neumf;

import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.Checkpoint;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * NeuMF's full ranking computes the item half of the tower's first layer once and reuses it: the scores must
 * still follow every change of the parameters (a training step, a restore of the best epoch), which the
 * candidate path ({@code score}, no reuse) computes afresh.
 */
class NeuMFItemPartTest {
    private static final int USERS = 5;
    private static final int ITEMS = 7;

    private static float[] allItems(TrainContext engine, NeuMF net) {
        try (NDManager step = engine.newStep()) {
            return net.scoreAllItems(step, step.create(new long[]{0, 3, 4})).toFloatArray();
        }
    }

    private static float[] candidates(TrainContext engine, NeuMF net) {
        try (NDManager step = engine.newStep()) {
            long[] items = new long[3 * ITEMS];
            for (int k = 0; k < items.length; k++) {
                items[k] = k % ITEMS;
            }
            return net.score(step.create(new long[]{0, 3, 4}), step.create(items).reshape(3, ITEMS)).toFloatArray();
        }
    }

    @Test
    void itemBlocksGiveTheScoresOfOneBlock() {
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1)) {
            NeuMF net = new NeuMF(engine, USERS, ITEMS, 32, 0.5, "t");
            float[] oneBlock = allItems(engine, net);
            assertArrayEquals(candidates(engine, net), oneBlock, 1e-5f);
            // 3 users: blocks of 1, 2 and 3 items, the last block of each shorter than the others
            for (long pairs : new long[]{3, 6, 9}) {
                try (NDManager step = engine.newStep()) {
                    float[] blocks = net.scoreAllItems(step, step.create(new long[]{0, 3, 4}), pairs).toFloatArray();
                    // not bit for bit: the tower's matrix products round by their row count
                    assertArrayEquals(oneBlock, blocks, 1e-5f, "blocks of " + pairs / 3 + " item(s)");
                }
            }
        }
    }

    @Test
    void theReusedItemHalfFollowsAStepAndARestore() {
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1)) {
            // m = 32: with m = 8 the tower's last ReLU layer (m/4 = 2 units) was dead, the MLP half added nothing
            // to the scores, and a reuse that never refreshed passed
            NeuMF net = new NeuMF(engine, USERS, ITEMS, 32, 0.5, "t");
            Checkpoint checkpoint = net.checkpoint();
            Checkpoint.State start = checkpoint.save();
            float[] before = allItems(engine, net);
            assertArrayEquals(candidates(engine, net), before, 1e-5f);

            AdamOptimizer optimizer = net.optimizer(AdamConfig.of(0.5));
            try (NDManager step = engine.newStep()) {
                try (GradientCollector gc = engine.gradients()) {
                    gc.backward(net.loss(step, new PointwiseSamples.Batch(new long[]{0, 3, 4, 1},
                            new long[]{2, 5, 6, 0}, new float[]{1, 0, 1, 1})));
                }
                optimizer.step();
            }
            float[] afterStep = allItems(engine, net);
            assertFalse(java.util.Arrays.equals(before, afterStep), "the step changed nothing the test can see");
            assertArrayEquals(candidates(engine, net), afterStep, 1e-5f);

            checkpoint.restore(start);
            assertArrayEquals(before, allItems(engine, net), 0f);
        }
    }
}
