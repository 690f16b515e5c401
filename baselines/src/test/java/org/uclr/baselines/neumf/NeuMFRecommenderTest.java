package org.uclr.baselines.neumf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;
import org.uclr.testing.Fixtures;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NeuMFRecommenderTest {
    private static final Map<String, String> FAST = Map.of(
            "rec.random.seed", "3", "rec.device", "cpu", "rec.threads", "1",
            "neumf.factors", "16", "neumf.batch.size", "256", "neumf.learn.rate", "0.005",
            "neumf.epochs.max", "10", "neumf.patience", "3");

    @Test
    void scoresOneFiniteValuePerTestCandidate() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.1), 3, Fixtures.with(FAST, "neumf.epochs.max", "1"));
        NeuMFRecommender rec = Fixtures.train(new NeuMFRecommender(), dm);
        Fixtures.assertFiniteScoreForEveryTestCandidate(rec, dm);
    }

    @Test
    void trainingBeatsTheUntrainedModelAndMostPopOnDataWhereItMust() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.planted(150, 5, 30, 1), 3, FAST);
        Fixtures.assertTrainingBeatsTheUntrainedModelAndMostPop(NeuMFRecommender::new, dm, FAST,
                "neumf.learn.rate", "1e-8", "neumf.epochs.max", "1");
    }

    @Test
    void theSeedDecidesTheScores() {
        Map<String, String> conf = Fixtures.with(FAST, "neumf.epochs.max", "2");
        Fixtures.assertTheSeedDecidesTheScores(NeuMFRecommender::new,
                Fixtures.dataModel(Fixtures.synthetic(0.05), 5, conf), conf);
    }

    @Test
    void binaryCrossEntropyOnLogitsMatchesHandComputedValue() {
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1); NDManager m = engine.newStep()) {
            NDArray logits = m.create(new float[]{0f, 2f, -1f});
            NDArray labels = m.create(new float[]{1f, 0f, 1f});
            // -log sigmoid(0) = ln 2, -log(1 - sigmoid(2)) = ln(1 + e^2), -log sigmoid(-1) = ln(1 + e)
            double expected = (Math.log(2) + Math.log(1 + Math.exp(2)) + Math.log(1 + Math.E)) / 3;
            // float32 arithmetic on values near 1: a few ulps
            assertEquals(expected, NeuMF.binaryCrossEntropy(logits, labels).getFloat(), 1e-6);
        }
    }
}
