package org.uclr.model.backbone;

import org.uclr.data.MultiDomainDataset;
import org.uclr.data.Split;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.Batches;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * BPR training triples (user, positive, negative): every training positive once per epoch, in a
 * fresh random order, each with one negative drawn uniformly from the positive's own domain among
 * items the user has no training interaction with (never one of the user's training positives).
 * Several domains may share one item index space (the global model): domain d's items are offset by
 * {@code itemOffsets[d]}.
 */
public final class BprTriples {
    private final List<UserItemMatrix> trains;
    private final int[] itemOffsets;
    private final int[] exampleUser;
    private final int[] exampleItem;
    private final int[] exampleDomain;

    /**
     * @param trains      training interactions per domain
     * @param itemOffsets offset added to domain d's local item indices
     */
    public BprTriples(List<UserItemMatrix> trains, int[] itemOffsets) {
        this.trains = List.copyOf(trains);
        this.itemOffsets = itemOffsets.clone();
        int n = trains.stream().mapToInt(UserItemMatrix::nnz).sum();
        exampleUser = new int[n];
        exampleItem = new int[n];
        exampleDomain = new int[n];
        int k = 0;
        for (int d = 0; d < trains.size(); d++) {
            UserItemMatrix m = trains.get(d);
            int[] users = m.entryUsers();
            int[] items = m.entryItems();
            System.arraycopy(users, 0, exampleUser, k, users.length);
            System.arraycopy(items, 0, exampleItem, k, items.length);
            java.util.Arrays.fill(exampleDomain, k, k + users.length, d);
            k += users.length;
        }
    }

    /** Every domain's training positives in one item index space, domain d's items offset by data.itemOffset(d). */
    public static BprTriples global(Split split, MultiDomainDataset data) {
        List<UserItemMatrix> trains = new ArrayList<>();
        for (int d = 0; d < data.numDomains(); d++) {
            trains.add(split.domain(d).train());
        }
        return new BprTriples(trains, itemOffsets(data));
    }

    /** The first index of each domain's items in the global item space, data.itemOffset(d) for every d. */
    public static int[] itemOffsets(MultiDomainDataset data) {
        int[] offsets = new int[data.numDomains()];
        for (int d = 0; d < data.numDomains(); d++) {
            offsets[d] = data.itemOffset(d);
        }
        return offsets;
    }

    /** One domain on its own (items not offset). */
    public static BprTriples of(UserItemMatrix train) {
        return new BprTriples(List.of(train), new int[]{0});
    }

    public int size() {
        return exampleUser.length;
    }

    /** An epoch's batches, shuffled and with fresh negatives. */
    public List<Batch> epoch(int batchSize, SplittableRandom rng) {
        List<Batch> out = new ArrayList<>();
        for (int[] idx : Batches.shuffled(size(), batchSize, rng)) {
            long[] u = new long[idx.length];
            long[] p = new long[idx.length];
            long[] n = new long[idx.length];
            for (int b = 0; b < idx.length; b++) {
                int e = idx[b];
                int d = exampleDomain[e];
                UserItemMatrix m = trains.get(d);
                int neg = negative(m, exampleUser[e], rng);
                u[b] = exampleUser[e];
                p[b] = itemOffsets[d] + exampleItem[e];
                n[b] = itemOffsets[d] + neg;
            }
            out.add(new Batch(u, p, n));
        }
        return out;
    }

    /** Rejection draws before falling back to an exact draw from the user's non-positives. */
    private static final int REJECTION_TRIES = 1000;

    /**
     * A uniform draw from the items of {@code m} that {@code user} has no interaction with: rejection
     * sampling (fast when the user has few positives), then, after {@value #REJECTION_TRIES} misses, the
     * r-th non-positive item for a uniform r, so a positive is never returned.
     *
     * @throws IllegalStateException if the user has interacted with every item
     */
    static int negative(UserItemMatrix m, int user, SplittableRandom rng) {
        for (int tries = 0; tries < REJECTION_TRIES; tries++) {
            int candidate = rng.nextInt(m.numItems());
            if (!m.contains(user, candidate)) {
                return candidate;
            }
        }
        int[] positives = m.row(user); // ascending
        int free = m.numItems() - positives.length;
        if (free <= 0) {
            throw new IllegalStateException("user " + user + " interacted with all " + m.numItems()
                    + " items of a domain: no negative to sample");
        }
        int r = rng.nextInt(free);
        int item = r;
        for (int p : positives) {
            if (p <= item) {
                item++;
            } else {
                break;
            }
        }
        return item;
    }

    /**
     * One mini-batch.
     *
     * @param users     user indices
     * @param positives item indices the users interacted with (offset into the shared item space)
     * @param negatives sampled item indices from the same domains
     */
    public record Batch(long[] users, long[] positives, long[] negatives) {
        public int size() {
            return users.length;
        }

        /** [2 batch]: the positives, then the negatives (one lookup for both). */
        public long[] positivesThenNegatives() {
            long[] both = new long[2 * users.length];
            System.arraycopy(positives, 0, both, 0, users.length);
            System.arraycopy(negatives, 0, both, users.length, users.length);
            return both;
        }
    }
}
