package org.uclr.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import org.uclr.engine.AdamOptimizer;
import org.uclr.engine.TrainContext;

import java.util.function.Function;

/** One optimizer step taken as {@code Trainer} takes it, for tests that compare two ways of computing a step. */
public final class TrainerStep {
    private TrainerStep() {
    }

    /**
     * Loss in a gradient collector, backward pass, then {@code afterBackward} (e.g. reading autograd's gradients
     * before the optimizer resets them; may be null), then the optimizer's step; everything the step made is
     * released.
     *
     * @param loss the loss, built in the step's manager
     * @return the loss's value
     */
    public static double take(TrainContext engine, AdamOptimizer adam, Function<NDManager, NDArray> loss,
                              Runnable afterBackward) {
        try (NDManager step = engine.newStep(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            float value;
            try (GradientCollector gc = engine.gradients()) {
                NDArray l = loss.apply(step);
                gc.backward(l);
                value = l.getFloat();
            }
            if (afterBackward != null) {
                afterBackward.run();
            }
            adam.step();
            return value;
        }
    }
}
