package org.uclr.eval;

/**
 * Where each evaluated user's held-out positive ranks in one domain, under one protocol: what every
 * metric is computed from.
 *
 * @param domain domain name
 * @param users  evaluated users (global user indices), one per row of {@code counts}
 * @param counts per user, the items ranked above the positive and tied with it
 */
public record RankedUsers(String domain, int[] users, ScoredDomain.RankCounts counts) {
    public RankedUsers {
        if (users.length != counts.greater().length) {
            throw new IllegalArgumentException(users.length + " users for " + counts.greater().length + " rank counts");
        }
    }

    public int size() {
        return users.length;
    }
}
