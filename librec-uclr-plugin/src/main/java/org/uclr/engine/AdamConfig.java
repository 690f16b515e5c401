package org.uclr.engine;

/**
 * Adam's hyperparameters (Kingma and Ba, ICLR 2015).
 *
 * @param learningRate step size
 * @param beta1        first-moment decay
 * @param beta2        second-moment decay
 * @param epsilon      denominator guard
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon) {

    public static AdamConfig of(double learningRate) {
        return new AdamConfig(learningRate, 0.9, 0.999, 1e-8);
    }

    /** The bias-corrected step size at step t (1-based): lr sqrt(1 - beta2^t) / (1 - beta1^t). */
    double correctedRate(long t) {
        return learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
    }
}
