package org.uclr.eval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tie-exact metric definitions against the test vectors of the foundation issue, worked by hand. */
class RankMetricTest {
    private static final double EPS = 5e-7; // the vectors are given to 6 decimals

    @Test
    void constantScorerIsUniformOverAllHundredRanks() {
        // the positive ties with all 99 negatives: rank uniform on 0..99
        assertEquals(0.1, RankMetric.HR.value(0, 99, 10), 1e-12);
        assertEquals(0.045436, RankMetric.NDCG.value(0, 99, 10), EPS);
        assertEquals(0.029290, RankMetric.MRR.value(0, 99, 10), EPS);
    }

    @Test
    void beatenByOneAndTiedWithThreeAveragesRanksOneToFour() {
        assertEquals(0.48711, RankMetric.NDCG.value(1, 3, 10), 5e-6);
        assertEquals(0.32083, RankMetric.MRR.value(1, 3, 10), 5e-6);
        assertEquals(1.0, RankMetric.HR.value(1, 3, 10), 1e-12);
    }

    @Test
    void strictRanksFollowTheClosedForms() {
        assertEquals(1.0, RankMetric.NDCG.value(0, 0, 10), 1e-12);
        assertEquals(1 / (Math.log(5) / Math.log(2)), RankMetric.NDCG.value(3, 0, 10), 1e-12);
        assertEquals(0.25, RankMetric.MRR.value(3, 0, 10), 1e-12);
        assertEquals(0.0, RankMetric.HR.value(10, 0, 10), 1e-12);
        assertEquals(1.0, RankMetric.HR.value(9, 0, 10), 1e-12);
    }

    @Test
    void tiesStraddlingTheCutoffCountOnlyTheRanksInside() {
        // ranks 8..11 equally likely, two of four inside K = 10
        assertEquals(0.5, RankMetric.HR.value(8, 3, 10), 1e-12);
    }
}
