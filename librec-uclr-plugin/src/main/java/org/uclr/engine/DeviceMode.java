package org.uclr.engine;

/** {@code rec.device}: where tensors live. */
public enum DeviceMode {
    /** A GPU when DJL sees one, else the CPU. */
    AUTO,
    CPU,
    /** A GPU; an error when none is visible (build with -Pgpu for the CUDA natives). */
    GPU
}
