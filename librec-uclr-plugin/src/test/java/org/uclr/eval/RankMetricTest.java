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

    @Test
    void aConstantScorerGetsTheRandomRankingsPrecisionRecallAndAuc() {
        // rank uniform on 0..99: HR@10 = 0.1, so Precision@10 = 0.1 / 10, Recall@10 = 0.1; AUC = 1/2
        assertEquals(0.01, RankMetric.PRECISION.value(0, 99, 10, 99), 1e-12);
        assertEquals(0.1, RankMetric.RECALL.value(0, 99, 10, 99), 1e-12);
        assertEquals(0.5, RankMetric.AUC.value(0, 99, 10, 99), 1e-12);
    }

    /** With one held-out item: Precision@K = hits / K = HR@K / K and Recall@K = hits / 1 = HR@K (by hand). */
    @Test
    void precisionAndRecallOfOneHeldOutItemAreHitRatioOverKAndHitRatio() {
        assertEquals(1.0 / 5, RankMetric.PRECISION.value(2, 0, 5, 99), 1e-12);
        assertEquals(0.0, RankMetric.PRECISION.value(5, 0, 5, 99), 1e-12);
        assertEquals(1.0, RankMetric.RECALL.value(4, 0, 5, 99), 1e-12);
        // ranks 8..11, two of four inside K = 10: HR 0.5, Precision 0.05
        assertEquals(0.05, RankMetric.PRECISION.value(8, 3, 10, 99), 1e-12);
        assertEquals(0.5, RankMetric.RECALL.value(8, 3, 10, 99), 1e-12);
    }

    /** AUC by its pairwise definition: each negative below the positive counts 1, each tie 1/2, over N. */
    @Test
    void aucIsTheShareOfNegativesBelowThePositiveWithTiesCountingHalf() {
        assertEquals(1.0, RankMetric.AUC.value(0, 0, 10, 99), 1e-12);
        assertEquals(0.0, RankMetric.AUC.value(99, 0, 10, 99), 1e-12);
        assertEquals(96.0 / 99, RankMetric.AUC.value(3, 0, 10, 99), 1e-12);
        // 1 above, 3 tied, 95 below: (95 + 3 / 2) / 99, whatever the cutoff
        assertEquals((95 + 1.5) / 99, RankMetric.AUC.value(1, 3, 10, 99), 1e-12);
        assertEquals((95 + 1.5) / 99, RankMetric.AUC.value(1, 3, 1, 99), 1e-12);
    }
}
