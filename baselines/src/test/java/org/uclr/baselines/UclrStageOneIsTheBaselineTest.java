package org.uclr.baselines;

import org.junit.jupiter.api.Test;
import org.uclr.baselines.lightgcn.LightGCNRecommender;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.data.MultiDomainDataset;
import org.uclr.eval.RankMetric;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.model.bprmf.BPRMFRecommender;
import org.uclr.model.uclr.UCLRRecommender;
import org.uclr.testing.Fixtures;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 (paper appendix A.4): UCLR's stage 1 on each backbone is the corresponding baseline's training, not a
 * second implementation of it. On one domain, with equal keys and the baseline's random streams given UCLR's
 * stage-1 name ({@code uclr/pge}; the only thing that differs between the two by design), the stage-1 model
 * ({@code uclr.variant=pge}) must score every test and validation candidate exactly, to the bit, as the baseline.
 * Each comparison also checks that the stream name matters (other names, other scores), so the equality is not
 * that of two untrained or degenerate models.
 */
class UclrStageOneIsTheBaselineTest {
    private static final String STAGE_ONE = "uclr/pge";

    private static final Map<String, String> FAST = Map.of("rec.random.seed", "3", "rec.device", "cpu",
            "rec.threads", "1", "uclr.variant", "pge");

    /** One planted domain (200 users, 4 taste groups, 160 items): a model must personalize to rank it well. */
    private static MultiDomainDataModel oneDomain(Map<String, String> conf) {
        MultiDomainDataset planted = Fixtures.planted(200, 4, 40, 11L);
        MultiDomainDataset one = new MultiDomainDataset("planted-one-domain", true, planted.userIds(),
                List.of(planted.domain(0)));
        return Fixtures.dataModel(one, 3, conf);
    }

    @Test
    void bprmfStageOneIsTheGlobalBprmfBaseline() {
        assertStageOneIsTheBaseline(Fixtures.with(FAST, "uclr.backbone", "bprmf", "bprmf.mode", "global",
                "bprmf.factors", "16", "bprmf.batch.size", "256", "bprmf.learn.rate", "0.01", "bprmf.epochs.max", "6",
                "bprmf.patience", "3"), BprmfNamed::new, BPRMFRecommender::new);
    }

    @Test
    void bprmfStageOneWithUserOffsetsIsTheGlobalBprmfBaselineWithOffsets() {
        assertStageOneIsTheBaseline(Fixtures.with(FAST, "uclr.backbone", "bprmf", "bprmf.mode", "global",
                "bprmf.user.offsets", "true", "bprmf.factors", "16", "bprmf.batch.size", "256",
                "bprmf.learn.rate", "0.01", "bprmf.epochs.max", "6", "bprmf.patience", "3"),
                BprmfNamed::new, BPRMFRecommender::new);
    }

    @Test
    void lightgcnStageOneIsTheLightGcnBaseline() {
        assertStageOneIsTheBaseline(Fixtures.with(FAST, "uclr.backbone", "lightgcn", "lightgcn.factors", "16",
                "lightgcn.batch.size", "256", "lightgcn.learn.rate", "0.01", "lightgcn.epochs.max", "4",
                "lightgcn.patience", "3"), LightGcnNamed::new, LightGCNRecommender::new);
    }

    @Test
    void withTheDomainCandidateEachDomainKeepsTheBetterOfTheJointLightGcnAndThePerDomainBaseline() {
        assertEachDomainKeepsTheBetterStageOne(Fixtures.with(FAST, "uclr.backbone", "lightgcn", "lightgcn.factors", "16",
                "lightgcn.batch.size", "256", "lightgcn.learn.rate", "0.01", "lightgcn.epochs.max", "4",
                "lightgcn.patience", "3"), LightGCNRecommender::new);
    }

    @Test
    void withTheDomainCandidateEachDomainKeepsTheBetterOfTheGlobalAndThePerDomainBprmf() {
        assertEachDomainKeepsTheBetterStageOne(Fixtures.with(FAST, "uclr.backbone", "bprmf", "bprmf.mode", "per-domain",
                "bprmf.factors", "16", "bprmf.batch.size", "256",
                "bprmf.learn.rate", "0.05", "bprmf.epochs.max", "30", "bprmf.patience", "3"), BPRMFRecommender::new);
    }

