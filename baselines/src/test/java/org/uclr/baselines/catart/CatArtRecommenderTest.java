package org.uclr.baselines.catart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.job.TrainingLog;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;
import org.uclr.model.bprmf.BPRMFRecommender;
import org.uclr.testing.Fixtures;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CatArtRecommenderTest {
    private static final Map<String, String> FAST = Map.ofEntries(
            Map.entry("rec.random.seed", "3"), Map.entry("rec.device", "cpu"), Map.entry("rec.threads", "1"),
            Map.entry("catart.factors", "16"), Map.entry("catart.batch.size", "256"),
            Map.entry("catart.learn.rate", "0.01"), Map.entry("catart.epochs.max", "15"),
            Map.entry("catart.patience", "3"), Map.entry("catart.cat.batch.size", "64"),
            Map.entry("catart.cat.epochs.max", "8"), Map.entry("catart.art.epochs.max", "4"));

    @Test
    void scoresOneFiniteValuePerTestCandidate() {
        Map<String, String> conf = new HashMap<>(FAST);
        conf.put("catart.epochs.max", "1");
        conf.put("catart.cat.epochs.max", "1");
        conf.put("catart.art.epochs.max", "1");
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.1), 3, conf);
        CatArtRecommender rec = Fixtures.train(new CatArtRecommender(), dm);
        Fixtures.assertFiniteScoreForEveryTestCandidate(rec, dm);
        assertTrue(TrainingLog.tsv(rec.trainingOutcomes()).contains("catart/cat\t"));
    }

    @Test
    void ranksFarAboveRandomOnSyntheticData() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.15), 3, FAST);
        double ndcg = Fixtures.testNdcg10(Fixtures.train(new CatArtRecommender(), dm));
        // random scores give 0.0454 (1 positive among 100 candidates)
        assertTrue(ndcg > 0.10, "test NDCG@10 " + ndcg);
    }

    @Test
    void sameSeedGivesIdenticalScores() {
        Map<String, String> conf = new HashMap<>(FAST);
        conf.put("catart.epochs.max", "3");
        conf.put("catart.cat.epochs.max", "3");
        conf.put("catart.art.epochs.max", "2");
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.1), 5, conf);
        float[] a = Fixtures.train(new CatArtRecommender(), dm).testScores().domain(2).scores();
        float[] b = Fixtures.train(new CatArtRecommender(), dm).testScores().domain(2).scores();
        assertArrayEquals(a, b);
    }

    @Test
    void stageOneIsExactlyThePerDomainBprmfBaseline() {
        // with equal hyperparameters and one ART epoch that cannot win (learning rate ~0), CAT-ART's
        // scores are stage 1's, which must be BPRMFRecommender's to the bit
        Map<String, String> conf = new HashMap<>(FAST);
        conf.put("catart.epochs.max", "4");
        conf.put("catart.cat.epochs.max", "1");
        conf.put("catart.art.epochs.max", "1");
        conf.put("catart.art.learn.rate", "1e-8");
        conf.put("catart.art.tune.embeddings", "false");
        conf.put("bprmf.factors", "16");
        conf.put("bprmf.batch.size", "256");
        conf.put("bprmf.learn.rate", "0.01");
        conf.put("bprmf.epochs.max", "4");
        conf.put("bprmf.patience", "3");
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.1), 5, conf);
        float[] bprmf = Fixtures.train(new BPRMFRecommender(), dm).testScores().domain(1).scores();
        float[] catart = Fixtures.train(new CatArtRecommender(), dm).testScores().domain(1).scores();
        assertArrayEquals(bprmf, catart);
    }

    @Test
    void everyArtInputAblationTrainsAndOnlyTheCatOnesTrainCat() {
        for (ArtInputs inputs : ArtInputs.values()) {
            Map<String, String> conf = new HashMap<>(FAST);
            conf.put("catart.epochs.max", "1");
            conf.put("catart.cat.epochs.max", "1");
            conf.put("catart.art.epochs.max", "1");
            conf.put("catart.art.inputs", inputs.name());
            MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.05), 3, conf);
            CatArtRecommender rec = Fixtures.train(new CatArtRecommender(), dm);
            String summary = TrainingLog.tsv(rec.trainingOutcomes());
            assertEquals(inputs.cat(), summary.contains("catart/cat\t"), inputs + ":\n" + summary);
            assertTrue(summary.contains("catart/art/music\t"), inputs + ":\n" + summary);
        }
    }

    @Test
    void attentiveTransferStartsAsTheTargetDomainsMatrixFactorization() {
        int users = 5;
        int m = 4;
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1); NDManager step = engine.newStep()) {
            NDArray targetUsers = engine.gaussian(users, m, 1, engine.random("t/u"));
            NDArray targetItems = engine.gaussian(6, m, 1, engine.random("t/i"));
            NDArray source1 = engine.gaussian(users, m, 1, engine.random("s1"));
            NDArray source2 = engine.gaussian(users, m, 1, engine.random("s2"));
            NDArray codes = engine.gaussian(users, m, 1, engine.random("c"));
            AttentiveTransfer art = new AttentiveTransfer(engine, targetUsers, targetItems, List.of(source1, source2),
                    codes, 0, true, "art");
            NDArray u = step.create(new long[]{0, 3, 4});
            NDArray it = step.create(new long[]{0, 1, 5, 2, 2, 3}, new Shape(3, 2));
            float[] got = art.score(u, it).toFloatArray();
            float[] tu = targetUsers.toFloatArray();
            float[] ti = targetItems.toFloatArray();
            long[] uu = {0, 3, 4};
            long[] ii = {0, 1, 5, 2, 2, 3};
            for (int r = 0; r < 3; r++) {
                for (int k = 0; k < 2; k++) {
                    double dot = 0;
                    for (int c = 0; c < m; c++) {
                        dot += tu[(int) uu[r] * m + c] * ti[(int) ii[r * 2 + k] * m + c];
                    }
                    assertEquals(dot, got[r * 2 + k], 1e-5);
                }
            }
        }
    }
}
