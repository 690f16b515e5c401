package org.uclr.data;

import org.junit.jupiter.api.Test;
import org.uclr.UclrException;
import org.uclr.testing.Fixtures;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The paper's leave-one-out protocol: what is held out, what is trained on, which negatives are ranked. */
class LeaveOneOutSplitterTest {
    private static final MultiDomainDataset DATA = Fixtures.synthetic(0.1);
    private static final Split SPLIT = new LeaveOneOutSplitter(99).split(DATA, 11L);

    @Test
    void testAndValidationItemsAreNeverInTrain() {
        for (int d = 0; d < DATA.numDomains(); d++) {
            DomainSplit s = SPLIT.domain(d);
            for (int u = 0; u < DATA.numUsers(); u++) {
                if (s.testItem()[u] >= 0) {
                    assertFalse(s.train().contains(u, s.testItem()[u]), "test item in train, user " + u);
                }
                if (s.validItem()[u] >= 0) {
                    assertFalse(s.train().contains(u, s.validItem()[u]), "validation item in train, user " + u);
                    assertTrue(s.validItem()[u] != s.testItem()[u]);
                }
            }
        }
    }

    @Test
    void trainIsExactlyAllPositivesMinusTheHeldOutOnes() {
        for (int d = 0; d < DATA.numDomains(); d++) {
            UserItemMatrix all = DATA.domain(d).interactions();
            DomainSplit s = SPLIT.domain(d);
            for (int u = 0; u < DATA.numUsers(); u++) {
                Set<Integer> expected = new HashSet<>();
                Arrays.stream(all.row(u)).forEach(expected::add);
                expected.remove(s.testItem()[u]);
                expected.remove(s.validItem()[u]);
                Set<Integer> got = new HashSet<>();
                Arrays.stream(s.train().row(u)).forEach(got::add);
                assertEquals(expected, got, "user " + u);
                assertTrue(all.contains(u, s.testItem()[u]), "the test item is one of the user's positives");
            }
        }
    }

    @Test
    void validationIsHeldOutOnlyFromUsersWithAtLeastThreeInteractions() {
        int withValidation = 0;
        for (int d = 0; d < DATA.numDomains(); d++) {
            for (int u = 0; u < DATA.numUsers(); u++) {
                int n = DATA.domain(d).interactions().rowSize(u);
                assertEquals(n >= 3, SPLIT.domain(d).validItem()[u] >= 0, "user " + u + " with " + n);
                withValidation += n >= 3 ? 1 : 0;
            }
        }
        assertTrue(withValidation > 0 && withValidation < DATA.numUsers() * DATA.numDomains(),
                "the fixture has users on both sides of the threshold");
    }

    @Test
    void candidatesAreThePositiveThenNinetyNineDistinctNegativesDisjointFromAllPositives() {
        for (int d = 0; d < DATA.numDomains(); d++) {
            UserItemMatrix all = DATA.domain(d).interactions();
            DomainSplit s = SPLIT.domain(d);
            for (CandidateSet c : new CandidateSet[]{s.test(), s.validation()}) {
                int[] heldOut = c == s.test() ? s.testItem() : s.validItem();
                assertEquals(100, c.width());
                assertEquals(Arrays.stream(heldOut).filter(i -> i >= 0).count(), c.size());
                for (int r = 0; r < c.size(); r++) {
                    int u = c.users()[r];
                    assertEquals(heldOut[u], c.positive(r));
                    Set<Integer> negatives = new HashSet<>();
                    for (int k = 1; k < c.width(); k++) {
                        int j = c.candidate(r, k);
                        assertTrue(j >= 0 && j < DATA.domain(d).numItems());
                        // disjoint from every positive: train, validation and test
                        assertFalse(all.contains(u, j), "negative " + j + " is a positive of user " + u);
                        negatives.add(j);
                    }
                    assertEquals(99, negatives.size(), "negatives are distinct");
                }
                for (int r = 1; r < c.size(); r++) {
                    assertTrue(c.users()[r - 1] < c.users()[r], "users ascending");
                }
            }
        }
    }

