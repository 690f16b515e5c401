package org.uclr.eval;

import org.junit.jupiter.api.Test;
import org.uclr.UclrException;
import org.uclr.data.CandidateSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoredDomainTest {

    @Test
    void countsNegativesAboveAndTiedWithThePositive() {
        CandidateSet c = new CandidateSet(new int[]{3, 8}, new int[]{0, 1, 2, 3, 4, 5, 6, 7}, 4);
        ScoredDomain d = new ScoredDomain("books", c, new float[]{
                0.5f, 0.9f, 0.5f, 0.1f,   // one above, one tie
                2f, 1f, 1f, 1f});         // first
        ScoredDomain.RankCounts rc = d.rankCounts();
        assertArrayEquals(new int[]{1, 0}, rc.greater());
        assertArrayEquals(new int[]{1, 0}, rc.ties());
        assertArrayEquals(new int[]{3, 3}, rc.negatives());
        // user 1: rank uniform on {1, 2}: HR@2 = 1/2; user 2: rank 0
        assertEquals((0.5 + 1.0) / 2, rc.mean(RankMetric.HR, 2), 1e-12);
    }

    @Test
    void aNaNScoreIsAnErrorNotAFlatteringSkip() {
        CandidateSet c = new CandidateSet(new int[]{0}, new int[]{4, 5}, 2);
        ScoredDomain d = new ScoredDomain("music", c, new float[]{1f, Float.NaN});
        UclrException e = assertThrows(UclrException.class, d::rankCounts);
        assertTrue(e.getMessage().startsWith("NaN score in domain 'music' for user index 0, candidate item index 5"));
    }

    @Test
    void scoresMustMatchTheCandidates() {
        CandidateSet c = new CandidateSet(new int[]{0}, new int[]{4, 5}, 2);
        assertThrows(IllegalArgumentException.class, () -> new ScoredDomain("x", c, new float[3]));
    }

    /**
     * The tie-exact value against brute force: every ordering of the tied candidates, each ranked
     * strictly, the metric averaged over orderings. Independent of RankMetric's range formula.
     */
    @Test
    void tieExactValueEqualsTheAverageOverAllOrderingsOfTheTiedCandidates() {
        for (int greater = 0; greater <= 3; greater++) {
            for (int ties = 0; ties <= 5; ties++) {
                for (int k = 1; k <= 10; k++) {
                    int negatives = greater + ties + 2;
                    for (RankMetric m : RankMetric.values()) {
                        assertEquals(bruteForce(m, greater, ties, k, negatives), m.value(greater, ties, k, negatives), 1e-12,
                                m + " greater " + greater + " ties " + ties + " k " + k);
                    }
                }
            }
        }
    }

    private static double bruteForce(RankMetric m, int greater, int ties, int k, int negatives) {
        // the tied block is the positive (id 0) and `ties` negatives; all (ties + 1)! orderings
        List<Integer> block = new ArrayList<>();
        for (int i = 0; i <= ties; i++) {
            block.add(i);
        }
        double[] acc = new double[2]; // sum, count
        permute(block, 0, order -> {
            int rank = greater + order.indexOf(0);
            double gain = switch (m) {
                case HR, RECALL -> 1.0;
                case MRR -> 1.0 / (rank + 1);
                case NDCG -> Math.log(2) / Math.log(rank + 2);
                case PRECISION -> 1.0 / k;
                // the negatives ranked after the positive in this ordering, over all negatives; no cutoff
                case AUC -> (negatives - rank) / (double) negatives;
            };
            acc[0] += rank < k || m == RankMetric.AUC ? gain : 0;
            acc[1] += 1;
        });
        return acc[0] / acc[1];
    }

    private static void permute(List<Integer> a, int from, java.util.function.Consumer<List<Integer>> visit) {
        if (from == a.size()) {
            visit.accept(a);
            return;
        }
        for (int i = from; i < a.size(); i++) {
            Collections.swap(a, from, i);
            permute(a, from + 1, visit);
            Collections.swap(a, from, i);
        }
    }
}
