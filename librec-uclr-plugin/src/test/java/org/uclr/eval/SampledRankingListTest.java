package org.uclr.eval;

import net.librec.eval.RecommenderEvaluator;
import net.librec.recommender.RecommenderContext;
import net.librec.recommender.item.ItemEntry;
import net.librec.recommender.item.RecommendedList;
import org.junit.jupiter.api.Test;
import org.uclr.UclrException;
import org.uclr.data.CandidateSet;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

class SampledRankingListTest {
    // books (offset 0): users 0 and 2; music (offset 100): user 2 only
    private static final ScoredCandidates SCORES = new ScoredCandidates(List.of(
            new ScoredDomain("books", new CandidateSet(new int[]{0, 2}, new int[]{5, 6, 7, 8}, 2),
                    new float[]{1f, 0f, 0f, 1f}),
            new ScoredDomain("music", new CandidateSet(new int[]{2}, new int[]{3, 4}, 2), new float[]{2f, 2f})));
    private static final SampledRankingList LIST = new SampledRankingList(SCORES, new int[]{0, 100}, 3);

    @Test
    void itemsAreInLibRecsGlobalIndexSpace() {
        List<ItemEntry<Integer, Double>> user2 = LIST.getItemIdxListByUserIdx(2);
        assertEquals(List.of(7, 8, 103, 104), user2.stream().map(ItemEntry::getKey).toList());
        assertEquals(List.of(0.0, 1.0, 2.0, 2.0), user2.stream().map(ItemEntry::getValue).toList());
        assertEquals(6, LIST.size());
        assertTrue(LIST.contains(0));
        assertFalse(LIST.contains(1));
        List<Integer> users = new ArrayList<>();
        LIST.userIterator().forEachRemaining(users::add);
        assertEquals(List.of(0, 2), users);
        List<Integer> items = new ArrayList<>();
        LIST.entryIterator().forEachRemaining(e -> items.add(e.getItemIdx()));
        assertEquals(List.of(5, 6, 7, 8, 103, 104), items);
        assertEquals(1.0, LIST.getEntryValue(2, 8), 0);
    }

    @Test
    void isReadOnly() {
        assertThrows(UnsupportedOperationException.class, () -> LIST.addUserItemIdx(0, 1, 1.0));
    }

    @Test
    void evaluatorsThroughLibRecsInterfaceGiveTheMacroAverageOverDomains() {
        RecommenderEvaluator hr = new HitRatioEvaluator();
        hr.setTopN(1);
        // books: user 0 first (1), user 2 second (0) -> 0.5; music: tie of two -> 0.5
        assertEquals(0.5, hr.evaluate(mock(RecommenderContext.class), LIST), 1e-12);
        RecommenderEvaluator mrr = new MRREvaluator();
        mrr.setTopN(2);
        // books: (1 + 1/2) / 2 = 0.75; music: (1 + 1/2) / 2 = 0.75
        assertEquals(0.75, mrr.evaluate(mock(RecommenderContext.class), LIST), 1e-12);
    }

    @Test
    void anotherRecommendedListIsRejectedWithAReason() {
        RecommenderEvaluator ndcg = new NDCGEvaluator();
        UclrException e = assertThrows(UclrException.class,
                () -> ndcg.evaluate(mock(RecommenderContext.class), mock(RecommendedList.class)));
        assertTrue(e.getMessage().startsWith("NDCGEvaluator needs the sampled candidate scores"), e.getMessage());
    }

    @Test
    void aCutoffBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new NDCGEvaluator().setTopN(0));
    }
}
