package org.uclr.baselines.gamtcdr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.baselines.crossdomain.PlantedLearning;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.engine.TrainingOutcome;
import org.uclr.testing.AllItemScores;
import org.uclr.testing.Fixtures;
import org.uclr.testing.TinyJobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GaMtcdrRecommenderTest {
    private static final Map<String, String> FAST = Map.ofEntries(
            entry("rec.random.seed", "3"), entry("rec.device", "cpu"), entry("rec.threads", "1"),
            entry("gamtcdr.factors", "16"), entry("gamtcdr.tower", "32,16"), entry("gamtcdr.batch.size", "512"),
            entry("gamtcdr.learn.rate", "0.003"), entry("gamtcdr.epochs.max", "15"), entry("gamtcdr.patience", "3"),
            entry("gamtcdr.node2vec.batch.size", "1024"));

    @TempDir
    Path dir;

    @Test
    void scoresOneFiniteValuePerTestCandidateAfterANode2vecStagePerDomainAndTheJointModel() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.1), 3, Fixtures.with(FAST,
                "gamtcdr.epochs.max", "1", "gamtcdr.node2vec.walks", "2"));
        GaMtcdrRecommender rec = Fixtures.train(new GaMtcdrRecommender(), dm);
        Fixtures.assertFiniteScoreForEveryTestCandidate(rec, dm);
        List<String> labels = rec.trainingOutcomes().stream().map(TrainingOutcome::label).toList();
        assertEquals(List.of("gamtcdr/node2vec/books", "gamtcdr/node2vec/movies", "gamtcdr/node2vec/music",
                "gamtcdr"), labels);
        for (TrainingOutcome node2vec : rec.trainingOutcomes().subList(0, 3)) {
            // the random start is never kept, whatever the dot-product validation says (it preferred it on Douban Books)
            assertEquals(org.uclr.engine.StopReason.FIXED, node2vec.stoppedBy(), node2vec.label());
            assertEquals(node2vec.epochs(), node2vec.bestEpoch(), node2vec.label());
        }
    }

    @Test
    void learnsPlantedClustersFarAbovePopularityInEveryDomain() {
        MultiDomainDataModel dm = PlantedLearning.data(FAST);
        GaMtcdrRecommender rec = Fixtures.train(new GaMtcdrRecommender(), dm);
        PlantedLearning.assertEveryDomainBeatsPopularity(rec, dm, "gamtcdr", 0.2);
        // node2vec alone already places users near their cluster's items (its own validation signal)
        PlantedLearning.assertEveryDomainBeatsPopularity(rec, dm, "gamtcdr/node2vec/domain0", 0.1);
        PlantedLearning.assertEveryDomainBeatsPopularity(rec, dm, "gamtcdr/node2vec/domain1", 0.1);
    }

    @Test
    void theSeedDecidesTheScores() {
        Map<String, String> conf = Fixtures.with(FAST, "gamtcdr.epochs.max", "2", "gamtcdr.node2vec.walks", "2");
        Fixtures.assertTheSeedDecidesTheScores(GaMtcdrRecommender::new,
                Fixtures.dataModel(Fixtures.synthetic(0.05), 5, conf), conf);
    }

    /** The full-ranking fast path (unit tower outputs times every item's) scores as scoreBatch does. */
    @Test
    void allItemScoresEqualTheCandidatePath() {
        AllItemScores check = new AllItemScores();
        Fixtures.train(new GaMtcdrRecommender() {
            @Override
            protected NDArray scoreAllItems(NDManager step, int domain, NDArray users) {
                NDArray fast = super.scoreAllItems(step, domain, users);
                check.compare(fast, scoreEveryItemAsCandidate(step, domain, users));
                return fast;
            }
        }, Fixtures.dataModel(Fixtures.synthetic(0.05), 1, Fixtures.with(FAST, "gamtcdr.epochs.max", "2",
                "gamtcdr.node2vec.walks", "2")));
        check.assertAgreed(3);
    }

    @Test
    void savedModelEvaluatesExactlyAsTrained() {
        TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir, "rec.recommender.class=gamtcdr", "gamtcdr.factors=16",
                "gamtcdr.tower=32,16", "gamtcdr.batch.size=512", "gamtcdr.learn.rate=0.003", "gamtcdr.epochs.max=2",
                "gamtcdr.node2vec.walks=2", "gamtcdr.node2vec.batch.size=1024");
    }
}
