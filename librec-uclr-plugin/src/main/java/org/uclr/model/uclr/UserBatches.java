package org.uclr.model.uclr;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Users shuffled and cut into batches of (nearly) equal size, none above the limit and none of one user. */
final class UserBatches {
    private UserBatches() {
    }

    static List<int[]> even(int numUsers, int maxBatch, SplittableRandom rng) {
        int[] order = new int[numUsers];
        for (int i = 0; i < numUsers; i++) {
            order[i] = i;
        }
        for (int i = numUsers - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int count = Math.max(1, (numUsers + maxBatch - 1) / maxBatch);
        List<int[]> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int from = (int) ((long) k * numUsers / count);
            int to = (int) ((long) (k + 1) * numUsers / count);
            out.add(java.util.Arrays.copyOfRange(order, from, to));
        }
        return out;
    }

    /** k distinct users drawn uniformly (k capped at numUsers). */
    static int[] sample(int numUsers, int k, SplittableRandom rng) {
        int n = Math.min(k, numUsers);
        java.util.LinkedHashSet<Integer> chosen = new java.util.LinkedHashSet<>();
        while (chosen.size() < n) {
            chosen.add(rng.nextInt(numUsers));
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }
}
