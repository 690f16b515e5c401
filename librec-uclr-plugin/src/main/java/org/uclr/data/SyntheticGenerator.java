package org.uclr.data;

import org.uclr.UclrException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded generator of multi-domain implicit feedback in which cross-domain transfer is real and
 * inactive users exist:
 * <ul>
 *   <li>each user has one latent taste vector shared by all domains, plus a smaller domain-specific part;</li>
 *   <li>each domain groups its items into topics (a latent vector each) and gives items a Zipf-like popularity;</li>
 *   <li>user activity is log-normal (long-tailed) and correlated across domains;</li>
 *   <li>a user's next item: with probability {@value #EXPLORE} any item by popularity, otherwise a topic
 *       drawn in proportion to its popularity mass times exp(taste . topic), then an item of that topic by
 *       popularity (duplicates redrawn). Taste thus decides topics in every domain: knowing a user's books
 *       says something about their music.</li>
 * </ul>
 * Every user has at least one interaction in every domain. Everything built on it says "synthetic".
 */
public final class SyntheticGenerator {
    private static final int LATENT = 16;
    private static final double TASTE_NORM = 4.0;
    private static final double DOMAIN_SPECIFIC_WEIGHT = 0.5;
    private static final double ACTIVITY_SIGMA = 1.1;
    private static final double DOMAIN_ACTIVITY_SIGMA = 0.5;
    private static final double POPULARITY_EXPONENT = 0.8;
    private static final double EXPLORE = 0.1;
    private static final int ITEMS_PER_TOPIC = 40;
    private static final int MAX_TOPICS = 200;
    private static final int MIN_ITEMS = 200;

    private final SyntheticPreset preset;
    private final double scale;
    private final long seed;

    /**
     * @param preset sizes to match
     * @param scale  multiplies users, items and interactions (1 = the preset as is)
     * @param seed   generator seed (the same seed gives the same dataset)
     */
    public SyntheticGenerator(SyntheticPreset preset, double scale, long seed) {
        if (!(scale > 0 && scale <= 1)) {
            throw new UclrException("data.synthetic.scale=" + scale + " is out of range: expected (0, 1]");
        }
        this.preset = preset;
        this.scale = scale;
        this.seed = seed;
    }

    public String datasetName() {
        String base = "synthetic-" + preset.name().toLowerCase(Locale.ROOT);
        return scale == 1.0 ? base : base + "-x" + scale;
    }

    public MultiDomainDataset generate() {
        SplittableRandom root = new SplittableRandom(seed);
        int numUsers = scaled(preset.users());
        double[][] taste = unitRows(numUsers, root.split(), TASTE_NORM);
        double[] activity = new double[numUsers];
        SplittableRandom actRng = root.split();
        for (int u = 0; u < numUsers; u++) {
            activity[u] = Math.exp(ACTIVITY_SIGMA * gaussian(actRng));
        }
        String[] userIds = new String[numUsers];
        for (int u = 0; u < numUsers; u++) {
            userIds[u] = "u" + u;
        }
        List<Domain> domains = new ArrayList<>();
        for (int d = 0; d < preset.domains().size(); d++) {
            int numItems = Math.max(MIN_ITEMS, scaled(preset.items(d)));
            int target = Math.max(numUsers, scaled(preset.interactions(d)));
            domains.add(generateDomain(preset.domains().get(d), numItems, target, taste, activity, root.split()));
        }
        return new MultiDomainDataset(datasetName(), true, userIds, domains);
    }

    private Domain generateDomain(String name, int numItems, int target, double[][] taste, double[] activity,
                                  SplittableRandom rng) {
        int numUsers = taste.length;
        int numTopics = Math.max(4, Math.min(MAX_TOPICS, numItems / ITEMS_PER_TOPIC));
        double[][] topics = unitRows(numTopics, rng.split(), 1.0);
        int[] topicOf = new int[numItems];
        SplittableRandom topicRng = rng.split();
        for (int i = 0; i < numItems; i++) {
            topicOf[i] = topicRng.nextInt(numTopics);
        }
        double[] popularity = zipfWeights(numItems, rng.split());
        TopicIndex index = new TopicIndex(numTopics, topicOf, popularity);
        double[][] domainTaste = unitRows(numUsers, rng.split(), TASTE_NORM * DOMAIN_SPECIFIC_WEIGHT);
        double[] wanted = new double[numUsers];
        SplittableRandom actRng = rng.split();
        for (int u = 0; u < numUsers; u++) {
            wanted[u] = activity[u] * Math.exp(DOMAIN_ACTIVITY_SIGMA * gaussian(actRng));
        }
        // every user keeps enough never-seen items for 99 sampled negatives
        int[] counts = countsSummingTo(wanted, target, Math.min(numItems / 2, numItems - 100));
        int[][] rows = new int[numUsers][];
        SplittableRandom pick = rng.split();
        for (int u = 0; u < numUsers; u++) {
            rows[u] = pickItems(taste[u], domainTaste[u], topics, index, counts[u], pick);
        }
        String[] itemIds = new String[numItems];
        for (int i = 0; i < numItems; i++) {
            itemIds[i] = name.charAt(0) + "" + i;
        }
        return new Domain(name, itemIds, UserItemMatrix.fromRows(numItems, rows));
    }

