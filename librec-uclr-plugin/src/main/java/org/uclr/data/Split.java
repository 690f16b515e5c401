package org.uclr.data;

import java.util.List;

/**
 * The leave-one-out split and negatives of every domain of one dataset for one seed.
 *
 * @param fingerprint the dataset fingerprint it was made for
 * @param seed        the split seed
 * @param negatives   sampled negatives per held-out item
 * @param domains     per-domain splits, in dataset domain order
 */
public record Split(String fingerprint, long seed, int negatives, List<DomainSplit> domains) {

    public Split {
        domains = List.copyOf(domains);
    }

    public DomainSplit domain(int d) {
        return domains.get(d);
    }

    /** Training interactions of each user over all domains. */
    public int[] trainActivity() {
        int[] activity = new int[domains.get(0).train().numUsers()];
        for (DomainSplit s : domains) {
            for (int u = 0; u < activity.length; u++) {
                activity[u] += s.train().rowSize(u);
            }
        }
        return activity;
    }
}
