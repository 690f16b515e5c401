package org.uclr.baselines.lightgcn;

import org.junit.jupiter.api.Test;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.testing.Fixtures;

import java.util.Map;


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
    void trainingBeatsTheUntrainedModelAndMostPopOnDataWhereItMust() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.planted(150, 5, 30, 1), 3, FAST);
        Fixtures.assertTrainingBeatsTheUntrainedModelAndMostPop(LightGCNRecommender::new, dm, FAST,
                "lightgcn.learn.rate", "1e-8", "lightgcn.epochs.max", "1");
    }

    @Test
    void theSeedDecidesTheScores() {
        Map<String, String> conf = Fixtures.with(FAST, "lightgcn.epochs.max", "2");
        Fixtures.assertTheSeedDecidesTheScores(LightGCNRecommender::new,
                Fixtures.dataModel(Fixtures.synthetic(0.05), 5, conf), conf);
    }
}
