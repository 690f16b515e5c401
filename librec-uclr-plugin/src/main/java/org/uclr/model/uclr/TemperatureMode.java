package org.uclr.model.uclr;

/** {@code uclr.temperature}: how the contrastive loss's temperatures are set. */
public enum TemperatureMode {
    /** Individual temperatures, optimized as in iSogCLR (PGE+UCL-AE and UCLR). */
    INDIVIDUAL,
    /** One global temperature, optimized by the same rule averaged over users (PGE+CL-AE). */
    GLOBAL,
    /**
     * Individual temperatures fixed from the user, not learned (beyond the paper): tau_i = tau.init *
     * (c_i / geometric mean of c)^{@code uclr.tau.power}, c_i the signal of {@code uclr.tau.signal}.
     */
    PRIOR
}
