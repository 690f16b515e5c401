package org.uclr.eval;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uclr.UclrException;
import org.uclr.data.CandidateSet;
import org.uclr.data.DomainSplit;
import org.uclr.data.LeaveOneOutSplitter;
import org.uclr.data.Split;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full-ranking protocol against a brute-force computation on a toy domain: plain loops over every
 * item for the counts and the top lists, and for the metrics an average over every ordering of the
 * tied items (independent of RankMetric's closed range form).
 */
class FullRankingTest {
    private static final int ITEMS = 8;
    /** Training items per user; user 1 has none, user 4 has no test item. */
    private static final int[][] TRAIN = {{1, 2}, {}, {0, 3, 5}, {7}, {2}};
    private static final int[] VALID = {6, -1, 4, -1, -1};
    private static final int[] TEST = {3, 0, 7, 1, -1};
    /**
     * Scores [user][item], integers so that ties are exact. The excluded items score high, so that an
     * implementation that forgot to exclude them would rank the positive lower.
     */
    private static final float[][] SCORES = {
            {1, 9, 9, 2, 2, 0, 9, 2},   // positive 3 (2): tied with items 4 and 7, nothing above; 1, 2, 6 excluded
            {3, 3, 3, 3, 3, 3, 3, 3},   // positive 0: everything ties (a constant scorer)
            {9, 4, 5, 9, 9, 9, 6, 5},   // positive 7 (5): item 6 above, item 2 tied; 0, 3, 4, 5 excluded
            {0, 1, 2, 3, 4, 5, 6, 9},   // positive 1 (1): 2..6 above, 0 below; 7 excluded
            {5, 5, 9, 5, 1, 1, 5, 5}};  // no test item: only its top list

    private static DomainSplit split() {
        int[] users = {0, 1, 2, 3};
        int[] positives = {3, 0, 7, 1};
        return new DomainSplit(UserItemMatrix.fromRows(ITEMS, TRAIN), TEST, VALID,
                new CandidateSet(users, positives, 1), new CandidateSet(new int[0], new int[0], 1));
    }

    private static FullRanking.Result rank(int topK, int scoresPerChunk) {
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1)) {
            return FullRanking.rank("books", split(), topK, (step, users) -> table(step, users.toLongArray()),
                    engine::newStep, scoresPerChunk);
        }
    }

    private static ai.djl.ndarray.NDArray table(NDManager step, long[] users) {
        float[] flat = new float[users.length * ITEMS];
        for (int r = 0; r < users.length; r++) {
            System.arraycopy(SCORES[(int) users[r]], 0, flat, r * ITEMS, ITEMS);
        }
        return step.create(flat, new Shape(users.length, ITEMS));
    }

    private static boolean excluded(int user, int item) {
        return Arrays.stream(TRAIN[user]).anyMatch(i -> i == item) || VALID[user] == item;
    }

    @Test
    void countsMatchBruteForceOverEveryItemTheUserDidNotTrainOrValidateOn() {
        FullRanking.Result result = rank(3, FullRanking.SCORES_PER_CHUNK);
        int[] users = result.ranked().users();
        assertArrayEquals(new int[]{0, 1, 2, 3}, users);
        for (int r = 0; r < users.length; r++) {
            int u = users[r];
            float positive = SCORES[u][TEST[u]];
            int greater = 0;
            int ties = 0;
            int ranked = 0;
            for (int i = 0; i < ITEMS; i++) {
                if (excluded(u, i)) {
                    continue;
                }
                ranked++;
                if (i != TEST[u] && SCORES[u][i] > positive) {
                    greater++;
                } else if (i != TEST[u] && SCORES[u][i] == positive) {
                    ties++;
                }
            }
            assertEquals(greater, result.ranked().counts().greater()[r], "greater, user " + u);
            assertEquals(ties, result.ranked().counts().ties()[r], "ties, user " + u);
            assertEquals(ranked, result.rankedItems()[r], "ranked items, user " + u);
            assertEquals(positive, result.positiveScores()[r], "positive score, user " + u);
            assertEquals(TEST[u], result.positives()[r]);
        }
        // the hand-worked rows of the table's comments
        assertArrayEquals(new int[]{0, 0, 1, 5}, result.ranked().counts().greater());
        assertArrayEquals(new int[]{2, 7, 1, 0}, result.ranked().counts().ties());
    }

    @Test
    void metricsMatchTheAverageOverEveryOrderingOfTheTiedItems() {
        FullRanking.Result result = rank(3, FullRanking.SCORES_PER_CHUNK);
        Split split = new Split("toy", 1, 1, List.of(split()));
        List<MetricColumn> columns = MetricColumn.fullRanking(List.of(1, 3, 5));
        EvaluationReport report = EvaluationReportBuilder.of(columns, 0, 2).build(List.of(result.ranked()), split);
        MetricValues all = report.domains().get(0).all();
        assertEquals(4, all.users());
        for (int k : new int[]{1, 3, 5}) {
            double hr = 0;
            double ndcg = 0;
            double mrr = 0;
            for (int r = 0; r < 4; r++) {
                int greater = result.ranked().counts().greater()[r];
                int ties = result.ranked().counts().ties()[r];
                hr += orderings(greater, ties, k, rank -> 1.0);
                ndcg += orderings(greater, ties, k, rank -> 1 / (Math.log(rank + 2) / Math.log(2)));
                mrr += orderings(greater, ties, k, rank -> 1.0 / (rank + 1));
            }
            assertEquals(hr / 4, all.get("HR@" + k), 1e-12, "HR@" + k);
            assertEquals(ndcg / 4, all.get("NDCG@" + k), 1e-12, "NDCG@" + k);
            assertEquals(mrr / 4, all.get("MRR@" + k), 1e-12, "MRR@" + k);
            assertEquals(all.get("HR@" + k), all.get("Recall@" + k), 0.0, "one held-out item: Recall = HR");
        }
        // user 0 (rank uniform on 0..2) and user 1 (0..7) at K = 1: HR = (1/3 + 1/8) / 4
        assertEquals((1.0 / 3 + 1.0 / 8) / 4, all.get("HR@1"), 1e-12);
    }

    /**
     * The positive's gain averaged over every ordering of itself and its tied items, placed after the
     * {@code greater} items above it; 0 outside the cutoff.
     */
    private static double orderings(int greater, int ties, int k, java.util.function.IntToDoubleFunction gain) {
        List<int[]> perms = new ArrayList<>();
        permute(new int[ties + 1], 0, new boolean[ties + 1], perms);
        double sum = 0;
        for (int[] p : perms) {
            int at = 0;
            while (p[at] != 0) {          // item 0 of the block is the positive
                at++;
            }
            int rank = greater + at;
            sum += rank < k ? gain.applyAsDouble(rank) : 0;
        }
        return sum / perms.size();
    }

    private static void permute(int[] p, int pos, boolean[] used, List<int[]> out) {
        if (pos == p.length) {
            out.add(p.clone());
            return;
        }
        for (int v = 0; v < p.length; v++) {
            if (!used[v]) {
                used[v] = true;
                p[pos] = v;
                permute(p, pos + 1, used, out);
                used[v] = false;
            }
        }
    }

    @Test
    void topListsAreTheBestRankedItemsWithTiesByItemIndex() {
        int k = 3;
        TopItems top = rank(k, FullRanking.SCORES_PER_CHUNK).top();
        assertEquals(5, top.numUsers(), "every user, with or without a test item");
        for (int u = 0; u < 5; u++) {
            int user = u;
            List<Integer> expected = java.util.stream.IntStream.range(0, ITEMS).filter(i -> !excluded(user, i)).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -SCORES[user][i]).thenComparingInt(i -> i))
                    .limit(k).toList();
            assertEquals(expected.size(), top.length(u));
            for (int r = 0; r < expected.size(); r++) {
                assertEquals(expected.get(r), top.item(u, r), "user " + u + " rank " + r);
                assertEquals(SCORES[u][expected.get(r)], top.score(u, r));
            }
        }
        // user 4: 2 excluded; five items tie at 5 and only three fit: the lowest indices 0, 1, 3
        assertEquals(List.of(0, 1, 3), List.of(top.item(4, 0), top.item(4, 1), top.item(4, 2)));
    }

    /**
     * Rows without a tie at the cut take a short way (the k + 1 best scores alone), rows with one the long way;
     * both must give the brute-force lists. Random scores over 200 items: row 0 ties at the cut (two items share
     * the k-th score), row 1 ties only above it, row 2 has 3 ranked items for a list of 5, the others are untied.
     * One user per chunk sends each row its own way; one chunk of all sends them all the long way.
     */
    @Test
    void topListsAreTheBruteForceListsWithAndWithoutTiesAtTheCut() {
        int users = 12;
        int items = 200;
        int k = 5;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        float[][] scores = new float[users][items];
        int[][] train = new int[users][];
        for (int u = 0; u < users; u++) {
            for (int i = 0; i < items; i++) {
                scores[u][i] = (float) rng.nextGaussian();
            }
            train[u] = rng.ints(rng.nextInt(4), 0, items).distinct().sorted().toArray();
        }
        train[2] = java.util.stream.IntStream.range(3, items).toArray();
        int[] bestTwo = java.util.stream.IntStream.range(0, items).filter(i -> Arrays.binarySearch(train[0], i) < 0)
                .boxed().sorted(Comparator.comparingDouble(i -> -scores[0][i])).mapToInt(i -> i).toArray();
        scores[0][bestTwo[k]] = scores[0][bestTwo[k - 1]];   // the (k+1)-th ties the k-th
        scores[1][17] = 9f;                                   // two items tie at the top, far above the cut
        scores[1][3] = 9f;
        int[] valid = new int[users];
        Arrays.fill(valid, -1);
        int[] test = new int[users];
        Arrays.fill(test, -1);
        DomainSplit split = new DomainSplit(UserItemMatrix.fromRows(items, train), test, valid,
                new CandidateSet(new int[0], new int[0], 1), new CandidateSet(new int[0], new int[0], 1));
        for (int perChunk : new int[]{items, users * items}) {
            TopItems top;
            try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1)) {
                top = FullRanking.rank("books", split, k, (step, idx) -> {
                    long[] rows = idx.toLongArray();
                    float[] flat = new float[rows.length * items];
                    for (int r = 0; r < rows.length; r++) {
                        System.arraycopy(scores[(int) rows[r]], 0, flat, r * items, items);
                    }
                    return step.create(flat, new Shape(rows.length, items));
                }, engine::newStep, perChunk).top();
            }
            for (int u = 0; u < users; u++) {
                int user = u;
                List<Integer> expected = java.util.stream.IntStream.range(0, items)
                        .filter(i -> Arrays.binarySearch(train[user], i) < 0).boxed()
                        .sorted(Comparator.<Integer>comparingDouble(i -> -scores[user][i]).thenComparingInt(i -> i))
                        .limit(k).toList();
                assertEquals(expected.size(), top.length(u), "user " + u);
                for (int r = 0; r < expected.size(); r++) {
                    assertEquals(expected.get(r), top.item(u, r), "chunk " + perChunk + ", user " + u + " rank " + r);
                    assertEquals(scores[u][expected.get(r)], top.score(u, r));
                }
            }
        }
    }

    @Test
    void aListLongerThanTheRankableItemsStopsAtThem() {
        TopItems top = rank(ITEMS, FullRanking.SCORES_PER_CHUNK).top();
        assertEquals(ITEMS - 4, top.length(2), "user 2 trains on 3 items and validates on 1; its test item ranks");
        assertEquals(-1, top.item(2, ITEMS - 1));
        assertTrue(Float.isNaN(top.score(2, ITEMS - 1)));
    }

    @Test
    void chunksOfUsersGiveTheSameResultAsOnePass() {
        FullRanking.Result whole = rank(4, FullRanking.SCORES_PER_CHUNK);
        FullRanking.Result chunked = rank(4, 2 * ITEMS); // two users per chunk
        assertArrayEquals(whole.ranked().counts().greater(), chunked.ranked().counts().greater());
        assertArrayEquals(whole.ranked().counts().ties(), chunked.ranked().counts().ties());
        assertArrayEquals(whole.top().items(), chunked.top().items());
        assertArrayEquals(whole.top().scores(), chunked.top().scores());
    }

    @Test
    void aNaNScoreIsAnErrorNamingTheUser() {
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1)) {
            UclrException e = assertThrows(UclrException.class, () -> FullRanking.rank("music", split(), 2,
                    (step, users) -> {
                        float[] flat = new float[(int) users.size() * ITEMS];
                        flat[2 * ITEMS + 5] = Float.NaN; // user 2, an excluded item: still an error
                        return step.create(flat, new Shape(users.size(), ITEMS));
                    }, engine::newStep));
            assertTrue(e.getMessage().startsWith("NaN score in domain 'music' for user index 2"), e.getMessage());
        }
    }

    @Test
    void onARealSplitTheTestUsersAreTheSampledProtocolsUsers() {
        var data = org.uclr.testing.Fixtures.synthetic(0.05);
        Split s = new LeaveOneOutSplitter(20).split(data, 3);
        DomainSplit d = s.domain(0);
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1)) {
            FullRanking.Result r = FullRanking.rank("x", d, 5,
                    (step, users) -> step.zeros(new Shape(users.size(), d.train().numItems())), engine::newStep);
            assertArrayEquals(d.test().users(), r.ranked().users());
            for (int row = 0; row < d.test().size(); row++) {
                int u = d.test().users()[row];
                // a constant scorer ties the positive with every other ranked item
                assertEquals(0, r.ranked().counts().greater()[row]);
                assertEquals(d.train().numItems() - d.train().rowSize(u) - (d.validItem()[u] >= 0 ? 1 : 0) - 1,
                        r.ranked().counts().ties()[row]);
            }
        }
    }
}
