package org.uclr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.uclr.testing.CpuTrainContext;
import org.uclr.testing.FreedBuffers;

import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The gradient of x * c and x / c is c and 1 / c (by hand), also when memory is freed and reused between the
 * forward and the backward pass ({@link FreedBuffers}), as a garbage collection at the wrong time does in
 * training (issue 16: GA-MTCDR's first model in a JVM got other scores than the next with the same seed).
 */
class ScalarsTest {
    @RegisterExtension
    static final CpuTrainContext ctx = new CpuTrainContext();

    /** d(sum f(x))/dx for x = [1, -2, 3], with freed memory refilled after the forward pass. */
    private static float[] gradientAfterMemoryReuse(UnaryOperator<NDArray> f) {
        try (NDManager step = ctx.get().newStep()) {
            NDArray x = step.create(new float[]{1f, -2f, 3f}).add(0f); // a PyTorch-owned leaf
            x.setRequiresGradient(true);
            try (GradientCollector gc = ctx.get().gradients()) {
                NDArray loss = f.apply(x).sum();
                FreedBuffers.collectAndReuse();
                gc.backward(loss);
            }
            return x.getGradient().toFloatArray();
        }
    }

    @Test
    void theGradientOfATensorTimesAConstantIsTheConstantAfterMemoryIsReused() {
        // 2.5 and 1 / 4 are exact in float32, so the gradients are exact
        assertArrayEquals(new float[]{2.5f, 2.5f, 2.5f}, gradientAfterMemoryReuse(x -> Scalars.mul(x, 2.5)));
        assertArrayEquals(new float[]{0.25f, 0.25f, 0.25f}, gradientAfterMemoryReuse(x -> Scalars.div(x, 4)));
    }

    @Test
    void theValuesAreThoseOfDjlsScalarOps() {
        try (NDManager step = ctx.get().newStep()) {
            NDArray x = step.create(new float[]{0.1f, -7.3f, 1e-3f, 3e7f});
            assertArrayEquals(x.mul(0.3f).toFloatArray(), Scalars.mul(x, 0.3).toFloatArray());
            assertArrayEquals(x.div(0.3f).toFloatArray(), Scalars.div(x, 0.3).toFloatArray());
        }
    }

    /**
     * The hazard Scalars exists for is still there in DJL, and FreedBuffers still provokes it, so the test
     * above is one that could fail. If this fails after a DJL upgrade, DJL's own scalar ops may be safe again.
     */
    @Test
    void djlsOwnScalarProductLosesItsConstantWhenMemoryIsReused() {
        float[] g = gradientAfterMemoryReuse(x -> x.mul(2.5f));
        assertFalse(g[0] == 2.5f, "DJL's mul(Number) kept its constant alive: got the right gradient 2.5");
    }
}
