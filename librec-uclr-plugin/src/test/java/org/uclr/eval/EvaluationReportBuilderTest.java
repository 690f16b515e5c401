package org.uclr.eval;

import org.junit.jupiter.api.Test;
import org.uclr.data.CandidateSet;
import org.uclr.data.DomainSplit;
import org.uclr.data.Split;
import org.uclr.data.UserItemMatrix;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationReportBuilderTest {

    private static SampledRankingEvaluator at(SampledRankingEvaluator e, int k) {
        e.setTopN(k);
        return e;
    }

    /** One row per user, width 3; the positive is placed at the given strict rank (0, 1 or 2). */
    private static ScoredDomain domain(String name, int[] users, int[] ranks) {
        int[] cands = new int[users.length * 3];
        float[] scores = new float[users.length * 3];
        for (int r = 0; r < users.length; r++) {
            for (int k = 0; k < 3; k++) {
                cands[r * 3 + k] = k;
                scores[r * 3 + k] = k == 0 ? 10 - ranks[r] : 10 - (k <= ranks[r] ? k - 1 : k);
            }
        }
        return new ScoredDomain(name, new CandidateSet(users, cands, 3), scores);
    }

    private static DomainSplit trainOnly(int[][] rows) {
        return new DomainSplit(UserItemMatrix.fromRows(50, rows), null, null, null, null);
    }

    @Test
    void perDomainMeansLowActivityViewGroupsAndMacro() {
        // books: 4 users at ranks 0, 1, 2, 0; music: 2 users at ranks 1, 1
        ScoredDomain books = domain("books", new int[]{0, 1, 2, 3}, new int[]{0, 1, 2, 0});
        ScoredDomain music = domain("music", new int[]{0, 2}, new int[]{1, 1});
        // training interactions per user in books: 1, 5, 2, 9; in music: 3, 0, 1, 0
        Split split = new Split("f", 1, 2, List.of(
                trainOnly(new int[][]{{1}, {1, 2, 3, 4, 5}, {1, 2}, {1, 2, 3, 4, 5, 6, 7, 8, 9}}),
                trainOnly(new int[][]{{1, 2, 3}, {}, {1}, {}})));
        EvaluationReportBuilder b = new EvaluationReportBuilder(List.of(
                at(new MRREvaluator(), 2), at(new HitRatioEvaluator(), 2), at(new NDCGEvaluator(), 2)), 2, 2);
        EvaluationReport r = b.build(new ScoredCandidates(List.of(books, music)), split);

        assertEquals(List.of("MRR@2", "HR@2", "NDCG@2"), r.metricNames());
        DomainReport bd = r.domains().get(0);
        assertEquals(4, bd.all().users());
        assertEquals((1 + 0.5 + 0 + 1) / 4, bd.all().get("MRR@2"), 1e-12);
        assertEquals(3 / 4.0, bd.all().get("HR@2"), 1e-12);
        double ndcgRank1 = 1 / (Math.log(3) / Math.log(2));
        assertEquals((1 + ndcgRank1 + 0 + 1) / 4, bd.all().get("NDCG@2"), 1e-12);

        // low activity (<= 2 train interactions): books users 0 and 2 (ranks 0 and 2)
        assertEquals(2, bd.lowActivity().users());
        assertEquals(0.5, bd.lowActivity().get("HR@2"), 1e-12);
        assertEquals(2, bd.lowActivityMax());

        // two groups, most active first: {user 3 (9), user 1 (5)} then {user 2 (2), user 0 (1)}
        assertEquals(2, bd.activityGroups().size());
        ActivityGroup g1 = bd.activityGroups().get(0);
        assertEquals(5, g1.minInteractions());
        assertEquals(9, g1.maxInteractions());
        assertEquals((1 + 0.5) / 2, g1.values().get("MRR@2"), 1e-12);
        ActivityGroup g2 = bd.activityGroups().get(1);
        assertEquals(1, g2.minInteractions());
        assertEquals(2, g2.maxInteractions());
        assertEquals(0.5, g2.values().get("HR@2"), 1e-12);

        DomainReport md = r.domains().get(1);
        assertEquals(0.5, md.all().get("MRR@2"), 1e-12);
        assertEquals(1, md.lowActivity().users()); // user 2 with 1 interaction; user 0 has 3
        // macro: the mean of the two domain means, not of the six users
        assertEquals((bd.all().get("MRR@2") + 0.5) / 2, r.macro().get("MRR@2"), 1e-12);
    }

    @Test
    void anEmptyViewHasNaNValuesAndZeroUsers() {
        ScoredDomain books = domain("books", new int[]{0}, new int[]{0});
        Split split = new Split("f", 1, 2, List.of(trainOnly(new int[][]{{1, 2, 3, 4}})));
        EvaluationReport r = new EvaluationReportBuilder(List.of(at(new HitRatioEvaluator(), 1)), 2, 9)
                .build(new ScoredCandidates(List.of(books)), split);
        assertEquals(0, r.domains().get(0).lowActivity().users());
        assertTrue(Double.isNaN(r.domains().get(0).lowActivity().get("HR@1")));
        assertEquals(1, r.domains().get(0).activityGroups().size(), "no more groups than users");
    }
}
