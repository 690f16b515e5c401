package org.uclr.data;

/**
 * The items to rank for each evaluated user of one domain: row r holds {@code width} local item
 * indices for user {@code users[r]}, the held-out positive first, then the sampled negatives.
 *
 * @param users      evaluated users (global user indices), ascending
 * @param candidates row-major [users.length x width] local item indices
 * @param width      candidates per user (1 positive + negatives)
 */
public record CandidateSet(int[] users, int[] candidates, int width) {

    public CandidateSet {
        if (candidates.length != users.length * width) {
            throw new IllegalArgumentException("candidates length " + candidates.length + " != " + users.length
                    + " x " + width);
        }
    }

    public int size() {
        return users.length;
    }

    public int positive(int row) {
        return candidates[row * width];
    }

    public int candidate(int row, int k) {
        return candidates[row * width + k];
    }
}
