package org.uclr.model.bprmf;

import org.junit.jupiter.api.Test;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.testing.Fixtures;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BPRMFRecommenderTest {
    private static final Map<String, String> FAST = Map.of(
            "rec.random.seed", "3", "rec.device", "cpu",
            "bprmf.factors", "32", "bprmf.batch.size", "512", "bprmf.learn.rate", "0.01",
            "bprmf.epochs.max", "25", "bprmf.patience", "5");

    @Test
    void perDomainModelRanksFarAboveRandomOnSyntheticData() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.15), 3, FAST);
        double ndcg = Fixtures.testNdcg10(Fixtures.train(new BPRMFRecommender(), dm));
        // random scores give 0.0454; the synthetic data has real signal
        assertTrue(ndcg > 0.08, "test NDCG@10 " + ndcg);
    }

    @Test
    void sameSeedGivesIdenticalScores() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.1), 5, FAST);
        Map<String, String> global = new java.util.HashMap<>(FAST);
        global.put("bprmf.mode", "global");
        global.put("bprmf.epochs.max", "4");
        MultiDomainDataModel dm2 = new MultiDomainDataModel(Fixtures.configuration(global), dm.dataset(), dm.split());
        float[] a = Fixtures.train(new BPRMFRecommender(), dm2).testScores().domain(0).scores();
        float[] b = Fixtures.train(new BPRMFRecommender(), dm2).testScores().domain(0).scores();
        assertArrayEquals(a, b);
    }
}
