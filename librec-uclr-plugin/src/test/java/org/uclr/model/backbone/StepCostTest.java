package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.DjlRuntime;
import org.uclr.engine.EpochLimits;
import org.uclr.engine.TrainContext;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A BPR-MF training step costs O(batch), not O(table): at a fixed batch, a step on an item table 250 times
 * larger takes about as long. Timed as a ratio inside one test (the two sizes interleaved, the fastest of
 * many rounds each, CPU time of this thread), so a busy machine slows both alike; no absolute time is
 * asserted. One pass over the large table per step (8 M floats, e.g. a dense moment update) fails it.
 */
class StepCostTest {
    private static final int SMALL_ITEMS = 2_000;
    private static final int LARGE_ITEMS = 500_000;
    private static final int FACTORS = 16;
    private static final int BATCH = 256;

    @Test
    void stepTimeDoesNotGrowWithTheItemTable() {
        DjlRuntime.threads(1);
        BprSettings hp = new BprSettings(FACTORS, BATCH, AdamConfig.of(1e-3), 1e-5, 0.1,
                new EpochLimits(1, 1, "bprmf.epochs.max"));
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1)) {
            Stepper small = new Stepper(engine, new MatrixFactorization(engine, 100, SMALL_ITEMS, hp, "small"));
            Stepper large = new Stepper(engine, new MatrixFactorization(engine, 100, LARGE_ITEMS, hp, "large"));
            SplittableRandom rng = new SplittableRandom(1);
            BprTriples.Batch smallBatch = batch(rng, SMALL_ITEMS);
            BprTriples.Batch largeBatch = batch(rng, LARGE_ITEMS);
            for (int warm = 0; warm < 30; warm++) {
                small.step(smallBatch);
                large.step(largeBatch);
            }
            double bestSmall = Double.MAX_VALUE;
            double bestLarge = Double.MAX_VALUE;
            for (int round = 0; round < 15; round++) {
                bestSmall = Math.min(bestSmall, small.cpuSecondsPerStep(smallBatch));
                bestLarge = Math.min(bestLarge, large.cpuSecondsPerStep(largeBatch));
            }
            double ratio = bestLarge / bestSmall;
            // O(batch): about 1 (the large table's rows miss the cache more often)
            assertTrue(ratio < 2.0, String.format("step on %,d items took %.2fx the step on %,d items "
                    + "(%.3f ms against %.3f ms CPU)", LARGE_ITEMS, ratio, SMALL_ITEMS, bestLarge * 1e3, bestSmall * 1e3));
        }
    }

    private static BprTriples.Batch batch(SplittableRandom rng, int items) {
        long[] u = new long[BATCH];
        long[] p = new long[BATCH];
        long[] n = new long[BATCH];
        for (int b = 0; b < BATCH; b++) {
            u[b] = rng.nextInt(100);
            p[b] = rng.nextInt(items);
            n[b] = rng.nextInt(items);
        }
        return new BprTriples.Batch(u, p, n);
    }

    /** Steps a model as the Trainer does: loss in a gradient collector, backward, the optimizer's step. */
    private record Stepper(TrainContext engine, MatrixFactorization model, AdamOptimizer adam) {
        Stepper(TrainContext engine, MatrixFactorization model) {
            this(engine, model, model.optimizer());
        }

        void step(BprTriples.Batch batch) {
            try (NDManager step = engine.newStep(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                try (GradientCollector gc = engine.gradients()) {
                    NDArray l = model.loss(step, batch);
                    gc.backward(l);
                }
                adam.step();
            }
        }

        double cpuSecondsPerStep(BprTriples.Batch batch) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int steps = 10;
            long t0 = threads.getCurrentThreadCpuTime();
            for (int s = 0; s < steps; s++) {
                step(batch);
            }
            return (threads.getCurrentThreadCpuTime() - t0) / 1e9 / steps;
        }
    }
}
