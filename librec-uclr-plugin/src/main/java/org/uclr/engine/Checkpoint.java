package org.uclr.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The trainable state of a model or stage, saved at a best epoch and restored after training
 * ({@link Trainer}). A saved {@link State} is immutable, so a trainer can keep one per domain.
 */
public final class Checkpoint {
    private final List<Restorable<?>> parts = new ArrayList<>();

    public Checkpoint add(Restorable<?> part) {
        parts.add(part);
        return this;
    }

    public Checkpoint addAll(Collection<? extends Restorable<?>> more) {
        parts.addAll(more);
        return this;
    }

    /** Copies every part's current values. */
    public State save() {
        List<Object> values = new ArrayList<>(parts.size());
        for (Restorable<?> p : parts) {
            values.add(p.snapshot());
        }
        return new State(this, values);
    }

    /**
     * Puts back the values of a state saved from this checkpoint.
     *
     * @throws IllegalArgumentException if the state was saved from another checkpoint
     */
    public void restore(State state) {
        if (state.owner != this) {
            throw new IllegalArgumentException("a checkpoint restores only the states it saved");
        }
        for (int k = 0; k < parts.size(); k++) {
            restorePart(parts.get(k), state.values.get(k));
        }
    }

    @SuppressWarnings("unchecked")
    private static <S> void restorePart(Restorable<S> part, Object value) {
        part.restore((S) value);
    }

    /** Saved values of one checkpoint's parts, in their order. */
    public static final class State {
        private final Checkpoint owner;
        private final List<Object> values;

        private State(Checkpoint owner, List<Object> values) {
            this.owner = owner;
            this.values = List.copyOf(values);
        }

        /** The saved value of the k-th part (for a model that builds per-domain copies from a state). */
        public Object part(int k) {
            return values.get(k);
        }
    }
}
