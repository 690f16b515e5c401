package org.uclr.model.uclr;

import org.junit.jupiter.api.Test;
import org.uclr.data.DomainSplit;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.engine.TrainingOutcome;
import org.uclr.eval.RankMetric;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.model.bprmf.BPRMFRecommender;
import org.uclr.testing.Fixtures;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What UCLR adds over per-domain BPR-MF, on data where it must show ({@link Fixtures#plantedColdDomain}:
 * each user's taste group is shared by both domains, and in domain "b" users have 1 to 4 interactions).
 * Per-domain BPR-MF cannot place a user with nothing to train on in "b"; UCLR's global embedding
 * (stage 1) learns the group from "a", and its later stages may only keep or raise validation. So UCLR
 * must beat per-domain BPR-MF on "b" and MostPop in both domains. Both models get the same BPR schedule.
 *
 * <p>The embedded synthetic default is no such data: there MostPop beats both models (seed 3, test
 * NDCG@10 books / movies / music: MostPop 0.345 / 0.354 / 0.319, UCLR 0.338 / 0.348 / 0.314, per-domain
 * BPR-MF 0.232 / 0.243 / 0.198), so "UCLR beats BPR-MF" there said little.
 */
class UclrBeatsBprmfTest {
    private static final Map<String, String> SCHEDULE = Map.ofEntries(
            Map.entry("rec.random.seed", "3"), Map.entry("rec.device", "cpu"), Map.entry("rec.threads", "1"),
            Map.entry("bprmf.factors", "32"), Map.entry("bprmf.batch.size", "256"), Map.entry("bprmf.learn.rate", "0.01"),
            Map.entry("bprmf.epochs.max", "40"), Map.entry("bprmf.patience", "5"),
            Map.entry("uclr.hidden", "32,16"), Map.entry("uclr.batch.size", "128"), Map.entry("uclr.learn.rate", "0.005"),
            Map.entry("uclr.epochs.max", "30"), Map.entry("uclr.patience", "5"), Map.entry("uclr.finetune.epochs.max", "5"));

    private static double ndcg10(MultiDomainRecommender r, int domain) {
        return r.testScores().domain(domain).rankCounts().mean(RankMetric.NDCG, 10);
    }

    @Test
    void uclrCarriesTasteIntoTheColdDomainAndBeatsPerDomainBprmfThereAndMostPopEverywhere() {
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.plantedColdDomain(300, 5, 30, 1), 3, SCHEDULE);
        BPRMFRecommender bprmf = Fixtures.train(new BPRMFRecommender(), dm);
        UCLRRecommender uclr = Fixtures.train(new UCLRRecommender(), dm);
        assertTrue(dm.dataset().synthetic(), "the toy data is labelled synthetic");
        for (int d = 0; d < 2; d++) {
            DomainSplit s = dm.split().domain(d);
            double mostPop = Fixtures.mostPopularNdcg10(s, s.test());
            assertTrue(ndcg10(uclr, d) > mostPop, "domain " + d + ": UCLR " + ndcg10(uclr, d) + ", MostPop " + mostPop);
        }
        // when written: "b" UCLR 0.277, per-domain BPR-MF 0.085, MostPop 0.152; "a" UCLR 0.322, BPR-MF 0.333, MostPop 0.130
        assertTrue(ndcg10(uclr, 1) > ndcg10(bprmf, 1) + 0.05,
                "cold domain: UCLR " + ndcg10(uclr, 1) + ", per-domain BPR-MF " + ndcg10(bprmf, 1));
        // on validation, no stage after the first lost what stage 1 found
        TrainingOutcome pge = uclr.trainingOutcomes().get(0);
        assertEquals("uclr/pge", pge.label());
        for (TrainingOutcome o : uclr.trainingOutcomes()) {
            for (int k = 0; k < o.domains().size(); k++) {
                int d = dm.dataset().domainIndex(o.domains().get(k));
                assertTrue(o.domainValidation()[k] >= pge.domainValidation()[d], o.label() + " " + o.domains().get(k));
            }
        }
    }
}
