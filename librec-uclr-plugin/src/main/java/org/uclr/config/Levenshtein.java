package org.uclr.config;

/** Edit distance, for "did you mean" suggestions on mistyped keys and recommender names. */
public final class Levenshtein {
    private Levenshtein() {
    }

    /**
     * The candidate closest to {@code name} by case-insensitive edit distance, if it is within
     * max(1, length / 3) edits; ties keep the earlier candidate.
     */
    public static java.util.Optional<String> closest(String name, java.util.Collection<String> candidates) {
        String wanted = name.toLowerCase(java.util.Locale.ROOT);
        int limit = Math.max(1, wanted.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(wanted, c.toLowerCase(java.util.Locale.ROOT));
            if (d <= limit && d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