    /**
     * {@code uclr.domain.model=stage1}: on {@link #tasteSharedInTwoDomainsOnly}, UCLR's stage 1 must score
     * each domain exactly as the run that scores it better on validation does, the joint stage 1 (UCLR without the
     * candidate) or the per-domain baseline under its own name, and say which in scoresFrom; the data has domains
     * of both kinds, so both branches of the choice are exercised.
     */
    private static void assertEachDomainKeepsTheBetterStageOne(Map<String, String> conf,
                                                             java.util.function.Supplier<MultiDomainRecommender> baseline) {
        MultiDomainDataset planted = tasteSharedInTwoDomainsOnly();
        MultiDomainDataModel data = Fixtures.dataModel(planted, 3, conf);
        UCLRRecommender joint = Fixtures.train(new UCLRRecommender(), data);
        MultiDomainRecommender perDomain = Fixtures.train(baseline.get(), data);
        UCLRRecommender chosen = Fixtures.train(new UCLRRecommender(),
                Fixtures.reconfigured(data, Fixtures.with(conf, "uclr.domain.model", "stage1")));

        int own = 0;
        for (int d = 0; d < planted.numDomains(); d++) {
            String name = planted.domain(d).name();
            double jointValidation = joint.validationScores().domain(d).rankCounts().mean(RankMetric.NDCG, 10);
            double ownValidation = perDomain.validationScores().domain(d).rankCounts().mean(RankMetric.NDCG, 10);
            boolean ownWins = ownValidation > jointValidation;
            MultiDomainRecommender source = ownWins ? perDomain : joint;
            assertEquals(ownWins ? "pge-domain" : "pge", chosen.scoresFrom().get(name),
                    name + ": joint " + jointValidation + ", per-domain " + ownValidation);
            assertArrayEquals(source.validationScores().domain(d).scores(), chosen.validationScores().domain(d).scores(), name);
            assertArrayEquals(source.testScores().domain(d).scores(), chosen.testScores().domain(d).scores(), name);
            own += ownWins ? 1 : 0;
        }
        assertTrue(own > 0 && own < planted.numDomains(), "domains that keep their own stage 1: " + own);
    }

    /**
     * {@code uclr.domain.model=route} on {@link #tasteSharedInTwoDomainsOnly} with the LightGCN backbone, with the
     * default grid (t chosen on validation) and with t fixed at 5 (which splits every domain's users): in every
     * domain each validation and test user's candidates are scored exactly (to the bit) as the per-domain baseline
     * scores them when the user has more than t training interactions there, else exactly as UCLR without routing
     * does, and under full ranking each test user's positive ranks exactly as in that model's run. The chosen t is
     * never worse on validation than UCLR alone, and some domain routes.
     */
    @Test
    void routingByActivityScoresEachUserWithExactlyOneOfTheTwoModels() {
        Map<String, String> conf = Fixtures.with(FAST, "uclr.backbone", "lightgcn", "lightgcn.factors", "16",
                "lightgcn.batch.size", "256", "lightgcn.learn.rate", "0.01", "lightgcn.epochs.max", "4",
                "lightgcn.patience", "3");
        MultiDomainDataset planted = tasteSharedInTwoDomainsOnly();
        MultiDomainDataModel data = Fixtures.dataModel(planted, 3, conf);
        UCLRRecommender alone = Fixtures.train(new UCLRRecommender(), data);
        MultiDomainRecommender perDomain = Fixtures.train(new LightGCNRecommender(), data);

        UCLRRecommender chosen = Fixtures.train(new UCLRRecommender(),
                Fixtures.reconfigured(data, Fixtures.with(conf, "uclr.domain.model", "route")));
        String[] rows = chosen.extraOutputs().get("routing.tsv").split("\n");
        assertEquals("domain\tthreshold\tval_ndcg10_uclr\tval_ndcg10_own\tval_ndcg10_routed\tvalidation_users"
                + "\trouted_validation_users", rows[0]);
        int routedDomains = 0;
        for (int d = 0; d < planted.numDomains(); d++) {
            String[] row = rows[d + 1].split("\t");
            assertEquals(planted.domain(d).name(), row[0]);
            double t = Double.parseDouble(row[1]);
            assertEachUserScoredByOneModel(data, d, t, chosen, alone, perDomain);
            double before = alone.validationScores().domain(d).rankCounts().mean(RankMetric.NDCG, 10);
            double after = chosen.validationScores().domain(d).rankCounts().mean(RankMetric.NDCG, 10);
            assertTrue(after >= before, planted.domain(d).name() + ": " + before + " -> " + after);
            assertEquals(after, Double.parseDouble(row[4]), 1e-6, "routing.tsv's routed validation");
            routedDomains += Double.isInfinite(t) ? 0 : 1;
        }
        assertTrue(routedDomains > 0, String.join("\n", rows));

        UCLRRecommender fixed = Fixtures.train(new UCLRRecommender(),
                Fixtures.reconfigured(data, Fixtures.with(conf, "uclr.domain.model", "route", "uclr.route.grid", "5")));
        for (int d = 0; d < planted.numDomains(); d++) {
            int toOwn = assertEachUserScoredByOneModel(data, d, 5, fixed, alone, perDomain);
            int users = fixed.fullRanking().get(d).ranked().size();
            assertTrue(toOwn > 0 && toOwn < users, planted.domain(d).name() + ": " + toOwn + " of " + users
                    + " test users to the domain's model");
        }
    }

