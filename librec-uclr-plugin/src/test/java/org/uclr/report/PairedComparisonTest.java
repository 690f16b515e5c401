package org.uclr.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairedComparisonTest {
    private static final double[] MODEL = {0.31, 0.33, 0.35, 0.30, 0.36};
    private static final double[] BASELINE = {0.30, 0.31, 0.33, 0.30, 0.33};

    @Test
    void pValueMatchesTheClosedFormOfStudentsTWithFourDegreesOfFreedom() {
        // differences 0.01 0.02 0.02 0 0.03: mean 0.016, sample sd sqrt(1.3e-4) = 0.0114018,
        // t = 0.016 / (0.0114018 / sqrt 5) = 3.1378582. For 4 degrees of freedom the CDF is
        // F(t) = 1/2 + 3/8 x (1 - x^2 / 12) with x = t / sqrt(1 + t^2 / 4), so p = 2 (1 - F(t)) = 0.0349197.
        double t = 0.016 / (Math.sqrt(1.3e-4) / Math.sqrt(5));
        double x = t / Math.sqrt(1 + t * t / 4);
        double expectedP = 2 * (1 - (0.5 + 3.0 / 8 * x * (1 - x * x / 12)));
        assertEquals(0.0349197, expectedP, 1e-7);

        PairedComparison c = PairedComparison.of("uclr", "bprmf", MODEL, BASELINE);
        assertEquals(5, c.n());
        assertEquals(0.016, c.meanDifference(), 1e-12);
        assertEquals(expectedP, c.pValue(), 1e-9);
        assertTrue(c.significant(0.05));
        assertFalse(c.significant(0.01));
    }

    @Test
    void swappingTheModelsKeepsTheTwoSidedP() {
        PairedComparison c = PairedComparison.of("bprmf", "uclr", BASELINE, MODEL);
        assertEquals(-0.016, c.meanDifference(), 1e-12);
        assertEquals(PairedComparison.of("uclr", "bprmf", MODEL, BASELINE).pValue(), c.pValue(), 1e-15);
    }

    @Test
    void fewerThanTwoPairsIsNotTestable() {
        PairedComparison one = PairedComparison.of("uclr", "bprmf", new double[]{0.4}, new double[]{0.3});
        assertEquals(1, one.n());
        assertFalse(one.testable());
        assertFalse(one.significant(0.05));
        // a NaN on either side (a view without users in that seed) drops the pair
        PairedComparison gap = PairedComparison.of("uclr", "bprmf", new double[]{0.4, Double.NaN}, new double[]{0.3, 0.2});
        assertEquals(1, gap.n());
        assertFalse(gap.testable());
    }

    @Test
    void identicalDifferencesHaveNoVarianceAndNoP() {
        PairedComparison c = PairedComparison.of("uclr", "bprmf", new double[]{0.3, 0.4, 0.5}, new double[]{0.3, 0.4, 0.5});
        assertEquals(0.0, c.meanDifference(), 0.0);
        assertFalse(c.testable());
    }
}
