package org.uclr.model.uclr;

import org.uclr.config.Settings;

/**
 * The temperature optimizer's settings (iSogCLR, Qiu et al., ICML 2023).
 *
 * @param mode         individual or global
 * @param init         initial tau
 * @param min          lower clip
 * @param max          upper clip
 * @param rho          rho of the objective
 * @param gamma        weight of the new estimate in the moving average u_i
 * @param learningRate eta
 * @param momentum     weight of the new gradient in the moving-average gradient
 */
public record TemperatureSettings(TemperatureMode mode, double init, double min, double max, double rho, double gamma,
                                  double learningRate, double momentum) {

    public static TemperatureSettings from(Settings s, TemperatureMode mode) {
        return new TemperatureSettings(mode, s.get(UclrKeys.TAU_INIT), s.get(UclrKeys.TAU_MIN), s.get(UclrKeys.TAU_MAX),
                s.get(UclrKeys.TAU_RHO), s.get(UclrKeys.TAU_GAMMA), s.get(UclrKeys.TAU_LEARN_RATE),
                s.get(UclrKeys.TAU_MOMENTUM));
    }
}
