package org.uclr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The optimizer's fused CPU steps ({@link FusedAdam}) against the tensor-op formulations they replaced,
 * bit for bit: Adam's float32 operations in the same order, PyTorch's own square root, and (for the
 * tables) the lookup's rows taken by a gather with a repeated [batch, dim] index as before. Any change
 * of operation order, rounding or chunking shows as a differing float.
 */
class FusedAdamTest {
    private static final AdamConfig ADAM = new AdamConfig(0.05, 0.9, 0.999, 1e-8);

    /**
     * Dense: more elements than one fused chunk (70,000 floats: three chunks, the last partial), gradients
     * accumulated over two backward passes, 1 and 2 PyTorch threads (the chunks are shared out over threads).
     */
    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2})
    void denseStepIsTheTensorOpsStepBitForBit(int threads) {
        DjlRuntime.threads(threads);
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 8)) {
            NDArray init = ctx.gaussian(1000, 70, 0.5, ctx.random("init"));
            NDArray target = ctx.gaussian(1000, 70, 1, ctx.random("target"));
            DenseParameter fused = new DenseParameter("w", init.duplicate());
            AdamOptimizer adam = new AdamOptimizer(ADAM).add(fused);
            NDArray ref = init.duplicate();
            ref.setRequiresGradient(true);
            NDArray m = ref.zerosLike();
            NDArray v = ref.zerosLike();
            for (int step = 1; step <= 4; step++) {
                for (NDArray p : new NDArray[]{fused.value(), ref}) {
                    for (int pass = 0; pass < 2; pass++) {
                        try (NDManager s = ctx.newStep(); GradientCollector gc = ctx.gradients()) {
                            NDArray d = p.sub(target);
                            gc.backward(d.mul(d).mul(pass + 1f).sum());
                        }
                    }
                }
                adam.step();
                NDArray g = ref.getGradient();
                m.muli((float) ADAM.beta1()).addi(g.mul((float) (1 - ADAM.beta1())));
                v.muli((float) ADAM.beta2()).addi(g.square().muli((float) (1 - ADAM.beta2())));
                ref.subi(m.div(v.sqrt().addi((float) ADAM.epsilon())).muli((float) ADAM.correctedRate(step)));
                g.muli(0);
                assertArrayEquals(ref.toFloatArray(), fused.snapshot(), "after step " + step);
                assertArrayEquals(g.toFloatArray(), fused.value().getGradient().toFloatArray(), "gradient zeroed");
            }
        } finally {
            DjlRuntime.threads(1);
        }
    }

    /** A gradient the model fills itself gives the step autograd's gradient gives, and is left as it was. */
    @Test
    void aGradientTheModelComputesGivesTheSameStepAsAutograds() {
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 2)) {
            NDArray init = ctx.gaussian(30, 5, 1, ctx.random("init"));
            DenseParameter viaBackward = new DenseParameter("a", init.duplicate());
            DenseParameter viaOwn = new DenseParameter("b", init.duplicate());
            NDArray own = ctx.root().zeros(new Shape(30, 5));
            AdamOptimizer autograd = new AdamOptimizer(ADAM).add(viaBackward);
            float[][] given = new float[1][];
            AdamOptimizer byModel = new AdamOptimizer(ADAM).add(viaOwn, own).beforeStep(() -> {
                given[0] = viaOwn.value().pow(2).mul(3f).toFloatArray(); // d(x^3)/dx
                own.set(given[0]);
            });
            for (int step = 0; step < 3; step++) {
                try (NDManager s = ctx.newStep()) {
                    try (GradientCollector gc = ctx.gradients()) {
                        gc.backward(viaBackward.value().pow(3).sum());
                    }
                    autograd.step();
                    byModel.step();
                    assertArrayEquals(viaBackward.snapshot(), viaOwn.snapshot(), "step " + step);
                    assertArrayEquals(given[0], own.toFloatArray(), "the model's gradient is left as it was");
                }
            }
        }
    }

    @Test
    void aModelsGradientOfAnotherShapeIsRefused() {
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 2)) {
            DenseParameter p = new DenseParameter("p", ctx.root().zeros(new Shape(3, 2)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new AdamOptimizer(ADAM).add(p, ctx.root().zeros(new Shape(2, 3))));
            assertEquals("p: gradient (2, 3) for a parameter of shape (3, 2)", e.getMessage());
        }
    }

    /**
     * Row-sparse: the fused update with the embedding lookup against lazy Adam by tensor ops with a gather
     * lookup, over several steps of batches with repeated rows (only even rows touched, so untouched rows
     * must keep their values), on 1 and 2 PyTorch threads.
     */
    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2})
    void rowSparseStepIsTheTensorOpsStepBitForBit(int threads) {
        int rows = 60;
        int dim = 24;
        DjlRuntime.threads(threads);
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 11)) {
            NDArray init = ctx.gaussian(rows, dim, 0.3, ctx.random("init"));
            SparseEmbedding fused = new SparseEmbedding(init.duplicate());
            AdamOptimizer adam = new AdamOptimizer(ADAM).add(fused);
            TensorOpsLazyAdam reference = new TensorOpsLazyAdam(init.duplicate(), dim);
            SplittableRandom rng = new SplittableRandom(5);
            for (int step = 1; step <= 6; step++) {
                long[] batch = new long[40];
                for (int b = 0; b < batch.length; b++) {
                    batch[b] = rng.nextInt(rows / 2) * 2L;
                }
                float[] weights = new float[batch.length * dim];
                for (int k = 0; k < weights.length; k++) {
                    weights[k] = (float) rng.nextGaussian();
                }
                try (NDManager s = ctx.newStep()) {
                    NDArray w = s.create(weights, new Shape(batch.length, dim));
                    SparseEmbedding.Lookup lookup = fused.lookup(s, batch);
                    try (GradientCollector gc = ctx.gradients()) {
                        NDArray e = lookup.embeddings();
                        gc.backward(e.mul(e).mul(w).sum());
                    }
                    adam.step();
                    reference.step(ctx, s, batch, w, step);
                }
                assertArrayEquals(reference.table.toFloatArray(), fused.snapshot(), "after step " + step);
            }
        } finally {
            DjlRuntime.threads(1);
        }
    }

    /** A restore writes into the table's memory; later steps still reach the restored table. */
    @Test
    void restoredTablesKeepTraining() {
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 4)) {
            SparseEmbedding table = new SparseEmbedding(ctx.gaussian(5, 4, 1, ctx.random("t")));
            AdamOptimizer adam = new AdamOptimizer(AdamConfig.of(0.1)).add(table);
            float[] saved = table.snapshot();
            table.restore(new float[20]);
            assertArrayEquals(new float[20], table.table().toFloatArray());
            table.restore(saved);
            try (NDManager s = ctx.newStep()) {
                SparseEmbedding.Lookup lookup = table.lookup(s, new long[]{1});
                try (GradientCollector gc = ctx.gradients()) {
                    gc.backward(lookup.embeddings().sum());
                }
                adam.step();
            }
            float[] after = table.table().toFloatArray();
            for (int k = 0; k < 20; k++) {
                // gradient 1 on row 1: Adam's first step moves each coordinate by -lr (up to eps)
                assertEquals(k >= 4 && k < 8 ? saved[k] - 0.1f : saved[k], after[k], 1e-6f, "entry " + k);
            }
        }
    }

    /** SparseEmbedding's lazy Adam before it was fused, kept as the reference: one tensor op per term. */
    private static final class TensorOpsLazyAdam {
        final NDArray table;
        final NDArray m;
        final NDArray v;
        final int dim;

        TensorOpsLazyAdam(NDArray table, int dim) {
            this.table = table;
            this.dim = dim;
            m = table.zerosLike();
            v = table.zerosLike();
        }

        void step(TrainContext ctx, NDManager s, long[] batch, NDArray weights, long t) {
            long[] unique = Arrays.stream(batch).distinct().sorted().toArray();
            long[] inverse = new long[batch.length];
            for (int b = 0; b < batch.length; b++) {
                inverse[b] = Arrays.binarySearch(unique, batch[b]);
            }
            NDArray rowsArray = s.create(unique);
            NDArray leaf = table.get(s, new NDIndex("{}", rowsArray));
            leaf.setRequiresGradient(true);
            try (GradientCollector gc = ctx.gradients()) {
                NDArray e = leaf.gather(s.create(inverse).expandDims(1).repeat(1, dim), 0);
                gc.backward(e.mul(e).mul(weights).sum());
            }
            NDIndex rows = new NDIndex("{}", rowsArray);
            NDArray g = leaf.getGradient();
            NDArray mRows = m.get(rows).muli((float) ADAM.beta1()).addi(g.mul((float) (1 - ADAM.beta1())));
            NDArray vRows = v.get(rows).muli((float) ADAM.beta2()).addi(g.square().muli((float) (1 - ADAM.beta2())));
            NDArray delta = mRows.div(vRows.sqrt().addi((float) ADAM.epsilon())).muli((float) ADAM.correctedRate(t));
            m.set(rows, mRows);
            v.set(rows, vRows);
            table.set(rows, leaf.stopGradient().sub(delta));
        }
    }
}
