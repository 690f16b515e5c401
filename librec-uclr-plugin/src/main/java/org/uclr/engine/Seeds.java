package org.uclr.engine;

import java.util.SplittableRandom;

/** Seed mixing and the Gaussian draw every component uses, so all randomness is reproducible. */
public final class Seeds {
    private Seeds() {
    }

    /** A well-spread 64-bit seed for (seed, stream) (SplitMix64 finalizer). */
    public static long mix(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A standard normal draw (Box-Muller). */
    public static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1 + 1e-300)) * Math.cos(2 * Math.PI * u2);
    }
}
