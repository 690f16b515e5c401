package org.uclr.testing;

import org.uclr.engine.Validation;
import java.util.List;
import net.librec.conf.Configuration;
import net.librec.recommender.RecommenderContext;
import org.uclr.data.LeaveOneOutSplitter;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.data.MultiDomainDataset;
import org.uclr.data.Split;
import org.uclr.data.SyntheticGenerator;
import org.uclr.data.SyntheticPreset;
import org.uclr.data.CandidateSet;
import org.uclr.eval.NDCGEvaluator;
import org.uclr.eval.ScoredDomain;
import org.uclr.model.MultiDomainRecommender;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small data and one-call training for tests (also used by the baselines module's tests). */
public final class Fixtures {
    private Fixtures() {
    }

    /** The shared real data folder (../shared/data from the project root), set by surefire. */
    public static Path sharedData() {
        return Path.of(System.getProperty("uclr.shared.data", "../shared/data"));
    }

    /** The project's root folder (README.md, ci/, conf/), set by surefire; the module's parent otherwise. */
    public static Path projectRoot() {
        return Path.of(System.getProperty("uclr.project.root", "..")).toAbsolutePath().normalize();
    }

    /** The small synthetic preset scaled down: scale 0.1 gives 200 users, >= 100 items per domain. */
    public static MultiDomainDataset synthetic(double scale) {
        return new SyntheticGenerator(SyntheticPreset.SMALL, scale, 7L).generate();
    }

    /** A LibRec data model over a dataset, split with 99 negatives for the given seed (not cached on disk). */
    public static MultiDomainDataModel dataModel(MultiDomainDataset data, long seed, Map<String, String> conf) {
        Split split = new LeaveOneOutSplitter(99).split(data, seed);
        return new MultiDomainDataModel(configuration(conf), data, split);
    }

    public static Configuration configuration(Map<String, String> values) {
        Configuration conf = new Configuration();
        values.forEach(conf::set);
        return conf;
    }

    /** Runs a recommender's whole lifecycle on a data model; returns it trained and scored. */
    public static <R extends MultiDomainRecommender> R train(R recommender, MultiDomainDataModel dataModel) {
        recommender.recommend(new RecommenderContext(dataModel.getConf(), dataModel));
        return recommender;
    }

    /** Macro test NDCG@10 of a trained recommender. */
    public static double testNdcg10(MultiDomainRecommender recommender) {
        NDCGEvaluator e = new NDCGEvaluator();
        e.setTopN(10);
        return recommender.evaluate(e);
    }

    /** A copy of {@code base} with the given key, value pairs set. */
    public static Map<String, String> with(Map<String, String> base, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up: " + keyValues.length + " strings");
        }
        Map<String, String> out = new HashMap<>(base);
        for (int k = 0; k < keyValues.length; k += 2) {
            out.put(keyValues[k], keyValues[k + 1]);
        }
        return out;
    }

    /** Every domain's test scores: one finite value per (user, candidate). */
    public static void assertFiniteScoreForEveryTestCandidate(MultiDomainRecommender recommender,
                                                              MultiDomainDataModel dataModel) {
        for (int d = 0; d < dataModel.dataset().numDomains(); d++) {
            ScoredDomain scored = recommender.testScores().domain(d);
            CandidateSet c = dataModel.split().domain(d).test();
            assertEquals(c.size() * c.width(), scored.scores().length, "domain " + d);
            for (float s : scored.scores()) {
                assertTrue(Float.isFinite(s), "domain " + d + " score " + s);
            }
        }
    }

    /** A validation signal for unit tests: domain k's value is {@code value.applyAsDouble(k)} at each call. */
    public static Validation validation(List<String> domains, java.util.function.IntToDoubleFunction value) {
        return new Validation() {
            @Override
            public List<String> domains() {
                return domains;
            }

            @Override
            public boolean hasUsers(int k) {
                return true;
            }

            @Override
            public double ndcg10(int k) {
                return value.applyAsDouble(k);
            }
        };
    }
}
