package org.uclr.model.uclr;

/** {@code uclr.temperature}: one learnable temperature per user, or one shared by all. */
public enum TemperatureMode {
    /** Individual temperatures, optimized as in iSogCLR (PGE+UCL-AE and UCLR). */
    INDIVIDUAL,
    /** One global temperature, optimized by the same rule averaged over users (PGE+CL-AE). */
    GLOBAL
}