    /**
     * Domain d of {@code routed}: every validation and test row (sampled) and every test user's full-ranking rank of
     * the positive equal those of {@code own} for users with more than t training interactions, else of {@code uclr}.
     *
     * @return the test users the domain's own model scores
     */
    private static int assertEachUserScoredByOneModel(MultiDomainDataModel data, int d, double t, MultiDomainRecommender routed,
                                                      MultiDomainRecommender uclr, MultiDomainRecommender own) {
        org.uclr.data.UserItemMatrix train = data.split().domain(d).train();
        String name = data.dataset().domain(d).name();
        for (boolean test : new boolean[]{false, true}) {
            org.uclr.eval.ScoredDomain o = test ? own.testScores().domain(d) : own.validationScores().domain(d);
            org.uclr.eval.ScoredDomain u = test ? uclr.testScores().domain(d) : uclr.validationScores().domain(d);
            org.uclr.eval.ScoredDomain both = test ? routed.testScores().domain(d) : routed.validationScores().domain(d);
            int width = both.candidates().width();
            for (int r = 0; r < both.size(); r++) {
                int user = both.candidates().users()[r];
                float[] expected = java.util.Arrays.copyOfRange((train.rowSize(user) > t ? o : u).scores(), r * width,
                        (r + 1) * width);
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(both.scores(), r * width, (r + 1) * width),
                        name + " user " + user + " with " + train.rowSize(user) + " interactions, t " + t);
            }
        }
        org.uclr.eval.FullRanking.Result ownFull = own.fullRanking().get(d);
        org.uclr.eval.FullRanking.Result uclrFull = uclr.fullRanking().get(d);
        org.uclr.eval.FullRanking.Result bothFull = routed.fullRanking().get(d);
        int toOwn = 0;
        for (int r = 0; r < bothFull.ranked().size(); r++) {
            int user = bothFull.ranked().users()[r];
            boolean mine = train.rowSize(user) > t;
            org.uclr.eval.FullRanking.Result source = mine ? ownFull : uclrFull;
            assertEquals(user, source.ranked().users()[r]);
            assertEquals(source.positiveScores()[r], bothFull.positiveScores()[r], name + " user " + user);
            assertEquals(source.ranked().counts().greater()[r], bothFull.ranked().counts().greater()[r],
                    name + " user " + user + ": items above the positive");
            assertEquals(source.ranked().counts().ties()[r], bothFull.ranked().counts().ties()[r], name + " user " + user);
            toOwn += mine ? 1 : 0;
        }
        return toOwn;
    }

    /**
     * Planted domains a (6-20 interactions per user) and b (1-12: from users with none left to train on to active
     * ones) whose users share their taste group, and c whose groups are drawn
     * independently of theirs: a model over all domains carries the taste from a into b, but learns nothing for c
     * that c alone does not teach, and its one user vector (or offsets from it) must serve c's unrelated taste too.
     */
    private static MultiDomainDataset tasteSharedInTwoDomainsOnly() {
        MultiDomainDataset shared = Fixtures.planted(200, 4, 40, 11L, new int[][]{{6, 20}, {1, 12}});
        MultiDomainDataset other = Fixtures.planted(200, 4, 40, 29L);
        org.uclr.data.Domain c = other.domain(0);
        return new MultiDomainDataset("planted-ab-shared-c-independent", true, shared.userIds(), List.of(shared.domain(0),
                shared.domain(1), new org.uclr.data.Domain("c", c.itemIds(), c.interactions())));
    }

    private static void assertStageOneIsTheBaseline(Map<String, String> conf,
                                                    java.util.function.Supplier<MultiDomainRecommender> namedBaseline,
                                                    java.util.function.Supplier<MultiDomainRecommender> baseline) {
        MultiDomainDataModel data = oneDomain(conf);
        UCLRRecommender uclr = Fixtures.train(new UCLRRecommender(), data);
        MultiDomainRecommender same = Fixtures.train(namedBaseline.get(), data);
        MultiDomainRecommender own = Fixtures.train(baseline.get(), data);

        assertEquals("pge", uclr.scoresFrom().get("a"));
        assertEquals(uclr.trainingOutcomes().get(0).epochs(), same.trainingOutcomes().get(0).epochs(),
                "epochs of stage 1 and of the baseline");
        assertArrayEquals(same.testScores().domain(0).scores(), uclr.testScores().domain(0).scores());
        assertArrayEquals(same.validationScores().domain(0).scores(), uclr.validationScores().domain(0).scores());
        // learned something beyond popularity, so the equality is between two trained models
        double mostPop = Fixtures.mostPopularNdcg10(data, org.uclr.data.DomainSplit::test);
        double ndcg = Fixtures.testNdcg10(uclr);
        org.junit.jupiter.api.Assertions.assertTrue(ndcg > mostPop, "stage 1 NDCG@10 " + ndcg + " vs MostPop " + mostPop);
        // the baseline under its own name starts from other random streams: other scores
        assertFalse(java.util.Arrays.equals(own.testScores().domain(0).scores(), uclr.testScores().domain(0).scores()));
    }

    /** BPR-MF (global mode) whose random streams are named as UCLR's stage 1. */
    private static final class BprmfNamed extends BPRMFRecommender {
        @Override
        protected String globalName() {
            return STAGE_ONE;
        }
    }

    /** LightGCN whose random streams are named as UCLR's stage 1. */
    private static final class LightGcnNamed extends LightGCNRecommender {
        @Override
        protected String label(int d) {
            return STAGE_ONE;
        }
    }
}
