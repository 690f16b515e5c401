package org.uclr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import net.librec.recommender.item.RecommendedItem;
import org.junit.jupiter.api.Test;
import org.uclr.data.DomainSplit;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.data.MultiDomainDataset;
import org.uclr.model.bprmf.BPRMFRecommender;
import org.uclr.model.uclr.UCLRRecommender;
import org.uclr.testing.AllItemScores;
import org.uclr.testing.Fixtures;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dot-product fast path of {@link MultiDomainRecommender#scoreAllItems} gives the scores the model's
 * own scoreBatch gives for every item (for each stage UCLR may keep), and the top lists LibRec gets
 * from {@code getRecommendedList()} are those of the full ranking.
 */
class AllItemScoresTest {
    private static final Map<String, String> FAST = Fixtures.with(Map.of("rec.random.seed", "1", "rec.device", "cpu",
            "rec.threads", "1", "bprmf.factors", "16", "bprmf.batch.size", "256", "bprmf.learn.rate", "0.01",
            "bprmf.epochs.max", "5"), "uclr.epochs.max", "4", "uclr.finetune.epochs.max", "3", "uclr.hidden", "16,8",
            "uclr.batch.size", "64");

    private static MultiDomainDataModel data(Map<String, String> conf) {
        return Fixtures.dataModel(Fixtures.synthetic(0.05), 1, conf);
    }

    @Test
    void bprmfPerDomainAndGlobal() {
        for (String mode : List.of("per-domain", "global")) {
            AllItemScores check = new AllItemScores();
            BPRMFRecommender rec = new BPRMFRecommender() {
                @Override
                protected NDArray scoreAllItems(NDManager step, int domain, NDArray users) {
                    NDArray fast = super.scoreAllItems(step, domain, users);
                    check.compare(fast, scoreEveryItemAsCandidate(step, domain, users));
                    return fast;
                }
            };
            Fixtures.train(rec, data(Fixtures.with(FAST, "bprmf.mode", mode)));
            check.assertAgreed(3);
        }
    }

    @Test
    void uclrInEveryStageItKeeps() {
        AllItemScores check = new AllItemScores();
        UCLRRecommender rec = new UCLRRecommender() {
            @Override
            protected NDArray scoreAllItems(NDManager step, int domain, NDArray users) {
                NDArray fast = super.scoreAllItems(step, domain, users);
                check.compare(fast, scoreEveryItemAsCandidate(step, domain, users));
                return fast;
            }
        };
        Fixtures.train(rec, data(FAST));
        check.assertAgreed(3);
        // the stages compared: on this data and seed the domains keep the autoencoder or the finetune
        assertEquals(List.of("autoencoder", "finetune"), rec.scoresFrom().values().stream().distinct().sorted().toList());
    }

    @Test
    void uclrPgeAndTheLightGcnBackbone() {
        AllItemScores check = new AllItemScores();
        UCLRRecommender rec = new UCLRRecommender() {
            @Override
            protected NDArray scoreAllItems(NDManager step, int domain, NDArray users) {
                NDArray fast = super.scoreAllItems(step, domain, users);
                check.compare(fast, scoreEveryItemAsCandidate(step, domain, users));
                return fast;
            }
        };
        Fixtures.train(rec, data(Fixtures.with(FAST, "uclr.backbone", "lightgcn", "lightgcn.factors", "16",
                "lightgcn.batch.size", "256", "lightgcn.learn.rate", "0.01", "lightgcn.epochs.max", "4")));
        check.assertAgreed(3);
        assertTrue(rec.scoresFrom().containsValue("pge"), rec.scoresFrom().toString());
    }

    @Test
    void uclrRoutedToTheDomainsOwnModelAloneOrFinetuned() {
        for (boolean finetune : new boolean[]{false, true}) {
            AllItemScores check = new AllItemScores();
            UCLRRecommender rec = new UCLRRecommender() {
                @Override
                protected NDArray scoreAllItems(NDManager step, int domain, NDArray users) {
                    NDArray fast = super.scoreAllItems(step, domain, users);
                    check.compare(fast, scoreEveryItemAsCandidate(step, domain, users));
                    return fast;
                }
            };
            Fixtures.train(rec, data(Fixtures.with(FAST, "uclr.domain.model", "route", "uclr.route.grid", "0",
                    "uclr.route.finetune", String.valueOf(finetune), "uclr.finetune.learn.rate", "0.01")));
            check.assertAgreed(3);
            // the scorers compared: every domain routed, and with the key some domain's own model finetuned
            String from = rec.scoresFrom().toString();
            assertTrue(rec.scoresFrom().values().stream().allMatch(v -> v.contains("+own")), from);
            assertEquals(finetune, from.contains("+own-finetune>0.0"), from);
        }
    }

    @Test
    void libRecGetsEveryUsersTopItemsWithoutTheirTrainingOrValidationItems() {
        MultiDomainDataModel dm = data(Fixtures.with(FAST, "rec.recommender.ranking.topn", "7"));
        BPRMFRecommender rec = Fixtures.train(new BPRMFRecommender(), dm);
        List<RecommendedItem> list = rec.getRecommendedList();
        MultiDomainDataset data = dm.dataset();
        assertEquals(data.numDomains() * data.numUsers() * 7, list.size(), "7 per user and domain");
        for (int k = 0; k < list.size(); k++) {
            RecommendedItem item = list.get(k);
            String[] qualified = item.getItemId().split(":", 2);
            int d = data.domainIndex(qualified[0]);
            int u = dm.getUserMappingData().get(item.getUserId());
            int i = dm.getItemMappingData().get(item.getItemId()) - data.itemOffset(d);
            DomainSplit split = dm.split().domain(d);
            assertFalse(split.train().contains(u, i), "a training item was recommended");
            assertFalse(split.validItem()[u] == i, "a validation item was recommended");
            if (k % 7 > 0) {
                assertTrue(item.getValue() <= list.get(k - 1).getValue(), "best first");
                assertEquals(list.get(k - 1).getUserId(), item.getUserId());
            }
        }
    }
}
