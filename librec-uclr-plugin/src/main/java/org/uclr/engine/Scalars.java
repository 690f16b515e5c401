package org.uclr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A tensor times or over a constant, safe to differentiate. DJL's {@code NDArray.mul(Number)} and
 * {@code div(Number)} wrap the constant in a 0-d tensor over a Java direct buffer and close that tensor as
 * soon as the op returns. PyTorch's MulBackward / DivBackward keep the constant for the backward pass, but a
 * tensor made from a buffer does not own its memory: once a garbage collection frees the buffer (a
 * collection between the forward and the backward pass, which depends on timing), the backward pass
 * multiplies by whatever was allocated there since. GA-MTCDR's first model in a JVM got gradients of 1e18 that
 * way (issue 16). Here the constant is a 0-d tensor PyTorch allocates, which the saved graph keeps alive by
 * reference count; the float operations are those of DJL's ops (the same float32 constant), so the results
 * are bit for bit the same whenever DJL's ops read the right memory.
 */
public final class Scalars {
    private Scalars() {
    }

    /** x * c, any shape; c rounded to x's float type. */
    public static NDArray mul(NDArray x, double c) {
        return x.mul(constant(x, c));
    }

    /** x / c, any shape; c rounded to x's float type. */
    public static NDArray div(NDArray x, double c) {
        return x.div(constant(x, c));
    }

    /** A 0-d tensor holding c, in x's manager, type and device, in memory PyTorch owns. */
    private static NDArray constant(NDArray x, double c) {
        return x.getManager().full(new Shape(), (float) c, x.getDataType());
    }
}
