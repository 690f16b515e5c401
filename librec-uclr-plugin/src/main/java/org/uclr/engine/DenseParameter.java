package org.uclr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

import java.nio.FloatBuffer;

/**
 * A dense trainable tensor (a weight matrix, a bias, a LoRA factor) and its Adam moments. It is frozen
 * (no gradient is computed for it) until an {@link AdamOptimizer} takes it; the optimizer then steps it,
 * from autograd's gradient or, for a model that runs its own backward pass, from a gradient tensor the
 * model fills ({@link AdamOptimizer#add(DenseParameter, NDArray)}).
 */
public final class DenseParameter implements Restorable<float[]> {
    private final String name;
    private final NDArray value;
    private NDArray m;
    private NDArray v;
    private boolean trainable;
    /** The gradient the model computes itself, or null for autograd's. */
    private NDArray ownGradient;
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
     * Called by the optimizer that takes this parameter with a gradient the model computes itself: autograd
     * computes none for it, and each step reads {@code gradient} (left as it is, the model overwrites it).
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    void makeTrainable(NDArray gradient) {
        if (!gradient.getShape().equals(value.getShape())) {
            throw new IllegalArgumentException(name + ": gradient " + gradient.getShape() + " for a parameter of shape "
                    + value.getShape());
        }
        if (trainable) {
            throw new IllegalStateException(name + " already belongs to an optimizer");
        }
        trainable = true;
        ownGradient = gradient;
    }

    /**
     * Called by {@link AdamOptimizer#release()}: frees the moments and stops gradient recording; a gradient the
     * model computes itself is its owner's to free. The parameter is frozen again.
     */
    void release() {
        if (m != null) {
            m.close();
            v.close();
            m = null;
            v = null;
        }
        if (trainable && ownGradient == null) {
            value.setRequiresGradient(false);
        }
        ownGradient = null;
        trainable = false;
    }

    /**
     * One Adam step from the gradient accumulated since the last step, which is then zeroed (DJL's
     * PyTorch engine accumulates gradients across backward passes), or from the model's own gradient
     * tensor, which is left as it is. On the CPU, one fused pass over the parameter's memory
     * ({@link FusedAdam}, bit for bit the tensor ops); elsewhere the tensor ops.
     *
     * @param adam settings
     * @param t    the optimizer's step count (1-based), for bias correction
     */
    void update(AdamConfig adam, long t) {
        if (m == null) {
            m = value.zerosLike();
            v = value.zerosLike();
            NDScope.unregister(m, v); // they outlive the step's scope
        }
        boolean own = ownGradient != null;
        NDArray g = own ? ownGradient : value.getGradient();
        try {
            FloatBuffer w = HostMemory.floats(value);
            FloatBuffer gView = HostMemory.floats(g);
            if (w != null && gView != null) {
                new FusedAdam(adam, t).dense(w, gView, HostMemory.floats(m), HostMemory.floats(v),
                        Math.toIntExact(value.size()), !own, value.getManager());
            } else {
                tensorStep(g, adam, t, !own);
            }
        } finally {
            if (!own) {
                g.close();
            }
        }
        version++;
    }

    private void tensorStep(NDArray g, AdamConfig adam, long t, boolean zeroGradient) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            m.muli((float) adam.beta1()).addi(g.mul((float) (1 - adam.beta1())));
            v.muli((float) adam.beta2()).addi(g.square().muli((float) (1 - adam.beta2())));
            value.subi(m.div(v.sqrt().addi((float) adam.epsilon())).muli((float) adam.correctedRate(t)));
            if (zeroGradient) {
                g.muli(0);
            }
        }
    }

    /** An independent frozen copy of the current value, with no optimizer state (e.g. one per domain). */
    public DenseParameter copy(String copyName) {
        return new DenseParameter(copyName, value.stopGradient().duplicate());
    }

    @Override
    public float[] snapshot() {
        // straight from the tensor's memory on the CPU: toFloatArray() copies through a byte[] of the same
        // size first, and on Douban Books each best epoch's snapshot is 45 MB of humongous G1 allocations
        FloatBuffer view = HostMemory.floats(value);
        if (view == null) {
            return value.toFloatArray();
        }
        float[] out = new float[view.capacity()];
        view.get(0, out);
        return out;
    }

    /** Writes values into the parameter's own memory on the CPU (views of it stay valid), else replaces them. */
    @Override
    public void restore(float[] values) {
        FloatBuffer view = HostMemory.floats(value);
        if (view != null && values.length == view.capacity()) {
            view.put(0, values);
        } else {
            value.set(values);
        }
        version++;
    }
}
