package org.uclr.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.job.RecJob;
import org.uclr.testing.TinyJobs;
import org.uclr.baselines.mostpop.MostPopRecommender;
import org.uclr.data.DomainSplit;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.data.UserItemMatrix;
import org.uclr.eval.RankMetric;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.model.PopularityPrior;
import org.uclr.model.bprmf.BPRMFRecommender;
import org.uclr.testing.Fixtures;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rec.score.popularity.grid}: the popularity prior every model can take after training. */
class PopularityPriorTest {
    private static final Map<String, String> FAST = Map.of("rec.random.seed", "2", "rec.device", "cpu",
            "rec.threads", "1", "bprmf.factors", "16", "bprmf.batch.size", "256", "bprmf.learn.rate", "0.01",
            "bprmf.epochs.max", "3", "bprmf.patience", "3");

    private static MultiDomainDataModel planted(Map<String, String> conf) {
        return Fixtures.dataModel(Fixtures.planted(200, 4, 40, 5L), 2, conf);
    }

    @Test
    void zIsLogOnePlusCountOverItsPopulationStandardDeviation() {
        // items 0..3 with 3, 1, 0, 0 interactions: log1p = ln 4, ln 2, 0, 0
        UserItemMatrix train = UserItemMatrix.fromRows(4, new int[][]{{0, 1}, {0}, {0}});
        double[] log = {Math.log(4), Math.log(2), 0, 0};
        double mean = (log[0] + log[1]) / 4;
        double sd = Math.sqrt(java.util.Arrays.stream(log).map(x -> (x - mean) * (x - mean)).sum() / 4);
        float[] z = PopularityPrior.of(List.of(train)).z(0);
        for (int i = 0; i < 4; i++) {
            assertEquals(log[i] / sd, z[i], 1e-6, "item " + i);
        }
        // no spread, no prior
        assertArrayEquals(new float[]{0, 0}, PopularityPrior.of(List.of(UserItemMatrix.fromRows(2, new int[][]{{0, 1}}))).z(0));
    }

    @Test
    void aConstantModelWithThePriorRanksExactlyAsMostPopUnderBothProtocols() {
        // every score 0: without the prior each list is a tie; with it, the order is popularity's, ties and all
        Map<String, String> conf = Fixtures.with(FAST, "rec.score.popularity.grid", "0,1");
        MultiDomainDataModel dm = planted(conf);
        MultiDomainRecommender constant = Fixtures.train(new Constant(), dm);
        MostPopRecommender mostPop = Fixtures.train(new MostPopRecommender(), planted(FAST));
        for (int d = 0; d < 2; d++) {
            assertEquals(mostPop.testScores().domain(d).rankCounts().mean(RankMetric.NDCG, 10),
                    constant.testScores().domain(d).rankCounts().mean(RankMetric.NDCG, 10), 1e-12, "sampled, domain " + d);
            assertEquals(mostPop.fullRanking().get(d).ranked().counts().mean(RankMetric.NDCG, 10),
                    constant.fullRanking().get(d).ranked().counts().mean(RankMetric.NDCG, 10), 1e-12, "full ranking, domain " + d);
        }
        assertEquals(Fixtures.mostPopularNdcg10(dm, DomainSplit::test), Fixtures.testNdcg10(constant), 1e-12);
        String tsv = constant.extraOutputs().get("popularity.tsv");
        assertTrue(tsv.contains("\na\t1.0\t") && tsv.contains("\nb\t1.0\t"), tsv);
        // 1 is the top of the grid "0,1": flagged, since a larger value might have done better
        for (String domain : List.of("a", "b")) {
            assertEquals(1.0, constant.popularityChoices().get(domain).gridValue(), domain);
            assertTrue(constant.popularityChoices().get(domain).atGridTop(), domain);
        }
    }