    @Test
    void sameSeedGivesTheSameSplitAnotherSeedADifferentOne() {
        Split again = new LeaveOneOutSplitter(99).split(DATA, 11L);
        Split other = new LeaveOneOutSplitter(99).split(DATA, 12L);
        for (int d = 0; d < DATA.numDomains(); d++) {
            assertArrayEquals(SPLIT.domain(d).testItem(), again.domain(d).testItem());
            assertArrayEquals(SPLIT.domain(d).validItem(), again.domain(d).validItem());
            assertArrayEquals(SPLIT.domain(d).test().candidates(), again.domain(d).test().candidates());
            assertArrayEquals(SPLIT.domain(d).validation().candidates(), again.domain(d).validation().candidates());
            assertFalse(Arrays.equals(SPLIT.domain(d).testItem(), other.domain(d).testItem()));
            assertFalse(Arrays.equals(SPLIT.domain(d).test().candidates(), other.domain(d).test().candidates()));
        }
        assertEquals(DATA.fingerprint(), SPLIT.fingerprint());
        assertEquals(11L, SPLIT.seed());
    }

    @Test
    void domainsDrawFromIndependentStreams() {
        // domains 0 and 2 have the same number of items; a shared stream would hold out the same indices
        assertFalse(Arrays.equals(SPLIT.domain(0).test().candidates(), SPLIT.domain(2).test().candidates()));
    }

    @Test
    void usersWithoutInteractionsInADomainAreNotEvaluatedThere() {
        java.util.LinkedHashMap<String, RawInteractions> raw = new java.util.LinkedHashMap<>();
        // user "1" has three interactions per domain, so each domain keeps one training interaction
        raw.put("a", new RawInteractions("t", java.util.List.of("1", "1", "1", "2"), java.util.List.of("x", "y", "v", "u")));
        raw.put("b", new RawInteractions("t", java.util.List.of("1", "1", "1", "3"), java.util.List.of("z", "w", "q", "r")));
        MultiDomainDataset ds = DatasetAssembler.assemble("t", raw, UserPolicy.UNION);
        Split s = new LeaveOneOutSplitter(1).split(ds, 1L);
        // users "1", "2", "3" are indices 0, 1, 2; "2" has no b, "3" has no a
        assertArrayEquals(new int[]{0, 2}, s.domain(1).test().users());
        assertEquals(-1, s.domain(1).testItem()[1]);
        assertArrayEquals(new int[]{0, 1}, s.domain(0).test().users());
    }

    @Test
    void aDomainLeftWithoutTrainingInteractionsIsAnErrorNamingIt() {
        java.util.LinkedHashMap<String, RawInteractions> raw = new java.util.LinkedHashMap<>();
        raw.put("books", new RawInteractions("t", java.util.List.of("1", "1", "1", "2"), java.util.List.of("x", "y", "v", "u")));
        // every user has one interaction in music: each becomes that user's test item
        raw.put("music", new RawInteractions("t", java.util.List.of("1", "2"), java.util.List.of("z", "q")));
        MultiDomainDataset ds = DatasetAssembler.assemble("t", raw, UserPolicy.UNION);
        UclrException e = assertThrows(UclrException.class, () -> new LeaveOneOutSplitter(1).split(ds, 1L));
        assertTrue(e.getMessage().startsWith("domain 'music' has no training interactions"), e.getMessage());
    }

    @Test
    void tooFewItemsForTheNegativesIsAnErrorNamingTheDomain() {
        UclrException e = assertThrows(UclrException.class, () -> new LeaveOneOutSplitter(250).split(DATA, 1L));
        assertTrue(e.getMessage().startsWith("domain 'books' has 200 items"), e.getMessage());
    }

    @Test
    void aUserWithTooFewNonInteractedItemsIsAnError() {
        // 200 items: a user with more than 200 - 150 = 50 positives leaves fewer than 150 negatives
        UclrException e = assertThrows(UclrException.class, () -> new LeaveOneOutSplitter(150).split(DATA, 1L));
        assertTrue(e.getMessage().contains("leaving fewer than 150 negatives"), e.getMessage());
    }
}
