package org.uclr.data;

import org.uclr.UclrException;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The paper's protocol (section 4.2), per user and domain: one random positive is the test item
 * (every user with at least one interaction in the domain), one more is the validation item (users
 * with at least three), the rest train. Each held-out item gets {@code negatives} distinct items
 * drawn uniformly from the domain's items the user never interacted with (train, validation or test).
 */
public final class LeaveOneOutSplitter {
    /** Users need this many interactions in a domain before one is held out for validation. */
    public static final int MIN_INTERACTIONS_FOR_VALIDATION = 3;

    private final int negatives;

    public LeaveOneOutSplitter(int negatives) {
        if (negatives < 1) {
            throw new IllegalArgumentException("negatives must be positive");
        }
        this.negatives = negatives;
    }

    public int negatives() {
        return negatives;
    }

    public Split split(MultiDomainDataset data, long seed) {
        List<DomainSplit> domains = new ArrayList<>();
        for (int d = 0; d < data.numDomains(); d++) {
            domains.add(splitDomain(data.domain(d), new SplittableRandom(mix(seed, d))));
        }
        return new Split(data.fingerprint(), seed, negatives, domains);
    }

    private DomainSplit splitDomain(Domain domain, SplittableRandom rng) {
        UserItemMatrix all = domain.interactions();
        if (domain.numItems() < negatives + 1) {
            throw new UclrException("domain '" + domain.name() + "' has " + domain.numItems()
                    + " items; ranking 1 positive against " + negatives + " negatives needs at least " + (negatives + 1));
        }
        int numUsers = all.numUsers();
        int[] test = new int[numUsers];
        int[] valid = new int[numUsers];
        SplittableRandom holdOut = rng.split();
        for (int u = 0; u < numUsers; u++) {
            int[] items = all.row(u);
            test[u] = -1;
            valid[u] = -1;
            if (items.length >= 1) {
                int t = holdOut.nextInt(items.length);
                test[u] = items[t];
                if (items.length >= MIN_INTERACTIONS_FOR_VALIDATION) {
                    int v = holdOut.nextInt(items.length - 1);
                    valid[u] = items[v >= t ? v + 1 : v];
                }
            }
        }
        UserItemMatrix train = all.without(test, valid);
        if (train.nnz() == 0) {
            throw new UclrException("domain '" + domain.name() + "' has no training interactions after the leave-one-out"
                    + " split: each of its users has a single interaction there, which becomes the test item; drop the"
                    + " domain from data.domains or use data with more interactions per user");
        }
        CandidateSet testCandidates = candidates(domain, all, test, rng.split());
        CandidateSet validCandidates = candidates(domain, all, valid, rng.split());
        return new DomainSplit(train, test, valid, testCandidates, validCandidates);
    }

    private CandidateSet candidates(Domain domain, UserItemMatrix all, int[] heldOut, SplittableRandom rng) {
        int width = negatives + 1;
        int n = 0;
        for (int item : heldOut) {
            n += item >= 0 ? 1 : 0;
        }
        int[] users = new int[n];
        int[] cands = new int[n * width];
        int numItems = domain.numItems();
        int row = 0;
        for (int u = 0; u < heldOut.length; u++) {
            if (heldOut[u] < 0) {
                continue;
            }
            if (numItems - all.rowSize(u) < negatives) {
                throw new UclrException("domain '" + domain.name() + "': user index " + u + " interacted with "
                        + all.rowSize(u) + " of " + numItems + " items, leaving fewer than " + negatives + " negatives");
            }
            users[row] = u;
            int base = row * width;
            cands[base] = heldOut[u];
            int filled = 0;
            while (filled < negatives) {
                int j = rng.nextInt(numItems);
                if (all.contains(u, j) || alreadyDrawn(cands, base + 1, base + 1 + filled, j)) {
                    continue;
                }
                cands[base + 1 + filled] = j;
                filled++;
            }
            row++;
        }
        return new CandidateSet(users, cands, width);
    }

    private static boolean alreadyDrawn(int[] a, int from, int to, int x) {
        for (int k = from; k < to; k++) {
            if (a[k] == x) {
                return true;
            }
        }
        return false;
    }

    /** A well-spread 64-bit seed per (seed, stream), so domains do not share random streams. */
    static long mix(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
