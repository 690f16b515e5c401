package org.uclr.model.backbone;

import org.junit.jupiter.api.Test;
import org.uclr.data.LeaveOneOutSplitter;
import org.uclr.data.MultiDomainDataset;
import org.uclr.data.Split;
import org.uclr.data.UserItemMatrix;
import org.uclr.testing.Fixtures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BprTriplesTest {

    private static int[] allBut(int numItems, int... free) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < numItems; i++) {
            final int item = i;
            if (java.util.Arrays.stream(free).noneMatch(f -> f == item)) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void negativesNeverEqualAPositiveEvenForUsersWithOneOrTwoItemsLeft() {
        // 3,000 items: a user with one free item is found by 1,000 uniform tries only 28% of the time
        // (1 - (2999/3000)^1000), so most of user 0's draws go through the exhaustive fallback
        int items = 3000;
        UserItemMatrix train = UserItemMatrix.fromRows(items, new int[][]{
                allBut(items, 1234), allBut(items, 7, 2999), {5, 17, 2998}});
        BprTriples triples = BprTriples.of(train);
        Map<Integer, Integer> user1Negatives = new HashMap<>();
        int checked = 0;
        for (BprTriples.Batch b : triples.epoch(4096, new SplittableRandom(1))) {
            for (int k = 0; k < b.size(); k++) {
                int u = (int) b.users()[k];
                int neg = (int) b.negatives()[k];
                assertTrue(train.contains(u, (int) b.positives()[k]));
                assertFalse(train.contains(u, neg), "user " + u + " got positive " + neg + " as a negative");
                if (u == 0) {
                    assertEquals(1234, neg);
                } else if (u == 1) {
                    user1Negatives.merge(neg, 1, Integer::sum);
                }
                checked++;
            }
        }
        assertEquals(train.nnz(), checked, "every training positive once per epoch");
        // user 1's ~3,000 draws are uniform on {7, 2999}: each gets 50% +- 1% (binomial sd), 45% is 5 sd away
        assertEquals(2, user1Negatives.size(), user1Negatives.toString());
        for (int count : user1Negatives.values()) {
            assertTrue(count > 0.45 * train.rowSize(1), user1Negatives.toString());
        }
    }

    @Test
    void aUserWhoInteractedWithEveryItemIsAnError() {
        UserItemMatrix train = UserItemMatrix.fromRows(4, new int[][]{{0, 1, 2, 3}, {1}});
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BprTriples.of(train).epoch(16, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("user 0"), e.getMessage());
    }

    @Test
    void eachEpochHoldsEveryTrainingPositiveOnceInAFreshOrder() {
        UserItemMatrix train = Fixtures.synthetic(0.05).domain(1).interactions();
        BprTriples triples = BprTriples.of(train);
        SplittableRandom rng = new SplittableRandom(2);
        List<Long> first = new ArrayList<>();
        for (int epoch = 0; epoch < 2; epoch++) {
            Map<Long, Integer> seen = new HashMap<>();
            List<Long> order = new ArrayList<>();
            for (BprTriples.Batch b : triples.epoch(64, rng)) {
                assertTrue(b.size() <= 64);
                for (int k = 0; k < b.size(); k++) {
                    long key = b.users()[k] * 1_000_000 + b.positives()[k];
                    seen.merge(key, 1, Integer::sum);
                    order.add(key);
                }
            }
            assertEquals(train.nnz(), seen.size());
            assertTrue(seen.values().stream().allMatch(c -> c == 1));
            if (epoch == 0) {
                first = order;
            } else {
                assertFalse(first.equals(order), "a fresh order each epoch");
            }
        }
    }

    @Test
    void inTheGlobalModeEachNegativeComesFromItsPositivesDomain() {
        MultiDomainDataset data = Fixtures.synthetic(0.05);
        Split split = new LeaveOneOutSplitter(99).split(data, 1L);
        BprTriples triples = BprTriples.global(split, data);
        int examples = 0;
        int[] perDomain = new int[data.numDomains()];
        for (BprTriples.Batch b : triples.epoch(512, new SplittableRandom(3))) {
            for (int k = 0; k < b.size(); k++) {
                int u = (int) b.users()[k];
                int d = domainOf(data, (int) b.positives()[k]);
                assertEquals(d, domainOf(data, (int) b.negatives()[k]), "the negative's domain is the positive's");
                UserItemMatrix train = split.domain(d).train();
                assertTrue(train.contains(u, (int) b.positives()[k] - data.itemOffset(d)));
                assertFalse(train.contains(u, (int) b.negatives()[k] - data.itemOffset(d)), "user " + u);
                perDomain[d]++;
                examples++;
            }
        }
        assertEquals(triples.size(), examples);
        for (int d = 0; d < data.numDomains(); d++) {
            assertEquals(split.domain(d).train().nnz(), perDomain[d], "domain " + d);
        }
    }

    @Test
    void theGlobalModeDrawsNegativesFromTheRightDomainsInteractions() {
        // user 0 has every item of domain 1 but one; in the shared index space domain 1 starts at 10.
        // Drawing from domain 0's interactions (or without the offset) would give other items.
        UserItemMatrix d0 = UserItemMatrix.fromRows(10, new int[][]{{0, 1}});
        UserItemMatrix d1 = UserItemMatrix.fromRows(6, new int[][]{{0, 1, 2, 4, 5}});
        BprTriples triples = new BprTriples(List.of(d0, d1), new int[]{0, 10});
        for (int epoch = 0; epoch < 20; epoch++) {
            for (BprTriples.Batch b : triples.epoch(8, new SplittableRandom(epoch))) {
                for (int k = 0; k < b.size(); k++) {
                    long p = b.positives()[k];
                    long n = b.negatives()[k];
                    if (p >= 10) {
                        assertEquals(13, n, "domain 1's only free item, offset by 10");
                    } else {
                        assertTrue(n >= 2 && n < 10, "a free item of domain 0: " + n);
                    }
                }
            }
        }
    }

    private static int domainOf(MultiDomainDataset data, int globalItem) {
        for (int d = data.numDomains() - 1; d >= 0; d--) {
            if (globalItem >= data.itemOffset(d)) {
                assertTrue(globalItem < data.itemOffset(d) + data.domain(d).numItems());
                return d;
            }
        }
        throw new AssertionError("negative item index " + globalItem);
    }
}
