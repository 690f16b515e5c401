package org.uclr.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Mini-batches of example indices, freshly shuffled every epoch from a seeded stream. */
public final class Batches {
    private Batches() {
    }

    /** A random permutation of 0..n-1 cut into batches of at most batchSize. */
    public static List<int[]> shuffled(int n, int batchSize, SplittableRandom rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<int[]> batches = new ArrayList<>((n + batchSize - 1) / batchSize);
        for (int start = 0; start < n; start += batchSize) {
            int len = Math.min(batchSize, n - start);
            int[] b = new int[len];
            System.arraycopy(order, start, b, 0, len);
            batches.add(b);
        }
        return batches;
    }
}
