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
 * @param signal       what the user-dependent rules read about a user (activity or embedding norm)
 * @param rhoPower     p of rho_i = rho (c_i / geomean c)^(-p); 0 keeps one rho for all (iSogCLR)
 * @param priorPower   q of the PRIOR mode's tau_i = init (c_i / geomean c)^q
 */
public record TemperatureSettings(TemperatureMode mode, double init, double min, double max, double rho, double gamma,
                                  double learningRate, double momentum, TauSignal signal, double rhoPower,
                                  double priorPower) {

    /** iSogCLR's rule: one rho for every user, temperatures learned. */
    public TemperatureSettings(TemperatureMode mode, double init, double min, double max, double rho, double gamma,
                               double learningRate, double momentum) {
        this(mode, init, min, max, rho, gamma, learningRate, momentum, TauSignal.ACTIVITY, 0, 0);
    }

    /** Whether the rules need each user's signal ({@link Temperatures#personalize}). */
    public boolean personalized() {
        return mode == TemperatureMode.PRIOR || rhoPower != 0;
    }

    public static TemperatureSettings from(Settings s, TemperatureMode mode) {
        return new TemperatureSettings(mode, s.get(UclrKeys.TAU_INIT), s.get(UclrKeys.TAU_MIN), s.get(UclrKeys.TAU_MAX),
                s.get(UclrKeys.TAU_RHO), s.get(UclrKeys.TAU_GAMMA), s.get(UclrKeys.TAU_LEARN_RATE),
                s.get(UclrKeys.TAU_MOMENTUM), s.get(UclrKeys.TAU_SIGNAL), s.get(UclrKeys.TAU_RHO_POWER),
                s.get(UclrKeys.TAU_POWER));
    }
}
