package org.uclr.baselines.neumf;

import org.junit.jupiter.api.Test;
import org.uclr.data.UserItemMatrix;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PointwiseSamplesTest {
    private final UserItemMatrix train = UserItemMatrix.fromRows(12, new int[][]{{0, 3, 5}, {1}, {2, 4, 6, 8}});

    @Test
    void everyPositiveAppearsOnceWithItsNegativesNoneOfThemObserved() {
        PointwiseSamples samples = new PointwiseSamples(train, 4);
        List<PointwiseSamples.Batch> batches = samples.epoch(5, new SplittableRandom(1));
        Map<Long, Integer> positives = new HashMap<>();
        int[] perUser = new int[3];
        int total = 0;
        for (PointwiseSamples.Batch b : batches) {
            assertTrue(b.size() <= 5);
            for (int k = 0; k < b.size(); k++) {
                int u = (int) b.users()[k];
                int i = (int) b.items()[k];
                perUser[u]++;
                total++;
                if (b.labels()[k] == 1f) {
                    assertTrue(train.contains(u, i));
                    positives.merge(u * 100L + i, 1, Integer::sum);
                } else {
                    assertEquals(0f, b.labels()[k]);
                    assertFalse(train.contains(u, i), "negative " + i + " is a positive of user " + u);
                }
            }
        }
        assertEquals(train.nnz() * 5, total);
        assertEquals(train.nnz(), positives.size());
        positives.values().forEach(count -> assertEquals(1, count));
        assertEquals(3 * 5, perUser[0]);
        assertEquals(5, perUser[1]);
        assertEquals(4 * 5, perUser[2]);
    }
}