    @Test
    void theChosenWeightNeverLowersValidationAndAddsBetaTimesZToEveryScore() {
        MultiDomainDataModel plain = planted(FAST);
        BPRMFRecommender without = Fixtures.train(new BPRMFRecommender(), plain);
        BPRMFRecommender with = Fixtures.train(new BPRMFRecommender(),
                planted(Fixtures.with(FAST, "rec.score.popularity.grid", "0,0.25,0.5,1,2,4")));
        String tsv = with.extraOutputs().get("popularity.tsv");
        String[] lines = tsv.strip().split("\n");
        assertEquals(3, lines.length, tsv);
        PopularityPrior prior = PopularityPrior.of(List.of(plain.split().domain(0).train(), plain.split().domain(1).train()));
        // briefly trained, BPR-MF gains from popularity here, so the check below is not that of a zero weight
        assertTrue(Double.parseDouble(lines[1].split("\t")[3]) > 0 || Double.parseDouble(lines[2].split("\t")[3]) > 0, tsv);
        for (int d = 0; d < 2; d++) {
            String[] f = lines[d + 1].split("\t");
            double weight = Double.parseDouble(f[3]);
            double chosen = Double.parseDouble(f[4]);
            double none = Double.parseDouble(f[5]);
            assertTrue(chosen >= none, "domain " + d + ": " + chosen + " < " + none);
            assertEquals(without.validationScores().domain(d).rankCounts().mean(RankMetric.NDCG, 10), none, 1e-6);
            assertEquals(chosen, with.validationScores().domain(d).rankCounts().mean(RankMetric.NDCG, 10), 1e-6);
            // same seed, same model: the test scores differ by exactly beta z[item]
            float[] z = prior.z(d);
            int[] items = plain.split().domain(d).test().candidates();
            float[] base = without.testScores().domain(d).scores();
            float[] got = with.testScores().domain(d).scores();
            for (int k = 0; k < got.length; k++) {
                assertEquals(base[k] + weight * z[items[k]], got[k], 1e-5 * (1 + Math.abs(got[k])), "candidate " + k);
            }
        }
    }

    @Test
    void aModelSavedWithoutThePriorLoadsWithItExactlyAsIfTrainedWithIt(@TempDir Path dir) {
        // the prior is chosen after training or loading, so a saved baseline can be given it without retraining
        String[] model = {"rec.recommender.class=bprmf", "bprmf.factors=16", "bprmf.batch.size=256",
                "bprmf.learn.rate=0.01", "bprmf.epochs.max=3", "rec.eval.protocol=both"};
        String grid = "rec.score.popularity.grid=0,0.5,1,2";
        new RecJob(TinyJobs.source(dir, "saved", concat(model, "rec.model.save=true"))).run();
        new RecJob(TinyJobs.source(dir, "trained-with", concat(model, grid))).run();
        new RecJob(TinyJobs.source(dir, "loaded-with", concat(model, grid, "rec.model.load=" + dir.resolve("saved")))).run();
        JsonObject trained = TinyJobs.results(dir.resolve("trained-with"));
        JsonObject loaded = TinyJobs.results(dir.resolve("loaded-with"));
        assertEquals(trained.get("domains"), loaded.get("domains"), "sampled protocol");
        assertEquals(trained.get("full_ranking"), loaded.get("full_ranking"), "full-ranking protocol");
        assertNotEquals(TinyJobs.results(dir.resolve("saved")).get("domains"), loaded.get("domains"),
                "the prior changed nothing, so this test would show nothing");
        // results.json says which weight each domain took, the same after loading; a run without a grid says nothing
        assertEquals(trained.get("popularity"), loaded.get("popularity"));
        assertFalse(TinyJobs.results(dir.resolve("saved")).has("popularity"));
        JsonObject chosen = trained.getAsJsonObject("popularity");
        assertEquals(trained.getAsJsonArray("domains").size(), chosen.size(), chosen.toString());
        for (String domain : chosen.keySet()) {
            JsonObject c = chosen.getAsJsonObject(domain);
            assertEquals(c.get("grid_value").getAsDouble() * c.get("score_sd").getAsDouble(), c.get("weight").getAsDouble(),
                    1e-9, domain);
            assertTrue(c.get("validation_ndcg10").getAsDouble() >= c.get("validation_ndcg10_without").getAsDouble(), domain);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Every candidate scores 0: no information but what the prior adds. */
    private static final class Constant extends MultiDomainRecommender {
        @Override
        protected void trainModel() {
        }

        @Override
        protected NDArray scoreBatch(NDManager step, int domain, NDArray users, NDArray items) {
            return step.zeros(items.getShape(), DataType.FLOAT32);
        }
    }
}
