package org.uclr.baselines.librec;

import net.librec.util.DriverClassUtil;
import org.junit.jupiter.api.Test;
import org.uclr.baselines.catart.CatArtRecommender;
import org.uclr.baselines.lightgcn.LightGCNRecommender;
import org.uclr.baselines.mostpop.MostPopRecommender;
import org.uclr.baselines.neumf.NeuMFRecommender;
import org.uclr.eval.HitRatioEvaluator;
import org.uclr.eval.MRREvaluator;
import org.uclr.job.RecommenderClasses;
import org.uclr.librec.DriverAliases;
import org.uclr.model.bprmf.BPRMFRecommender;
import org.uclr.model.uclr.UCLRRecommender;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The short names work in LibRec's own driver and in bin/librec alike, and LibRec's own names keep their meaning. */
class DriverAliasesTest {
    private static final Map<String, Class<?>> RECOMMENDERS = new LinkedHashMap<>();

    static {
        RECOMMENDERS.put("bprmf", BPRMFRecommender.class);
        RECOMMENDERS.put("uclr", UCLRRecommender.class);
        RECOMMENDERS.put("neumf", NeuMFRecommender.class);
        RECOMMENDERS.put("lightgcn", LightGCNRecommender.class);
        RECOMMENDERS.put("catart", CatArtRecommender.class);
        RECOMMENDERS.put("mostpop", MostPopRecommender.class);
        RECOMMENDERS.put("herograph", org.uclr.baselines.herograph.HeroGraphRecommender.class);
        RECOMMENDERS.put("gamtcdr", org.uclr.baselines.gamtcdr.GaMtcdrRecommender.class);
    }

    @Test
    void everyRegisteredRecommenderHasItsRunNameAsAliasInBothDrivers() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        RECOMMENDERS.forEach((alias, c) -> expected.put(alias, c.getName()));
        assertEquals(expected, DriverAliases.recommenders(), "both jars' service files, plugin first");

        DriverAliases.registerWithLibRec();
        DriverAliases.registerWithLibRec(); // a second job in the same JVM
        for (Map.Entry<String, Class<?>> e : RECOMMENDERS.entrySet()) {
            assertEquals(e.getValue(), DriverClassUtil.getClass(e.getKey()), "LibRec's driver: " + e.getKey());
            assertEquals(e.getValue(), RecommenderClasses.resolve(e.getKey()), "bin/librec: " + e.getKey());
            // LibRec names its result file after the alias; our run directories use the same name
            assertEquals(e.getKey(), DriverClassUtil.getDriverName(e.getValue().getName()));
        }
        assertEquals(MRREvaluator.class, DriverClassUtil.getClass("mrr"));
        assertEquals(HitRatioEvaluator.class, DriverClassUtil.getClass("hr"));
    }

    @Test
    void libRecsOwnAliasesAreNotReplaced() throws Exception {
        DriverAliases.registerWithLibRec();
        assertEquals("net.librec.recommender.cf.ranking.BPRRecommender", DriverClassUtil.getClass("bpr").getName());
        assertEquals("net.librec.eval.ranking.NormalizedDCGEvaluator", DriverClassUtil.getClass("ndcg").getName());
        assertEquals("net.librec.recommender.baseline.MostPopularRecommender", DriverClassUtil.getClass("mostpopular").getName());
        assertEquals("net.librec.data.splitter.GivenTestSetDataSplitter", DriverClassUtil.getClass("testset").getName());

        // a recommender whose name happens to be one of LibRec's aliases keeps its full class name
        DriverAliases.registerWithLibRec(Map.of("bpr", NeuMFRecommender.class.getName(), "rr", MRREvaluator.class.getName()));
        assertEquals("net.librec.recommender.cf.ranking.BPRRecommender", DriverClassUtil.getClass("bpr").getName());
        assertEquals("net.librec.eval.ranking.ReciprocalRankEvaluator", DriverClassUtil.getClass("rr").getName());
        assertEquals("neumf", DriverClassUtil.getDriverName(NeuMFRecommender.class.getName()), "its own alias stays");
    }
}