    private static int[] pickItems(double[] taste, double[] domainTaste, double[][] topics, TopicIndex index,
                                   int count, SplittableRandom rng) {
        int numTopics = topics.length;
        double[] topicCum = new double[numTopics];
        double sum = 0;
        for (int k = 0; k < numTopics; k++) {
            double affinity = 0;
            for (int f = 0; f < LATENT; f++) {
                affinity += (taste[f] + domainTaste[f]) * topics[k][f];
            }
            sum += index.mass(k) * Math.exp(affinity);
            topicCum[k] = sum;
        }
        java.util.LinkedHashSet<Integer> chosen = new java.util.LinkedHashSet<>();
        int attempts = 0;
        while (chosen.size() < count && attempts < 100 * count + 1000) {
            attempts++;
            int item;
            if (rng.nextDouble() < EXPLORE) {
                item = index.anyItem(rng.nextDouble());
            } else {
                int k = sample(topicCum, rng.nextDouble() * sum);
                item = index.itemOfTopic(k, rng.nextDouble());
            }
            chosen.add(item);
        }
        for (int i = 0; chosen.size() < count; i++) {
            chosen.add(index.anyItem((i + 0.5) / (count + 1.0)));
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Items grouped by topic, with cumulative popularity for sampling inside a topic or overall. */
    private static final class TopicIndex {
        private final int[][] items;
        private final double[][] cumulative;
        private final double[] mass;
        private final double[] overall;

        TopicIndex(int numTopics, int[] topicOf, double[] popularity) {
            int[] size = new int[numTopics];
            for (int t : topicOf) {
                size[t]++;
            }
            items = new int[numTopics][];
            cumulative = new double[numTopics][];
            mass = new double[numTopics];
            for (int k = 0; k < numTopics; k++) {
                items[k] = new int[size[k]];
                cumulative[k] = new double[size[k]];
            }
            int[] fill = new int[numTopics];
            overall = new double[topicOf.length];
            double total = 0;
            for (int i = 0; i < topicOf.length; i++) {
                int k = topicOf[i];
                mass[k] += popularity[i];
                items[k][fill[k]] = i;
                cumulative[k][fill[k]] = mass[k];
                fill[k]++;
                total += popularity[i];
                overall[i] = total;
            }
        }

        double mass(int topic) {
            return mass[topic];
        }

        int itemOfTopic(int topic, double r) {
            if (items[topic].length == 0) {
                return anyItem(r);
            }
            return items[topic][sample(cumulative[topic], r * mass[topic])];
        }

        int anyItem(double r) {
            return sample(overall, r * overall[overall.length - 1]);
        }
    }

    /** Integer counts proportional to wanted, each in [1, cap], summing to about target. */
    private static int[] countsSummingTo(double[] wanted, int target, int cap) {
        double lo = 0;
        double hi = 1;
        while (total(wanted, hi, cap) < target && hi < 1e12) {
            hi *= 2;
        }
        for (int it = 0; it < 100; it++) {
            double mid = (lo + hi) / 2;
            if (total(wanted, mid, cap) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        int[] counts = new int[wanted.length];
        for (int u = 0; u < wanted.length; u++) {
            counts[u] = clampCount(wanted[u] * hi, cap);
        }
        return counts;
    }

    private static long total(double[] wanted, double c, int cap) {
        long sum = 0;
        for (double w : wanted) {
            sum += clampCount(w * c, cap);
        }
        return sum;
    }

    private static int clampCount(double x, int cap) {
        return (int) Math.max(1, Math.min(cap, Math.round(x)));
    }

    private static double[] zipfWeights(int n, SplittableRandom rng) {
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = rank[i];
            rank[i] = rank[j];
            rank[j] = t;
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = Math.pow(rank[i] + 1, -POPULARITY_EXPONENT);
        }
        return w;
    }

    /** The first index whose cumulative value reaches r (r in [0, last]). */
    private static int sample(double[] cumulative, double r) {
        int idx = Arrays.binarySearch(cumulative, r);
        int i = idx >= 0 ? idx : -idx - 1;
        return Math.min(i, cumulative.length - 1);
    }

    private static double[][] unitRows(int n, SplittableRandom rng, double norm) {
        double[][] rows = new double[n][LATENT];
        for (int r = 0; r < n; r++) {
            double sq = 0;
            for (int f = 0; f < LATENT; f++) {
                rows[r][f] = gaussian(rng);
                sq += rows[r][f] * rows[r][f];
            }
            double s = norm / Math.sqrt(sq);
            for (int f = 0; f < LATENT; f++) {
                rows[r][f] *= s;
            }
        }
        return rows;
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1 + 1e-300)) * Math.cos(2 * Math.PI * u2);
    }

    private int scaled(int n) {
        return (int) Math.max(1, Math.round(n * scale));
    }
}
