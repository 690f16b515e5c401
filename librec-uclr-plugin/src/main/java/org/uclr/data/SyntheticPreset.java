package org.uclr.data;

import java.util.List;

/**
 * Sizes for the synthetic generator. {@code DOUBAN} and {@code AMAZON} copy the user, item and
 * interaction counts of the paper's Table 1; {@code SMALL} is the fast embedded default.
 */
public enum SyntheticPreset {
    SMALL(2_000, List.of("books", "movies", "music"),
            new int[]{2_000, 1_500, 1_000}, new int[]{24_000, 21_000, 15_000}),
    DOUBAN(1_733, List.of("books", "movies", "music"),
            new int[]{90_096, 33_728, 79_179}, new int[]{206_609, 967_475, 176_556}),
    AMAZON(26_507, List.of("books", "movies", "electronics"),
            new int[]{102_800, 14_912, 26_933}, new int[]{311_539, 153_361, 119_342});

    private final int users;
    private final List<String> domains;
    private final int[] items;
    private final int[] interactions;

    SyntheticPreset(int users, List<String> domains, int[] items, int[] interactions) {
        this.users = users;
        this.domains = domains;
        this.items = items;
        this.interactions = interactions;
    }

    public int users() {
        return users;
    }

    public List<String> domains() {
        return domains;
    }

    public int items(int domain) {
        return items[domain];
    }

    public int interactions(int domain) {
        return interactions[domain];
    }
}
