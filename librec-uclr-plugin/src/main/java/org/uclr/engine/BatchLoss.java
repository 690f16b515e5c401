package org.uclr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A model's training objective on one mini-batch: what a model tells the {@link Trainer}, which owns
 * the gradient collection, the backward pass and the optimizer step.
 *
 * @param <B> the batch type
 */
@FunctionalInterface
public interface BatchLoss<B> {

    /**
     * @param step  manager for this step's temporaries (closed after the step)
     * @param batch the mini-batch
     * @return the scalar loss, differentiable in the parameters the optimizer owns
     */
    NDArray loss(NDManager step, B batch);
}
