package org.uclr.baselines;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.uclr.baselines.catart.CatArtRecommender;
import org.uclr.baselines.lightgcn.LightGCNRecommender;
import org.uclr.baselines.mostpop.MostPopRecommender;
import org.uclr.baselines.neumf.NeuMFRecommender;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.model.DotProductScoring;
import org.uclr.testing.AllItemScores;
import org.uclr.testing.Fixtures;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The baselines' dot-product fast path scores every item as their own scoreBatch does. */
class AllItemScoresBaselinesTest {
    private static final Map<String, String> FAST = Fixtures.with(Map.of("rec.random.seed", "1", "rec.device", "cpu",
            "rec.threads", "1", "lightgcn.factors", "16", "lightgcn.batch.size", "256", "lightgcn.learn.rate", "0.01",
            "lightgcn.epochs.max", "3"), "catart.factors", "16", "catart.batch.size", "256", "catart.learn.rate", "0.01",
            "catart.epochs.max", "3", "catart.cat.epochs.max", "2", "catart.art.epochs.max", "2", "catart.cat.batch.size", "64");

    private static MultiDomainDataModel data() {
        return Fixtures.dataModel(Fixtures.synthetic(0.05), 1, FAST);
    }

    @Test
    void lightgcn() {
        AllItemScores check = new AllItemScores();
        Fixtures.train(new LightGCNRecommender() {
            @Override
            protected NDArray scoreAllItems(NDManager step, int domain, NDArray users) {
                NDArray fast = super.scoreAllItems(step, domain, users);
                check.compare(fast, scoreEveryItemAsCandidate(step, domain, users));
                return fast;
            }
        }, data());
        check.assertAgreed(3);
    }

    @Test
    void catartThroughArt() {
        AllItemScores check = new AllItemScores();
        Fixtures.train(new CatArtRecommender() {
            @Override
            protected NDArray scoreAllItems(NDManager step, int domain, NDArray users) {
                NDArray fast = super.scoreAllItems(step, domain, users);
                check.compare(fast, scoreEveryItemAsCandidate(step, domain, users));
                return fast;
            }
        }, data());
        check.assertAgreed(3);
    }

    @Test
    void mostpop() {
        AllItemScores check = new AllItemScores();
        Fixtures.train(new MostPopRecommender() {
            @Override
            protected NDArray scoreAllItems(NDManager step, int domain, NDArray users) {
                NDArray fast = super.scoreAllItems(step, domain, users);
                check.compare(fast, scoreEveryItemAsCandidate(step, domain, users));
                return fast;
            }
        }, data());
        check.assertAgreed(3);
    }

    /** NeuMF is no dot product: its factored path against the generic one, called on blocks of 3 items. */
    @Test
    void neumfFactoredAgainstTheGenericPathInBlocksOfItems() {
        assertFalse(DotProductScoring.class.isAssignableFrom(NeuMFRecommender.class));
        AllItemScores check = new AllItemScores();
        Fixtures.train(new NeuMFRecommender() {
            @Override
            protected NDArray scoreAllItems(NDManager step, int domain, NDArray users) {
                NDArray fast = super.scoreAllItems(step, domain, users);
                check.compare(fast, scoreEveryItemAsCandidate(step, domain, users, 3 * (int) users.size()));
                return fast;
            }
        }, Fixtures.dataModel(Fixtures.synthetic(0.05), 1, Fixtures.with(FAST, "neumf.factors", "16",
                "neumf.epochs.max", "1")));
        check.assertAgreed(3);
    }
}
