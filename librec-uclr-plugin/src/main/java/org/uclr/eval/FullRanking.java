package org.uclr.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.uclr.UclrException;
import org.uclr.data.CandidateSet;
import org.uclr.data.DomainSplit;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.MallocTrim;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The full-ranking protocol of one domain (RecBole's "full sort"): each test user's held-out positive is
 * ranked against every item of the domain except the user's own training and validation items. The same
 * pass keeps every user's top-K items under the same exclusions: the recommendations.
 *
 * <p>Users are scored in chunks of rows, so at most {@link #SCORES_PER_CHUNK} scores exist at a time
 * (Douban Books: 95 users x 87,670 items), and the counts are tensor reductions over the chunk: no item
 * list is ever sorted, in Java or in a tensor. Ties follow the sampled protocol's rule ({@link RankMetric}):
 * greater = ranked items scored strictly above the positive, ties = the other ranked items scored equal
 * to it. The top-K list breaks ties by item index (lower first), so it does not depend on the kernel.
 */
public final class FullRanking {
    /** Scores held at once: 8M float32 (32 MB) plus a few masks of the same shape. */
    public static final int SCORES_PER_CHUNK = 1 << 23;

    private FullRanking() {
    }

    /** Scores users [n] (global user indices, int64) against every item of the domain: [n, numItems] float32. */
    @FunctionalInterface
    public interface AllItemScorer {
        NDArray score(NDManager step, NDArray users);
    }

    /**
     * What one domain's pass produced.
     *
     * @param ranked         the test users' rank counts, in the order of the domain's test candidates
     * @param positives      per test user, the held-out positive (local item index)
     * @param positiveScores per test user, the held-out positive's score
     * @param rankedItems    per test user, how many items the positive was ranked among (itself included)
     * @param top            every user's top items
     */
    public record Result(RankedUsers ranked, int[] positives, float[] positiveScores, int[] rankedItems, TopItems top) {
    }

    /**
     * Ranks one domain.
     *
     * @param domain the domain's name (for messages and the report)
     * @param split  the domain's split: what to exclude per user, and the test users with their positives
     * @param topK   length of the recommendation lists
     * @param scorer the model's scores against every item
     * @param steps  a fresh manager per chunk (closed after it)
     * @throws UclrException if a score is NaN (a diverged model: skipping it would flatter the model)
     */
    public static Result rank(String domain, DomainSplit split, int topK, AllItemScorer scorer,
                              Supplier<NDManager> steps) {
        return rank(domain, split, topK, scorer, steps, SCORES_PER_CHUNK);
    }

    /** As {@link #rank(String, DomainSplit, int, AllItemScorer, Supplier)}, with at most {@code scoresPerChunk} scores at a time. */
    static Result rank(String domain, DomainSplit split, int topK, AllItemScorer scorer, Supplier<NDManager> steps,
                       int scoresPerChunk) {
        UserItemMatrix train = split.train();
        int numUsers = train.numUsers();
        int numItems = train.numItems();
        CandidateSet test = split.test();
        int[] testRow = new int[numUsers];
        Arrays.fill(testRow, -1);
        for (int r = 0; r < test.size(); r++) {
            testRow[test.users()[r]] = r;
        }
        int[] greater = new int[test.size()];
        int[] ties = new int[test.size()];
        int[] ranked = new int[test.size()];
        float[] positive = new float[test.size()];
        int[] topItems = new int[numUsers * topK];
        float[] topScores = new float[numUsers * topK];
        Arrays.fill(topItems, -1);
        Arrays.fill(topScores, Float.NaN);

        int rowsPerChunk = Math.max(1, Math.min(numUsers, scoresPerChunk / Math.max(1, numItems)));
        for (int start = 0; start < numUsers; start += rowsPerChunk) {
            int rows = Math.min(rowsPerChunk, numUsers - start);
            // the scope also releases what the model's ops attach elsewhere (e.g. to a table's manager)
            try (NDManager step = steps.get(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                long[] users = new long[rows];
                for (int r = 0; r < rows; r++) {
                    users[r] = start + r;
                }
                NDArray scores = scorer.score(step, step.create(users));
                if (!scores.getShape().equals(new Shape(rows, numItems))) {
                    throw new IllegalStateException("the all-items scorer of domain '" + domain + "' returned "
                            + scores.getShape() + " for " + rows + " users x " + numItems + " items");
                }
                scores = scores.toType(DataType.FLOAT32, false);
                checkNoNaN(domain, scores, start);
                NDArray candidate = candidateMask(step, split, start, rows);
                countAroundPositives(step, scores, candidate, test, testRow, start, greater, ties, positive);
                keepTop(scores, candidate, Math.min(topK, numItems), start, topK, topItems, topScores);
            }
            MallocTrim.trim();
        }
        int[] positives = new int[test.size()];
        for (int r = 0; r < test.size(); r++) {
            int u = test.users()[r];
            positives[r] = test.positive(r);
            ranked[r] = numItems - train.rowSize(u) - (split.validItem()[u] >= 0 ? 1 : 0);
        }
        int[] negatives = new int[ranked.length];
        for (int r = 0; r < ranked.length; r++) {
            negatives[r] = ranked[r] - 1;
        }
        RankedUsers rankedUsers = new RankedUsers(domain, test.users(), new ScoredDomain.RankCounts(greater, ties, negatives));
        return new Result(rankedUsers, positives, positive, ranked, new TopItems(topK, topItems, topScores));
    }

    private static void checkNoNaN(String domain, NDArray scores, int start) {
        long[] nanPerRow = scores.isNaN().sum(new int[]{1}).toLongArray();
        for (int r = 0; r < nanPerRow.length; r++) {
            if (nanPerRow[r] > 0) {
                throw new UclrException("NaN score in domain '" + domain + "' for user index " + (start + r)
                        + " (" + nanPerRow[r] + " items): the model diverged; lower the learning rate or check the inputs");
            }
        }
    }

    /** [rows, numItems] true where the item is ranked for the row's user: not one of its training or validation items. */
    static NDArray candidateMask(NDManager step, DomainSplit split, int start, int rows) {
        UserItemMatrix train = split.train();
        int numItems = train.numItems();
        int excluded = 0;
        for (int r = 0; r < rows; r++) {
            excluded += train.rowSize(start + r) + (split.validItem()[start + r] >= 0 ? 1 : 0);
        }
        long[] flat = new long[excluded];
        int k = 0;
        for (int r = 0; r < rows; r++) {
            long base = (long) r * numItems;
            for (int item : train.row(start + r)) {
                flat[k++] = base + item;
            }
            int valid = split.validItem()[start + r];
            if (valid >= 0) {
                flat[k++] = base + valid;
            }
        }
        NDArray mask = step.ones(new Shape((long) rows * numItems), DataType.BOOLEAN);
        if (excluded > 0) {
            mask = mask.put(step.create(flat), step.zeros(new Shape(excluded), DataType.BOOLEAN));
        }
        return mask.reshape(rows, numItems);
    }

    /**
     * keepTop from each row's k + 1 best scores alone, when every row's k-th best is finite and above its (k+1)-th:
     * the k best are then the items at or above the k-th score, the same set and order as the cumulative count
     * over a tied block gives, without the [rows, items] passes it takes (on Douban Books a full ranking of
     * LightGCN spent about half its time there). Writes nothing and returns false when a row ties at the cut, has
     * fewer than k ranked items, or scores -inf at its k-th (rows of a popularity count tie there: the long way).
     *
     * @param masked [rows, items] scores with the items not ranked at -inf
     */
    private static boolean keepTopWithoutTieAtTheCut(NDArray masked, int k, int start, int listLength, int[] topItems,
                                                     float[] topScores) {
        int rows = (int) masked.getShape().get(0);
        NDList best = masked.topK(k + 1, 1, true, true);                                        // [rows, k + 1], best first
        float[] values = best.get(0).toFloatArray();
        long[] items = best.get(1).toLongArray();
        for (int r = 0; r < rows; r++) {
            float kth = values[r * (k + 1) + k - 1];
            if (!(kth > Float.NEGATIVE_INFINITY && values[r * (k + 1) + k] < kth)) {
                return false;
            }
        }
        Integer[] order = new Integer[k];
        for (int r = 0; r < rows; r++) {
            int from = r * (k + 1);
            for (int j = 0; j < k; j++) {
                order[j] = from + j;
            }
            // by score, then the lower item first among ties above the cut (compared as the tensors compare them)
            Arrays.sort(order, (a, b) -> values[b] > values[a] ? 1 : values[b] < values[a] ? -1
                    : Long.compare(items[a], items[b]));
            int base = (start + r) * listLength;
            for (int j = 0; j < k; j++) {
                topItems[base + j] = (int) items[order[j]];
                topScores[base + j] = values[order[j]];
            }
        }
        return true;
    }

    /** The chunk's test users: ranked items above and equal to their positive. */
    private static void countAroundPositives(NDManager step, NDArray scores, NDArray candidate, CandidateSet test,
                                             int[] testRow,
                                             int start, int[] greater, int[] ties, float[] positive) {
        int rows = (int) scores.getShape().get(0);
        long[] positiveItem = new long[rows];
        boolean any = false;
        for (int r = 0; r < rows; r++) {
            int row = testRow[start + r];
            positiveItem[r] = row >= 0 ? test.positive(row) : 0;
            any |= row >= 0;
        }
        if (!any) {
            return;
        }
        NDArray pos = scores.gather(step.create(positiveItem).reshape(rows, 1), 1);                // [rows, 1]
        long[] above = scores.gt(pos).logicalAnd(candidate).sum(new int[]{1}).toLongArray();     // [rows]
        long[] equal = scores.eq(pos).logicalAnd(candidate).sum(new int[]{1}).toLongArray();     // [rows], the positive too
        float[] posScore = pos.toFloatArray();
        for (int r = 0; r < rows; r++) {
            int row = testRow[start + r];
            if (row < 0) {
                continue;
            }
            if (equal[r] < 1) {
                throw new IllegalStateException("the positive of user index " + (start + r) + " is not among its ranked items");
            }
            greater[row] = (int) above[r];
            ties[row] = (int) equal[r] - 1;
            positive[row] = posScore[r];
        }
    }

    /**
     * Each row's k best ranked items, ties broken by item index: all items above the k-th best score, then
     * the lowest-indexed items equal to it until k are chosen (a cumulative count over the tied block). Chunks
     * where no row ties at the cut take the short way ({@link #keepTopWithoutTieAtTheCut}).
     */
    private static void keepTop(NDArray scores, NDArray candidate, int k, int start, int listLength,
                                int[] topItems, float[] topScores) {
        NDArray masked = scores.duplicate();
        masked.set(candidate.logicalNot(), Float.NEGATIVE_INFINITY);                             // [rows, items]
        if (k < masked.getShape().get(1) && keepTopWithoutTieAtTheCut(masked, k, start, listLength, topItems, topScores)) {
            return;
        }
        NDArray kth = masked.topK(k, 1, true, false).get(0).min(new int[]{1}, true);             // [rows, 1]
        NDArray above = masked.gt(kth).logicalAnd(candidate);
        NDArray atKth = masked.eq(kth).logicalAnd(candidate);
        NDArray room = above.sum(new int[]{1}, true).neg().add(k);                              // [rows, 1]
        NDArray chosen = above.logicalOr(atKth.logicalAnd(atKth.toType(DataType.INT32, false).cumSum(1).lte(room)));
        long[] coords = chosen.nonzero().toLongArray();                                          // (row, item) row-major
        float[] values = masked.booleanMask(chosen).toFloatArray();
        int e = 0;
        while (e < values.length) {
            int row = (int) coords[2 * e];
            int end = e;
            while (end < values.length && coords[2 * end] == row) {
                end++;
            }
            Integer[] order = new Integer[end - e];
            for (int j = 0; j < order.length; j++) {
                order[j] = e + j;
            }
            // entries come in ascending item order; a stable sort by score keeps the lower item first among ties
            // (compared as the tensors compare them: -0.0 equals 0.0)
            Arrays.sort(order, (a, b) -> values[b] > values[a] ? 1 : values[b] < values[a] ? -1 : 0);
            int base = (start + row) * listLength;
            for (int j = 0; j < order.length; j++) {
                topItems[base + j] = (int) coords[2 * order[j] + 1];
                topScores[base + j] = values[order[j]];
            }
            e = end;
        }
    }
}
