package org.uclr.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Users shared across domains, items per domain, implicit feedback. The unit every model trains on.
 *
 * @param name      dataset name, used in output paths (e.g. "douban", "synthetic-small")
 * @param synthetic whether the data was generated; every output built on it must say so
 * @param userIds   raw id of every global user index
 * @param domains   the domains, in configuration order
 */
public record MultiDomainDataset(String name, boolean synthetic, String[] userIds, List<Domain> domains) {

    public MultiDomainDataset {
        domains = List.copyOf(domains);
        for (Domain d : domains) {
            if (d.interactions().numUsers() != userIds.length) {
                throw new IllegalArgumentException("domain " + d.name() + " has " + d.interactions().numUsers()
                        + " user rows, dataset has " + userIds.length + " users");
            }
        }
    }

    public int numUsers() {
        return userIds.length;
    }

    public int numDomains() {
        return domains.size();
    }

    public Domain domain(int d) {
        return domains.get(d);
    }

    public int domainIndex(String domainName) {
        for (int d = 0; d < domains.size(); d++) {
            if (domains.get(d).name().equals(domainName)) {
                return d;
            }
        }
        throw new IllegalArgumentException("no domain named " + domainName);
    }

    /** Offset of domain d's items in the global item index space (domains laid end to end). */
    public int itemOffset(int d) {
        int offset = 0;
        for (int k = 0; k < d; k++) {
            offset += domains.get(k).numItems();
        }
        return offset;
    }

    public int totalItems() {
        return itemOffset(domains.size());
    }

    public long totalInteractions() {
        return domains.stream().mapToLong(d -> d.interactions().nnz()).sum();
    }

    /**
     * A content hash of users, items and interactions: splits and negatives are cached under it, so
     * any change to the data gives a new split rather than a stale one.
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String u : userIds) {
                sha.update(u.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            for (Domain d : domains) {
                sha.update(d.name().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 1);
                for (String i : d.itemIds()) {
                    sha.update(i.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
                UserItemMatrix m = d.interactions();
                byte[] buf = new byte[4];
                for (int u = 0; u < m.numUsers(); u++) {
                    for (int i : m.row(u)) {
                        buf[0] = (byte) (i >>> 24);
                        buf[1] = (byte) (i >>> 16);
                        buf[2] = (byte) (i >>> 8);
                        buf[3] = (byte) i;
                        sha.update(buf);
                    }
                    sha.update((byte) 2);
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Total number of interactions of each user over all domains. */
    public int[] userActivity() {
        int[] activity = new int[userIds.length];
        for (Domain d : domains) {
            for (int u = 0; u < userIds.length; u++) {
                activity[u] += d.interactions().rowSize(u);
            }
        }
        return activity;
    }
}
