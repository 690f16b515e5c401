package org.uclr.baselines.mostpop;

import org.junit.jupiter.api.Test;
import org.uclr.data.CandidateSet;
import org.uclr.data.DomainSplit;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.data.UserItemMatrix;
import org.uclr.eval.FullRanking;
import org.uclr.eval.ScoredDomain;
import org.uclr.eval.TopItems;
import org.uclr.testing.Fixtures;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MostPopRecommenderTest {
    private static final Map<String, String> CONF = Map.of("rec.random.seed", "2", "rec.device", "cpu",
            "rec.recommender.ranking.topn", "5");

    /** Training interactions of every item of a domain, counted here from the split. */
    private static int[] counts(UserItemMatrix train) {
        int[] c = new int[train.numItems()];
        for (int i : train.entryItems()) {
            c[i]++;
        }
        return c;
    }

    @Test
    void everyScoreIsTheItemsNumberOfTrainingInteractionsInItsDomain() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.05), 2, CONF);
        MostPopRecommender rec = Fixtures.train(new MostPopRecommender(), dm);
        for (int d = 0; d < dm.dataset().numDomains(); d++) {
            int[] counts = counts(dm.split().domain(d).train());
            ScoredDomain scored = rec.testScores().domain(d);
            CandidateSet c = scored.candidates();
            for (int k = 0; k < c.candidates().length; k++) {
                assertEquals(counts[c.candidates()[k]], scored.scores()[k], 0.0, "domain " + d + " candidate " + k);
            }
        }
    }

    @Test
    void everyUsersListIsTheMostPopularItemsItHasNotTrainedOrValidatedOn() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.05), 2, CONF);
        MostPopRecommender rec = Fixtures.train(new MostPopRecommender(), dm);
        for (int d = 0; d < dm.dataset().numDomains(); d++) {
            DomainSplit split = dm.split().domain(d);
            int[] counts = counts(split.train());
            FullRanking.Result full = rec.fullRanking().get(d);
            TopItems top = full.top();
            for (int u = 0; u < dm.dataset().numUsers(); u++) {
                int user = u;
                List<Integer> expected = IntStream.range(0, counts.length)
                        .filter(i -> !split.train().contains(user, i) && split.validItem()[user] != i).boxed()
                        .sorted(Comparator.<Integer>comparingInt(i -> -counts[i]).thenComparingInt(i -> i)).limit(5).toList();
                for (int r = 0; r < 5; r++) {
                    assertEquals(expected.get(r), top.item(u, r), "domain " + d + " user " + u + " rank " + r);
                }
            }
            // every user ranks the same counts: the positive's greater/ties are counts of the other ranked items
            for (int row = 0; row < full.ranked().size(); row++) {
                int u = full.ranked().users()[row];
                int positive = split.test().positive(row);
                int above = 0;
                for (int i = 0; i < counts.length; i++) {
                    if (!split.train().contains(u, i) && split.validItem()[u] != i && counts[i] > counts[positive]) {
                        above++;
                    }
                }
                assertEquals(above, full.ranked().counts().greater()[row]);
            }
        }
        assertTrue(rec.stageSeconds().containsKey("count"));
    }
}
