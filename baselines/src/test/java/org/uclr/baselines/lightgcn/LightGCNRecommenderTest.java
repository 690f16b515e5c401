package org.uclr.baselines.lightgcn;

import org.junit.jupiter.api.Test;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.testing.Fixtures;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LightGCNRecommenderTest {
    private static final Map<String, String> FAST = Map.of(
            "rec.random.seed", "3", "rec.device", "cpu", "rec.threads", "1",
            "lightgcn.factors", "16", "lightgcn.batch.size", "256", "lightgcn.learn.rate", "0.01",
            "lightgcn.epochs.max", "12", "lightgcn.patience", "3");

    @Test
    void scoresOneFiniteValuePerTestCandidate() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.1), 3, Fixtures.with(FAST, "lightgcn.epochs.max", "1"));
        LightGCNRecommender rec = Fixtures.train(new LightGCNRecommender(), dm);
        Fixtures.assertFiniteScoreForEveryTestCandidate(rec, dm);
    }

    @Test
    void ranksFarAboveRandomOnSyntheticData() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.15), 3, FAST);
        double ndcg = Fixtures.testNdcg10(Fixtures.train(new LightGCNRecommender(), dm));
        // random scores give 0.0454 (1 positive among 100 candidates)
        assertTrue(ndcg > 0.10, "test NDCG@10 " + ndcg);
    }

    @Test
    void sameSeedGivesIdenticalScores() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.1), 5, Fixtures.with(FAST, "lightgcn.epochs.max", "3"));
        float[] a = Fixtures.train(new LightGCNRecommender(), dm).testScores().domain(1).scores();
        float[] b = Fixtures.train(new LightGCNRecommender(), dm).testScores().domain(1).scores();
        assertArrayEquals(a, b);
    }
}
