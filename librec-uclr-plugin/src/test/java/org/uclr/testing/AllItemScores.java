package org.uclr.testing;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records, for a test subclass of a recommender that overrides {@code scoreAllItems}, how far its fast
 * all-items scores are from the same scores through {@code scoreBatch} with every item as a candidate.
 */
public final class AllItemScores {
    private final List<Double> differences = new ArrayList<>();
    private long compared;

    /** Compares two [n, numItems] score tables: a matrix product and a batched gather may differ in the last bits. */
    public void compare(NDArray fast, NDArray generic) {
        assertEquals(generic.getShape(), fast.getShape());
        float[] a = fast.toFloatArray();
        float[] b = generic.toFloatArray();
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
        }
        differences.add(worst);
        compared += a.length;
    }

    /** Every chunk of every domain agreed to float32 rounding (1e-5 relative: m <= 128 products summed). */
    public void assertAgreed(int domains) {
        assertTrue(differences.size() >= domains, "compared " + differences.size() + " chunks for " + domains + " domains");
        double worst = differences.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        assertTrue(worst < 1e-5, "largest relative difference " + worst + " over " + compared + " scores");
    }
}
