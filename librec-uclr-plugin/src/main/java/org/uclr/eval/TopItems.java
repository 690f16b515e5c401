package org.uclr.eval;

/**
 * Every user's top-K items of one domain, best first: the recommendations a trained model leaves
 * behind. Row u holds user u's list (global user index); a user with fewer than K rankable items has a
 * shorter list, padded with item -1.
 *
 * @param k      list length
 * @param items  [numUsers x k] local item indices, row-major, -1 after the end of a short list
 * @param scores [numUsers x k] their scores (NaN after the end)
 */
public record TopItems(int k, int[] items, float[] scores) {

    public TopItems {
        if (items.length != scores.length || (k > 0 && items.length % k != 0)) {
            throw new IllegalArgumentException(items.length + " items and " + scores.length + " scores for lists of " + k);
        }
    }

    public int numUsers() {
        return k == 0 ? 0 : items.length / k;
    }

    /** How many items user u's list holds (at most k). */
    public int length(int user) {
        int n = 0;
        while (n < k && items[user * k + n] >= 0) {
            n++;
        }
        return n;
    }

    /** The item at a 0-based rank of user u's list. */
    public int item(int user, int rank) {
        return items[user * k + rank];
    }

    public float score(int user, int rank) {
        return scores[user * k + rank];
    }
}
