package org.uclr.engine;

import ai.djl.ndarray.NDArray;

import java.util.List;
import java.util.SplittableRandom;

/** A dense layer y = x W + b, with W initialized Xavier-uniform and b = 0. */
public final class Linear {
    private final DenseParameter weight;
    private final DenseParameter bias;

    /**
     * @param ctx  owner of the parameters
     * @param in   input features
     * @param out  output features
     * @param rng  initialization stream
     * @param name parameter name prefix (for messages)
     */
    public Linear(TrainContext ctx, int in, int out, SplittableRandom rng, String name) {
        double limit = Math.sqrt(6.0 / (in + out));
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
        }
        weight = new DenseParameter(name + ".weight", ctx.root().create(w, new ai.djl.ndarray.types.Shape(in, out)));
        bias = new DenseParameter(name + ".bias", ctx.root().zeros(new ai.djl.ndarray.types.Shape(out)));
    }

    private Linear(DenseParameter weight, DenseParameter bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /** An independent frozen copy (same values, no optimizer state). */
    public Linear copy(String name) {
        return new Linear(weight.copy(name + ".weight"), bias.copy(name + ".bias"));
    }

    /** [batch, in] to [batch, out]. */
    public NDArray forward(NDArray x) {
        return x.matMul(weight.value()).add(bias.value());
    }

    public List<DenseParameter> parameters() {
        return List.of(weight, bias);
    }
}
