package org.uclr.model.bprmf;

import org.junit.jupiter.api.Test;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.testing.Fixtures;

import java.util.Map;

class BPRMFRecommenderTest {
    private static final Map<String, String> FAST = Map.of(
            "rec.random.seed", "3", "rec.device", "cpu", "rec.threads", "1",
            "bprmf.factors", "32", "bprmf.batch.size", "512", "bprmf.learn.rate", "0.01",
            "bprmf.epochs.max", "25", "bprmf.patience", "5");

    @Test
    void perDomainModelBeatsTheUntrainedModelAndMostPopOnDataWhereItMust() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.planted(150, 5, 30, 1), 3, FAST);
        Fixtures.assertTrainingBeatsTheUntrainedModelAndMostPop(BPRMFRecommender::new, dm, FAST,
                "bprmf.learn.rate", "1e-8", "bprmf.epochs.max", "1");
    }

    @Test
    void globalModelBeatsTheUntrainedModelAndMostPopOnDataWhereItMust() {
        Map<String, String> global = Fixtures.with(FAST, "bprmf.mode", "global");
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.planted(150, 5, 30, 1), 3, global);
        Fixtures.assertTrainingBeatsTheUntrainedModelAndMostPop(BPRMFRecommender::new, dm, global,
                "bprmf.learn.rate", "1e-8", "bprmf.epochs.max", "1");
    }

    @Test
    void theSeedDecidesTheScoresInBothModes() {
        for (String mode : new String[]{"per-domain", "global"}) {
            Map<String, String> conf = Fixtures.with(FAST, "bprmf.mode", mode, "bprmf.epochs.max", "4");
            Fixtures.assertTheSeedDecidesTheScores(BPRMFRecommender::new,
                    Fixtures.dataModel(Fixtures.synthetic(0.05), 5, conf), conf);
        }
    }
}
