package org.uclr.baselines.lightgcn;

import org.junit.jupiter.api.Test;
import org.uclr.data.CandidateSet;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.eval.ScoredDomain;
import org.uclr.testing.Fixtures;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LightGCNRecommenderTest {
    private static final Map<String, String> FAST = Map.of(
            "rec.random.seed", "3", "rec.device", "cpu", "rec.threads", "1",
            "lightgcn.factors", "16", "lightgcn.batch.size", "256", "lightgcn.learn.rate", "0.01",
            "lightgcn.epochs.max", "12", "lightgcn.patience", "3");

    @Test
    void scoresOneFiniteValuePerTestCandidate() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.1), 3, with(FAST, "lightgcn.epochs.max", "1"));
        LightGCNRecommender rec = Fixtures.train(new LightGCNRecommender(), dm);
        for (int d = 0; d < dm.dataset().numDomains(); d++) {
            ScoredDomain scored = rec.testScores().domain(d);
            CandidateSet c = dm.split().domain(d).test();
            assertEquals(c.size() * c.width(), scored.scores().length);
            for (float s : scored.scores()) {
                assertTrue(Float.isFinite(s), "score " + s);
            }
        }
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
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.1), 5, with(FAST, "lightgcn.epochs.max", "3"));
        float[] a = Fixtures.train(new LightGCNRecommender(), dm).testScores().domain(1).scores();
        float[] b = Fixtures.train(new LightGCNRecommender(), dm).testScores().domain(1).scores();
        assertArrayEquals(a, b);
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> out = new HashMap<>(base);
        out.put(key, value);
        return out;
    }
}
