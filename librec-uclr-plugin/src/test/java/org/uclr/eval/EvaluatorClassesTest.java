package org.uclr.eval;

import org.junit.jupiter.api.Test;
import org.uclr.job.LibRecJobTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.uclr.config.ConfigException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every evaluator name a LibRec user may write in rec.eval.classes: what it runs, or why it is refused. */
class EvaluatorClassesTest {

    /** LibRec 2.0's aliases (driver.classes.props), its ranking classes, and our own names. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ndcg, NDCGEvaluator",
            "NDCG, NDCGEvaluator",
            "net.librec.eval.ranking.NormalizedDCGEvaluator, NDCGEvaluator",
            "NormalizedDCGEvaluator, NDCGEvaluator",
            "org.uclr.eval.NDCGEvaluator, NDCGEvaluator",
            "NDCGEvaluator, NDCGEvaluator",
            "hitrate, HitRatioEvaluator",
            "hr, HitRatioEvaluator",
            "net.librec.eval.ranking.HitRateEvaluator, HitRatioEvaluator",
            "org.uclr.eval.HitRatioEvaluator, HitRatioEvaluator",
            "mrr, MRREvaluator",
            "rr, MRREvaluator",
            "net.librec.eval.ranking.ReciprocalRankEvaluator, MRREvaluator",
            "org.uclr.eval.MRREvaluator, MRREvaluator",
            "precision, PrecisionEvaluator",
            "net.librec.eval.ranking.PrecisionEvaluator, PrecisionEvaluator",
            "org.uclr.eval.PrecisionEvaluator, PrecisionEvaluator",
            "recall, RecallEvaluator",
            "net.librec.eval.ranking.RecallEvaluator, RecallEvaluator",
            "org.uclr.eval.RecallEvaluator, RecallEvaluator",
            "auc, AUCEvaluator",
            "net.librec.eval.ranking.AUCEvaluator, AUCEvaluator",
            "org.uclr.eval.AUCEvaluator, AUCEvaluator",
    })
    void aRankingMetricWithAMeaningForOneHeldOutItemRunsOnTheSampledLists(String name, String ours) {
        assertEquals(List.of("org.uclr.eval." + ours),
                EvaluatorClasses.resolve(List.of(name), "-D").stream().map(Class::getName).toList());
    }

    /** Every other evaluator of LibRec 2.0 (its alias and class name), refused with the reason. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "rmse;'rmse' (net.librec.eval.rating.RMSEEvaluator) is a rating-prediction metric: this project ranks "
                    + "implicit feedback (every interaction is a positive) and predicts no ratings",
            "net.librec.eval.rating.RMSEEvaluator;'net.librec.eval.rating.RMSEEvaluator' is a rating-prediction metric",
            "mae;'mae' (net.librec.eval.rating.MAEEvaluator) is a rating-prediction metric",
            "net.librec.eval.rating.MAEEvaluator;'net.librec.eval.rating.MAEEvaluator' is a rating-prediction metric",
            "mse;'mse' (net.librec.eval.rating.MSEEvaluator) is a rating-prediction metric",
            "mpe;'mpe' (net.librec.eval.rating.MPEEvaluator) is a rating-prediction metric",
            "RMSEEvaluator;'RMSEEvaluator' (net.librec.eval.rating.RMSEEvaluator) is a rating-prediction metric",
            "ap;'ap' (net.librec.eval.ranking.AveragePrecisionEvaluator) is exactly MRR@K when each user has one held-out item",
            "net.librec.eval.ranking.AveragePrecisionEvaluator;'net.librec.eval.ranking.AveragePrecisionEvaluator' is exactly MRR@K",
            "arhr;'arhr' (net.librec.eval.ranking.AverageReciprocalHitRankEvaluator) is exactly MRR@K",
            "idcg;'idcg' (net.librec.eval.ranking.IdealDCGEvaluator) is 1 for every user with one held-out item",
            "diversity;'diversity' (net.librec.eval.ranking.DiversityEvaluator) measures how dissimilar the recommended",
            "net.librec.eval.ranking.DiversityEvaluator;'net.librec.eval.ranking.DiversityEvaluator' measures how dissimilar",
    })
    void everyOtherLibRecMetricIsRefusedWithTheReason(String name, String why) {
        ConfigException e = assertThrows(ConfigException.class, () -> EvaluatorClasses.resolve(List.of("ndcg", name), "job.properties:9"));
        assertTrue(e.getMessage().startsWith("job.properties:9: rec.eval.classes: " + why), e.getMessage());
    }

    @Test
    void anUnknownNameOrAClassThatIsNoSampledEvaluatorIsRefused() {
        assertEquals("-D: rec.eval.classes: unknown evaluator 'ndgc'; known: ndcg, hitrate (hr), mrr (rr), precision, "
                        + "recall, auc, or their LibRec or org.uclr.eval class names",
                assertThrows(ConfigException.class, () -> EvaluatorClasses.resolve(List.of("ndgc"), "-D")).getMessage());
        assertTrue(assertThrows(ConfigException.class,
                () -> EvaluatorClasses.resolve(List.of("org.uclr.eval.NoSuch"), "-D")).getMessage()
                .startsWith("-D: rec.eval.classes: no evaluator class 'org.uclr.eval.NoSuch'"));
        assertTrue(assertThrows(ConfigException.class,
                () -> EvaluatorClasses.resolve(List.of("java.lang.String"), "-D")).getMessage()
                .startsWith("-D: rec.eval.classes: 'java.lang.String' is not an evaluator of sampled candidates"));
        assertTrue(assertThrows(ConfigException.class,
                () -> EvaluatorClasses.resolve(List.of("org.uclr.eval.SampledRankingEvaluator"), "-D")).getMessage()
                .contains("is not an evaluator of sampled candidates"), "abstract");
    }

    @Test
    void twoNamesOfOneMetricAreRefused() {
        assertEquals("default: rec.eval.classes: 'hitrate' and 'org.uclr.eval.HitRatioEvaluator' are the same metric "
                        + "(HitRatioEvaluator); name each once",
                assertThrows(ConfigException.class, () -> EvaluatorClasses.resolve(
                        List.of("hitrate", "org.uclr.eval.HitRatioEvaluator"), "default")).getMessage());
    }

    @Test
    void aProjectsOwnSampledEvaluatorSubclassIsAccepted() {
        assertEquals(List.of(LibRecJobTest.RecordingNdcg.class),
                EvaluatorClasses.resolve(List.of(LibRecJobTest.RecordingNdcg.class.getName()), "-D"));
    }

    @Test
    void theOrderOfTheNamesIsKept() {
        assertEquals(List.of(AUCEvaluator.class, RecallEvaluator.class, PrecisionEvaluator.class, MRREvaluator.class,
                        HitRatioEvaluator.class, NDCGEvaluator.class),
                EvaluatorClasses.resolve(List.of("auc", "recall", "precision", "rr", "hitrate", "ndcg"), "-D"));
    }

    /** What LibRec's own job hands to recommender.evaluate for rec.eval.classes=ndcg, with the cutoff it set. */
    @Test
    void aLibRecEvaluatorInstanceIsComputedAsOursAtItsOwnCutoff() {
        net.librec.eval.ranking.NormalizedDCGEvaluator libRec = new net.librec.eval.ranking.NormalizedDCGEvaluator();
        libRec.setTopN(7);
        SampledRankingEvaluator ours = EvaluatorClasses.forEvaluator(libRec);
        assertEquals(NDCGEvaluator.class, ours.getClass());
        assertEquals(7, ours.topN());
        net.librec.eval.ranking.ReciprocalRankEvaluator rr = new net.librec.eval.ranking.ReciprocalRankEvaluator();
        rr.setTopN(20);
        assertEquals(List.of(MRREvaluator.class, 20), List.of(EvaluatorClasses.forEvaluator(rr).getClass(),
                EvaluatorClasses.forEvaluator(rr).topN()));

        NDCGEvaluator already = new NDCGEvaluator();
        assertTrue(EvaluatorClasses.forEvaluator(already) == already, "one of ours is used as it is");

        org.uclr.UclrException e = assertThrows(org.uclr.UclrException.class,
                () -> EvaluatorClasses.forEvaluator(new net.librec.eval.rating.RMSEEvaluator()));
        assertTrue(e.getMessage().contains("is a rating-prediction metric"), e.getMessage());
        e = assertThrows(org.uclr.UclrException.class,
                () -> EvaluatorClasses.forEvaluator(new net.librec.eval.ranking.IdealDCGEvaluator()));
        assertTrue(e.getMessage().contains("is 1 for every user with one held-out item"), e.getMessage());
    }
}
