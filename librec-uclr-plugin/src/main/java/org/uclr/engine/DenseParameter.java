package org.uclr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * A dense trainable tensor (a weight matrix, a bias, a LoRA factor) and its Adam moments. It is frozen
 * (no gradient is computed for it) until an {@link AdamOptimizer} takes it; the optimizer then steps it.
 */
public final class DenseParameter implements Restorable<float[]> {
    private final String name;
    private final NDArray value;
    private NDArray m;
    private NDArray v;
    private boolean trainable;
    private long version;

    /** Takes ownership of value, which must live in the context's root manager. */
    public DenseParameter(String name, NDArray value) {
        this.name = name;
        this.value = value;
    }

    public String name() {
        return name;
    }

    /** The live tensor; used inside a gradient collector it receives a gradient once trainable. */
    public NDArray value() {
        return value;
    }

    /** Counts changes of the value (steps and restores), so caches derived from it know when to rebuild. */
    public long version() {
        return version;
    }

    boolean trainable() {
        return trainable;
    }

    /** Called by the optimizer that takes this parameter. */
    void makeTrainable() {
        if (trainable) {
            throw new IllegalStateException(name + " already belongs to an optimizer");
        }
        trainable = true;
        value.setRequiresGradient(true);
    }

    /**
     * One Adam step from the gradient accumulated since the last step, which is then zeroed (DJL's
     * PyTorch engine accumulates gradients across backward passes).
     *
     * @param adam settings
     * @param t    the optimizer's step count (1-based), for bias correction
     */
    void update(AdamConfig adam, long t) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            if (m == null) {
                m = value.zerosLike();
                v = value.zerosLike();
                NDScope.unregister(m, v);
            }
            NDArray g = value.getGradient();
            m.muli((float) adam.beta1()).addi(g.mul((float) (1 - adam.beta1())));
            v.muli((float) adam.beta2()).addi(g.square().muli((float) (1 - adam.beta2())));
            value.subi(m.div(v.sqrt().addi((float) adam.epsilon())).muli((float) adam.correctedRate(t)));
            g.muli(0);
        }
        version++;
    }

    /** An independent frozen copy of the current value, with no optimizer state (e.g. one per domain). */
    public DenseParameter copy(String copyName) {
        return new DenseParameter(copyName, value.stopGradient().duplicate());
    }

    @Override
    public float[] snapshot() {
        return value.toFloatArray();
    }

    @Override
    public void restore(float[] values) {
        value.set(values);
        version++;
    }
}
