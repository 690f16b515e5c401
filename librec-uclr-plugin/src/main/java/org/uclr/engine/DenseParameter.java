package org.uclr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * A dense trainable tensor (a weight matrix, a bias, a LoRA factor) with its own Adam state.
 * Call {@link #update()} after a backward pass that reached it.
 */
public final class DenseParameter {
    private final String name;
    private final NDArray value;
    private final NDArray m;
    private final NDArray v;
    private final AdamConfig adam;
    private long step;

    /** Takes ownership of value, which must live in the context's root manager. */
    public DenseParameter(String name, NDArray value, AdamConfig adam) {
        this.name = name;
        this.value = value;
        this.adam = adam;
        this.m = value.zerosLike();
        this.v = value.zerosLike();
        value.setRequiresGradient(true);
    }

    public String name() {
        return name;
    }

    /** The live tensor; use it inside a gradient collector to get gradients. */
    public NDArray value() {
        return value;
    }

    /**
     * One Adam step from the gradient accumulated since the last update, which is then zeroed
     * (DJL's PyTorch engine accumulates gradients across backward passes).
     */
    public void update() {
        step++;
        try (NDScope scope = new NDScope()) {
            NDArray g = value.getGradient();
            m.muli((float) adam.beta1()).addi(g.mul((float) (1 - adam.beta1())));
            v.muli((float) adam.beta2()).addi(g.square().muli((float) (1 - adam.beta2())));
            value.subi(m.div(v.sqrt().addi((float) adam.epsilon())).muli((float) adam.correctedRate(step)));
            g.muli(0);
        }
    }

    /** Discards the accumulated gradient without a step (a parameter frozen for this phase). */
    public void zeroGradient() {
        try (NDScope scope = new NDScope()) {
            value.getGradient().muli(0);
        }
    }

    /** An independent copy of the current value with fresh optimizer state (e.g. one per domain). */
    public DenseParameter copy(String copyName, AdamConfig copyAdam) {
        return new DenseParameter(copyName, value.stopGradient().duplicate(), copyAdam);
    }

    /** Copies the current value (for keeping the best epoch's parameters). */
    public float[] snapshot() {
        return value.toFloatArray();
    }

    public void restore(float[] values) {
        value.set(values);
    }
}
