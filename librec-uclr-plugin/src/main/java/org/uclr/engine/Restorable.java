package org.uclr.engine;

/**
 * Trainable state that can be copied out and put back: a parameter tensor, an embedding table, the
 * per-user temperatures. A {@link Checkpoint} holds several of them.
 *
 * @param <S> the type of a copy
 */
public interface Restorable<S> {

    /** An independent copy of the current values (later changes do not reach it). */
    S snapshot();

    /** Puts back the values of a copy made by {@link #snapshot()} of this same object. */
    void restore(S snapshot);
}
