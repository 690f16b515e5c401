package org.uclr.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeanStdTest {

    @Test
    void meanAndSampleStdMatchHandComputation() {
        // mean 0.32; deviations -0.02, 0, 0.02: sum of squares 8e-4 over n - 1 = 2 gives 4e-4, std 0.02
        MeanStd s = MeanStd.of(0.30, 0.32, 0.34);
        assertEquals(0.32, s.mean(), 1e-12);
        assertEquals(0.02, s.std(), 1e-12);
        assertEquals(3, s.n());
    }

    @Test
    void fiveSeedsUseNMinusOne() {
        // 31, 33, 35, 30, 36: mean 33, squared deviations 4 + 0 + 4 + 9 + 9 = 26, / 4 = 6.5 (population would be 5.2)
        MeanStd s = MeanStd.of(31, 33, 35, 30, 36);
        assertEquals(33.0, s.mean(), 1e-12);
        assertEquals(Math.sqrt(6.5), s.std(), 1e-12);
    }

    @Test
    void oneValueHasNoStdAndNaNSeedsAreSkipped() {
        MeanStd one = MeanStd.of(0.5);
        assertEquals(0.5, one.mean());
        assertTrue(Double.isNaN(one.std()));
        MeanStd withGap = MeanStd.of(0.1, Double.NaN, 0.3);
        assertEquals(2, withGap.n());
        assertEquals(0.2, withGap.mean(), 1e-12);
        assertTrue(MeanStd.of().isEmpty());
    }
}
