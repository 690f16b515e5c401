package org.uclr.data;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.UclrException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns raw per-domain interactions into a {@link MultiDomainDataset}: removes duplicated
 * (user, item) lines (counted and logged), keeps the users the {@link UserPolicy} asks for and
 * indexes users and items in a deterministic order that does not depend on line order.
 */
public final class DatasetAssembler {
    private static final Logger LOG = LogManager.getLogger(DatasetAssembler.class);

    /** Orders numeric ids numerically and everything else lexicographically, numbers first. */
    static final Comparator<String> ID_ORDER = (a, b) -> {
        boolean na = isInteger(a);
        boolean nb = isInteger(b);
        if (na && nb) {
            int c = Long.compare(Long.parseLong(a), Long.parseLong(b));
            return c != 0 ? c : a.compareTo(b);
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    };

    private DatasetAssembler() {
    }

    private static boolean isInteger(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = s.charAt(0) == '-' ? 1 : 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return s.length() > (s.charAt(0) == '-' ? 1 : 0);
    }

    /**
     * @param name   dataset name
     * @param raw    per-domain raw interactions, in domain order
     * @param policy which users to keep
     */
    public static MultiDomainDataset assemble(String name, LinkedHashMap<String, RawInteractions> raw, UserPolicy policy) {
        if (raw.isEmpty()) {
            throw new UclrException("no domains configured");
        }
        Map<String, Map<String, Set<String>>> itemsByUserByDomain = new LinkedHashMap<>();
        for (Map.Entry<String, RawInteractions> e : raw.entrySet()) {
            RawInteractions r = e.getValue();
            Map<String, Set<String>> byUser = new HashMap<>();
            int duplicates = 0;
            for (int k = 0; k < r.size(); k++) {
                if (!byUser.computeIfAbsent(r.users().get(k), u -> new HashSet<>()).add(r.items().get(k))) {
                    duplicates++;
                }
            }
            if (duplicates > 0) {
                LOG.info("{}: dropped {} duplicated (user, item) line(s) of {} in {}", e.getKey(), duplicates,
                        r.size(), r.source());
            }
            itemsByUserByDomain.put(e.getKey(), byUser);
        }
        Set<String> users = null;
        for (Map<String, Set<String>> byUser : itemsByUserByDomain.values()) {
            if (users == null) {
                users = new HashSet<>(byUser.keySet());
            } else if (policy == UserPolicy.OVERLAP) {
                users.retainAll(byUser.keySet());
            } else {
                users.addAll(byUser.keySet());
            }
        }
        if (users.isEmpty()) {
            throw new UclrException("no user is present in every domain " + raw.keySet()
                    + " (data.users=overlap); check that user ids are shared across the files, or use data.users=union");
        }
        String[] userIds = users.stream().sorted(ID_ORDER).toArray(String[]::new);
        Map<String, Integer> userIndex = new HashMap<>();
        for (int u = 0; u < userIds.length; u++) {
            userIndex.put(userIds[u], u);
        }
        List<Domain> domains = new ArrayList<>();
        for (Map.Entry<String, Map<String, Set<String>>> e : itemsByUserByDomain.entrySet()) {
            domains.add(buildDomain(e.getKey(), e.getValue(), userIds, userIndex));
        }
        MultiDomainDataset ds = new MultiDomainDataset(name, false, userIds, domains);
        LOG.info("dataset {}: {} users ({}), {}", name, userIds.length, policy.name().toLowerCase(), domains);
        return ds;
    }

    private static Domain buildDomain(String domainName, Map<String, Set<String>> byUser, String[] userIds,
                                      Map<String, Integer> userIndex) {
        Set<String> itemSet = new LinkedHashSet<>();
        for (String u : userIds) {
            Set<String> items = byUser.get(u);
            if (items != null) {
                itemSet.addAll(items);
            }
        }
        if (itemSet.isEmpty()) {
            throw new UclrException("domain '" + domainName + "' has no interactions among the kept users");
        }
        String[] itemIds = itemSet.stream().sorted(ID_ORDER).toArray(String[]::new);
        Map<String, Integer> itemIndex = new HashMap<>();
        for (int i = 0; i < itemIds.length; i++) {
            itemIndex.put(itemIds[i], i);
        }
        int[][] rows = new int[userIds.length][];
        for (Map.Entry<String, Set<String>> e : byUser.entrySet()) {
            Integer u = userIndex.get(e.getKey());
            if (u != null) {
                rows[u] = e.getValue().stream().mapToInt(itemIndex::get).toArray();
            }
        }
        return new Domain(domainName, itemIds, UserItemMatrix.fromRows(itemIds.length, rows));
    }
}
