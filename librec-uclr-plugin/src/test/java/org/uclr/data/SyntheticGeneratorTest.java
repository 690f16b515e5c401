package org.uclr.data;

import org.junit.jupiter.api.Test;
import org.uclr.UclrException;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticGeneratorTest {
    private static final MultiDomainDataset TENTH = new SyntheticGenerator(SyntheticPreset.SMALL, 0.1, 7L).generate();

    @Test
    void sameSeedGivesTheSameDatasetAnotherSeedAnother() {
        MultiDomainDataset again = new SyntheticGenerator(SyntheticPreset.SMALL, 0.1, 7L).generate();
        MultiDomainDataset other = new SyntheticGenerator(SyntheticPreset.SMALL, 0.1, 8L).generate();
        assertEquals(TENTH.fingerprint(), again.fingerprint());
        assertNotEquals(TENTH.fingerprint(), other.fingerprint());
    }

    @Test
    void isNamedAndFlaggedSynthetic() {
        assertTrue(TENTH.synthetic());
        assertEquals("synthetic-small-x0.1", TENTH.name());
        assertEquals("synthetic-small", new SyntheticGenerator(SyntheticPreset.SMALL, 1.0, 1L).datasetName());
    }

    @Test
    void sizesFollowThePresetTimesTheScale() {
        // SMALL: 2,000 users; 24,000 / 21,000 / 15,000 interactions; items never below 200
        assertEquals(200, TENTH.numUsers());
        assertEquals(java.util.List.of("books", "movies", "music"),
                TENTH.domains().stream().map(Domain::name).toList());
        int[] target = {2_400, 2_100, 1_500};
        for (int d = 0; d < 3; d++) {
            assertEquals(200, TENTH.domain(d).numItems());
            int nnz = TENTH.domain(d).interactions().nnz();
            assertTrue(Math.abs(nnz - target[d]) <= 0.05 * target[d], "domain " + d + ": " + nnz);
        }
    }

    @Test
    void everyUserHasAnInteractionInEveryDomainAndRoomForNinetyNineNegatives() {
        for (Domain d : TENTH.domains()) {
            for (int u = 0; u < TENTH.numUsers(); u++) {
                int n = d.interactions().rowSize(u);
                assertTrue(n >= 1 && d.numItems() - n >= 99, d.name() + " user " + u + ": " + n);
            }
        }
    }

    @Test
    void activityIsLongTailed() {
        int[] activity = TENTH.userActivity();
        Arrays.sort(activity);
        int median = activity[activity.length / 2];
        int max = activity[activity.length - 1];
        assertTrue(max > 4 * median, "median " + median + ", max " + max);
        assertTrue(activity[activity.length / 10] <= 6, "a tenth of users are nearly inactive");
    }

    @Test
    void scaleOutsideZeroOneIsRejected() {
        assertThrows(UclrException.class, () -> new SyntheticGenerator(SyntheticPreset.SMALL, 1.5, 1L));
        assertThrows(UclrException.class, () -> new SyntheticGenerator(SyntheticPreset.SMALL, 0.0, 1L));
    }
}
