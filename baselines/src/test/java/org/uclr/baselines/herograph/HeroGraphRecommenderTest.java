package org.uclr.baselines.herograph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.baselines.crossdomain.PlantedLearning;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.testing.AllItemScores;
import org.uclr.testing.Fixtures;
import org.uclr.testing.TinyJobs;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeroGraphRecommenderTest {
    private static final Map<String, String> FAST = Map.of(
            "rec.random.seed", "3", "rec.device", "cpu", "rec.threads", "1",
            "herograph.factors", "16", "herograph.batch.size", "256", "herograph.learn.rate", "0.01",
            "herograph.epochs.max", "15", "herograph.patience", "3");

    @TempDir
    Path dir;

    @Test
    void scoresOneFiniteValuePerTestCandidateAndRecordsOneJointStage() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.1), 3, Fixtures.with(FAST, "herograph.epochs.max", "1"));
        HeroGraphRecommender rec = Fixtures.train(new HeroGraphRecommender(), dm);
        Fixtures.assertFiniteScoreForEveryTestCandidate(rec, dm);
        assertEquals(1, rec.trainingOutcomes().size());
        assertEquals("herograph", rec.trainingOutcomes().get(0).label());
        assertEquals(dm.dataset().numDomains(), rec.trainingOutcomes().get(0).domains().size());
    }

    @Test
    void learnsPlantedClustersFarAbovePopularityInEveryDomain() {
        MultiDomainDataModel dm = PlantedLearning.data(FAST);
        PlantedLearning.assertEveryDomainBeatsPopularity(Fixtures.train(new HeroGraphRecommender(), dm), dm,
                "herograph", 0.2);
    }

    @Test
    void theSeedDecidesTheScores() {
        Map<String, String> conf = Fixtures.with(FAST, "herograph.epochs.max", "2");
        Fixtures.assertTheSeedDecidesTheScores(HeroGraphRecommender::new,
                Fixtures.dataModel(Fixtures.synthetic(0.05), 5, conf), conf);
    }

    /** The full-ranking fast path ([e_u; z_u] times every [e_i; z_i]) scores as scoreBatch does. */
    @Test
    void allItemScoresEqualTheCandidatePath() {
        AllItemScores check = new AllItemScores();
        Fixtures.train(new HeroGraphRecommender() {
            @Override
            protected NDArray scoreAllItems(NDManager step, int domain, NDArray users) {
                NDArray fast = super.scoreAllItems(step, domain, users);
                check.compare(fast, scoreEveryItemAsCandidate(step, domain, users));
                return fast;
            }
        }, Fixtures.dataModel(Fixtures.synthetic(0.05), 1, Fixtures.with(FAST, "herograph.epochs.max", "3")));
        check.assertAgreed(3);
    }

    @Test
    void savedModelEvaluatesExactlyAsTrained() {
        TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir, "rec.recommender.class=herograph", "herograph.factors=16",
                "herograph.batch.size=256", "herograph.learn.rate=0.01", "herograph.epochs.max=3");
    }
}
