package org.uclr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A multi-layer perceptron: Linear layers of the given sizes with an activation between them
 * (none after the last layer unless asked).
 */
public final class Mlp {
    private final List<Linear> layers = new ArrayList<>();
    private final UnaryOperator<NDArray> activation;
    private final boolean activateLast;

    /**
     * @param sizes        layer widths including input, e.g. [128, 128, 32] for 128 -> 128 -> 32
     * @param activation   applied between layers (e.g. {@link #RELU})
     * @param activateLast whether the last layer's output is activated too
     */
    public Mlp(TrainContext ctx, int[] sizes, UnaryOperator<NDArray> activation, boolean activateLast,
               SplittableRandom rng, String name) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("an MLP needs an input and an output size");
        }
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(new Linear(ctx, sizes[i], sizes[i + 1], rng, name + "." + i));
        }
        this.activation = activation;
        this.activateLast = activateLast;
    }

    private Mlp(List<Linear> layers, UnaryOperator<NDArray> activation, boolean activateLast) {
        this.layers.addAll(layers);
        this.activation = activation;
        this.activateLast = activateLast;
    }

    public static final UnaryOperator<NDArray> RELU = Activation::relu;

    /** An independent frozen copy (same weights, no optimizer state). */
    public Mlp copy(String name) {
        List<Linear> copies = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            copies.add(layers.get(i).copy(name + "." + i));
        }
        return new Mlp(copies, activation, activateLast);
    }

    public NDArray forward(NDArray x) {
        NDArray h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h);
            if (i + 1 < layers.size() || activateLast) {
                h = activation.apply(h);
            }
        }
        return h;
    }

    public List<DenseParameter> parameters() {
        List<DenseParameter> out = new ArrayList<>();
        layers.forEach(l -> out.addAll(l.parameters()));
        return out;
    }
}
