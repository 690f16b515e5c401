package org.uclr.testing;

import org.uclr.engine.Validation;
import java.util.List;
import net.librec.conf.Configuration;
import net.librec.recommender.RecommenderContext;
import org.uclr.data.LeaveOneOutSplitter;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.data.MultiDomainDataset;
import org.uclr.data.Split;
import org.uclr.data.SyntheticGenerator;
import org.uclr.data.SyntheticPreset;
import org.uclr.data.CandidateSet;
import org.uclr.data.DomainSplit;
import org.uclr.data.UserItemMatrix;
import org.uclr.eval.RankMetric;
import org.uclr.eval.NDCGEvaluator;
import org.uclr.eval.ScoredDomain;
import org.uclr.model.MultiDomainRecommender;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small data and one-call training for tests (also used by the baselines module's tests). */
public final class Fixtures {
    private Fixtures() {
    }

    /** The shared real data folder (../shared/data from the project root), set by surefire. */
    public static Path sharedData() {
        return Path.of(System.getProperty("uclr.shared.data", "../shared/data"));
    }

    /** The project's root folder (README.md, ci/, conf/), set by surefire; the module's parent otherwise. */
    public static Path projectRoot() {
        return Path.of(System.getProperty("uclr.project.root", "..")).toAbsolutePath().normalize();
    }

    /** The small synthetic preset scaled down: scale 0.1 gives 200 users, >= 100 items per domain. */
    public static MultiDomainDataset synthetic(double scale) {
        return new SyntheticGenerator(SyntheticPreset.SMALL, scale, 7L).generate();
    }

    /**
     * A toy dataset on which a model must personalize to do well (synthetic; two domains "a" and "b").
     * Every user belongs to one of {@code groups} taste groups, the same in both domains; each domain's
     * items form one block per group. A user's interactions (6 to 20 per domain) come from the own
     * group's block with probability 0.8, else from any item, by a Zipf popularity (exponent 0.8) in
     * both cases. Popularity alone (MostPop) is thus a real reference, and knowing the user's group,
     * learnable from either domain, beats it. {@link #synthetic} data is too dominated by popularity for
     * that: there MostPop's test NDCG@10 (~0.27 at scale 0.1) is above what small, briefly trained
     * models reach.
     *
     * @param users         number of users
     * @param itemsPerGroup items per block (a domain has groups x itemsPerGroup items, at least 120)
     */
    public static MultiDomainDataset planted(int users, int groups, int itemsPerGroup, long seed) {
        return planted(users, groups, itemsPerGroup, seed, new int[][]{{6, 20}, {6, 20}});
    }

    /**
     * {@link #planted} with a cold domain "b": 1 to 4 interactions per user there (so a third of the users
     * have none left to train on after the leave-one-out split), 6 to 20 in "a". Only a model that carries
     * what it learned about a user from "a" over to "b" can rank "b" well for them.
     */
    public static MultiDomainDataset plantedColdDomain(int users, int groups, int itemsPerGroup, long seed) {
        return planted(users, groups, itemsPerGroup, seed, new int[][]{{6, 20}, {1, 4}});
    }

    /**
     * {@link #planted} with one domain per row of {@code activity} (named a, b, c, ...), each user's
     * number of interactions in domain d drawn uniformly from {@code activity[d][0]..activity[d][1]}.
     */
    public static MultiDomainDataset planted(int users, int groups, int itemsPerGroup, long seed, int[][] activity) {
        int numItems = groups * itemsPerGroup;
        if (numItems < 120) {
            throw new IllegalArgumentException("99 sampled negatives need at least 120 items per domain, got " + numItems);
        }
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        int[] group = new int[users];
        String[] userIds = new String[users];
        for (int u = 0; u < users; u++) {
            group[u] = rng.nextInt(groups);
            userIds[u] = "u" + u;
        }
        double[] cumulative = new double[itemsPerGroup];
        for (int r = 0; r < itemsPerGroup; r++) {
            cumulative[r] = (r == 0 ? 0 : cumulative[r - 1]) + Math.pow(r + 1, -0.8);
        }
        List<org.uclr.data.Domain> domains = new java.util.ArrayList<>();
        for (int d = 0; d < activity.length; d++) {
            String name = String.valueOf((char) ('a' + d));
            int[][] rows = new int[users][];
            for (int u = 0; u < users; u++) {
                int count = activity[d][0] + rng.nextInt(activity[d][1] - activity[d][0] + 1);
                java.util.Set<Integer> items = new java.util.LinkedHashSet<>();
                while (items.size() < count) {
                    int block = rng.nextDouble() < 0.8 ? group[u] : rng.nextInt(groups);
                    double x = rng.nextDouble() * cumulative[itemsPerGroup - 1];
                    int r = 0;
                    while (cumulative[r] < x) {
                        r++;
                    }
                    items.add(block * itemsPerGroup + r);
                }
                rows[u] = items.stream().mapToInt(Integer::intValue).toArray();
            }
            String[] itemIds = new String[numItems];
            for (int i = 0; i < numItems; i++) {
                itemIds[i] = name + i;
            }
            domains.add(new org.uclr.data.Domain(name, itemIds, UserItemMatrix.fromRows(numItems, rows)));
        }
        String name = "planted-g" + groups + "-b" + activity[1][0] + "-" + activity[1][1]
                + (activity.length == 2 ? "" : "-d" + activity.length);
        return new MultiDomainDataset(name, true, userIds, domains);
    }

    /** A LibRec data model over a dataset, split with 99 negatives for the given seed (not cached on disk). */
    public static MultiDomainDataModel dataModel(MultiDomainDataset data, long seed, Map<String, String> conf) {
        Split split = new LeaveOneOutSplitter(99).split(data, seed);
        return new MultiDomainDataModel(configuration(conf), data, split);
    }

    public static Configuration configuration(Map<String, String> values) {
        Configuration conf = new Configuration();
        values.forEach(conf::set);
        return conf;
    }

    /** Runs a recommender's whole lifecycle on a data model; returns it trained and scored. */
    public static <R extends MultiDomainRecommender> R train(R recommender, MultiDomainDataModel dataModel) {
        recommender.recommend(new RecommenderContext(dataModel.getConf(), dataModel));
        return recommender;
    }

    /** Macro test NDCG@10 of a trained recommender. */
    public static double testNdcg10(MultiDomainRecommender recommender) {
        NDCGEvaluator e = new NDCGEvaluator();
        e.setTopN(10);
        return recommender.evaluate(e);
    }

    /** A copy of {@code base} with the given key, value pairs set. */
    public static Map<String, String> with(Map<String, String> base, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up: " + keyValues.length + " strings");
        }
        Map<String, String> out = new HashMap<>(base);
        for (int k = 0; k < keyValues.length; k += 2) {
            out.put(keyValues[k], keyValues[k + 1]);
        }
        return out;
    }

    /** Every domain's test scores: one finite value per (user, candidate). */
    public static void assertFiniteScoreForEveryTestCandidate(MultiDomainRecommender recommender,
                                                              MultiDomainDataModel dataModel) {
        for (int d = 0; d < dataModel.dataset().numDomains(); d++) {
            ScoredDomain scored = recommender.testScores().domain(d);
            CandidateSet c = dataModel.split().domain(d).test();
            assertEquals(c.size() * c.width(), scored.scores().length, "domain " + d);
            for (float s : scored.scores()) {
                assertTrue(Float.isFinite(s), "domain " + d + " score " + s);
            }
        }
    }

    /**
     * The reference every trained model must beat on the same data: MostPop, each candidate scored by its
     * number of training interactions in the domain (ties resolved by the evaluator's exact expectation).
     *
     * @param which the candidates to rank ({@code DomainSplit::test} or {@code DomainSplit::validation})
     * @return the macro mean over domains of MostPop's NDCG@10
     */
    public static double mostPopularNdcg10(MultiDomainDataModel dataModel,
                                           java.util.function.Function<DomainSplit, CandidateSet> which) {
        double sum = 0;
        int n = dataModel.dataset().numDomains();
        for (int d = 0; d < n; d++) {
            sum += mostPopularNdcg10(dataModel.split().domain(d), which.apply(dataModel.split().domain(d)));
        }
        return sum / n;
    }

    /** MostPop's NDCG@10 on one domain's candidates. */
    public static double mostPopularNdcg10(DomainSplit domain, CandidateSet candidates) {
        UserItemMatrix train = domain.train();
        int[] count = new int[train.numItems()];
        for (int i : train.entryItems()) {
            count[i]++;
        }
        float[] scores = new float[candidates.candidates().length];
        for (int k = 0; k < scores.length; k++) {
            scores[k] = count[candidates.candidates()[k]];
        }
        return new ScoredDomain("mostpop", candidates, scores).rankCounts().mean(RankMetric.NDCG, 10);
    }

    /** The same dataset and split under another configuration (e.g. another model seed). */
    public static MultiDomainDataModel reconfigured(MultiDomainDataModel dataModel, Map<String, String> conf) {
        return new MultiDomainDataModel(configuration(conf), dataModel.dataset(), dataModel.split());
    }

    /**
     * Trains three times on one split: twice with {@code conf}'s rec.random.seed, once with another.
     * The first two must score every test candidate of every domain identically, the third differently
     * in every domain (the seed reaches initialization, negatives and batch order).
     */
    public static void assertTheSeedDecidesTheScores(java.util.function.Supplier<? extends MultiDomainRecommender> model,
                                                     MultiDomainDataModel dataModel, Map<String, String> conf) {
        long seed = Long.parseLong(conf.get("rec.random.seed"));
        MultiDomainRecommender a = train(model.get(), reconfigured(dataModel, conf));
        MultiDomainRecommender b = train(model.get(), reconfigured(dataModel, conf));
        MultiDomainRecommender c = train(model.get(), reconfigured(dataModel, with(conf, "rec.random.seed",
                String.valueOf(seed + 1))));
        for (int d = 0; d < dataModel.dataset().numDomains(); d++) {
            float[] sa = a.testScores().domain(d).scores();
            org.junit.jupiter.api.Assertions.assertArrayEquals(sa, b.testScores().domain(d).scores(),
                    "domain " + d + ": the same seed gives the same scores");
            org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(sa, c.testScores().domain(d).scores()),
                    "domain " + d + ": another seed gives other scores");
        }
    }

    /**
     * Training must make the scores better, on data where it must ({@link #planted}): the trained
     * model's test NDCG@10 beats both the untrained model's (the same keys with {@code untrained}
     * applied, e.g. a ~0 learning rate for one epoch) and MostPop's on the same split.
     *
     * @return {trained, untrained, MostPop} test NDCG@10
     */
    public static double[] assertTrainingBeatsTheUntrainedModelAndMostPop(
            java.util.function.Supplier<? extends MultiDomainRecommender> model, MultiDomainDataModel dataModel,
            Map<String, String> conf, String... untrained) {
        double mostPop = mostPopularNdcg10(dataModel, DomainSplit::test);
        double before = testNdcg10(train(model.get(), reconfigured(dataModel, with(conf, untrained))));
        double after = testNdcg10(train(model.get(), reconfigured(dataModel, conf)));
        String numbers = String.format(java.util.Locale.ROOT, "test NDCG@10 trained %.4f, untrained %.4f, MostPop %.4f",
                after, before, mostPop);
        assertTrue(after > before, numbers);
        assertTrue(after > mostPop, numbers);
        return new double[]{after, before, mostPop};
    }

    /** A validation signal for unit tests: domain k's value is {@code value.applyAsDouble(k)} at each call. */
    public static Validation validation(List<String> domains, java.util.function.IntToDoubleFunction value) {
        return new Validation() {
            @Override
            public List<String> domains() {
                return domains;
            }

            @Override
            public boolean hasUsers(int k) {
                return true;
            }

            @Override
            public double ndcg10(int k) {
                return value.applyAsDouble(k);
            }
        };
    }
}
