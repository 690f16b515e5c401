package org.uclr.baselines.neumf;

import org.uclr.data.UserItemMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Labelled pairs for a pointwise loss (He et al., 2017, sec. 3.1.1): every training positive once per
 * epoch with label 1, plus {@code negatives} items per positive with label 0, drawn uniformly from the
 * domain's items the user has no training interaction with; all pairs shuffled together. NeuMF and
 * GA-MTCDR train on them.
 */
public final class PointwiseSamples {
    private final UserItemMatrix train;
    private final int negatives;
    private final int[] users;
    private final int[] items;

    public PointwiseSamples(UserItemMatrix train, int negatives) {
        this.train = train;
        this.negatives = negatives;
        this.users = train.entryUsers();
        this.items = train.entryItems();
    }

    /** Pairs per epoch: positives times (1 + negatives). */
    public int size() {
        return users.length * (1 + negatives);
    }

    /** One epoch's batches, with fresh negatives, in a fresh order. */
    public List<Batch> epoch(int batchSize, SplittableRandom rng) {
        int n = size();
        long[] u = new long[n];
        long[] i = new long[n];
        float[] y = new float[n];
        int k = 0;
        for (int p = 0; p < users.length; p++) {
            u[k] = users[p];
            i[k] = items[p];
            y[k++] = 1f;
            for (int j = 0; j < negatives; j++) {
                u[k] = users[p];
                i[k++] = negativeFor(users[p], rng);
            }
        }
        for (int a = n - 1; a > 0; a--) {
            int b = rng.nextInt(a + 1);
            long tu = u[a];
            u[a] = u[b];
            u[b] = tu;
            long ti = i[a];
            i[a] = i[b];
            i[b] = ti;
            float ty = y[a];
            y[a] = y[b];
            y[b] = ty;
        }
        List<Batch> out = new ArrayList<>((n + batchSize - 1) / batchSize);
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            out.add(new Batch(java.util.Arrays.copyOfRange(u, start, end), java.util.Arrays.copyOfRange(i, start, end),
                    java.util.Arrays.copyOfRange(y, start, end)));
        }
        return out;
    }

    private int negativeFor(int user, SplittableRandom rng) {
        int item;
        int tries = 0;
        do {
            item = rng.nextInt(train.numItems());
        } while (train.contains(user, item) && ++tries < 1000);
        return item;
    }

    /**
     * @param users  user indices
     * @param items  local item indices
     * @param labels 1 for an observed interaction, 0 for a sampled negative
     */
    public record Batch(long[] users, long[] items, float[] labels) {
        public int size() {
            return users.length;
        }
    }
}
