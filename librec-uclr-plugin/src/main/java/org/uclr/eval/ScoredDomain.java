package org.uclr.eval;

import org.uclr.UclrException;
import org.uclr.data.CandidateSet;

import java.util.Arrays;

/**
 * A model's scores for one domain's candidates, and where each held-out positive ranks among them.
 *
 * @param domain     domain name
 * @param candidates the candidates (positive first in every row)
 * @param scores     one score per candidate, row-major like {@code candidates.candidates()}
 */
public record ScoredDomain(String domain, CandidateSet candidates, float[] scores) {

    public ScoredDomain {
        if (scores.length != candidates.candidates().length) {
            throw new IllegalArgumentException("got " + scores.length + " scores for "
                    + candidates.candidates().length + " candidates");
        }
    }

    public int size() {
        return candidates.size();
    }

    /** Every row's rank counts with its user: what the report is built from. */
    public RankedUsers ranked() {
        return new RankedUsers(domain, candidates.users(), rankCounts());
    }

    /**
     * For every row: how many negatives score above the positive, and how many tie with it.
     * A NaN score is an error: silently skipping it would flatter the model.
     */
    public RankCounts rankCounts() {
        int n = candidates.size();
        int width = candidates.width();
        int[] greater = new int[n];
        int[] ties = new int[n];
        for (int r = 0; r < n; r++) {
            int base = r * width;
            float positive = scores[base];
            for (int k = 0; k < width; k++) {
                float s = scores[base + k];
                if (Float.isNaN(s)) {
                    throw new UclrException("NaN score in domain '" + domain + "' for user index "
                            + candidates.users()[r] + ", candidate item index " + candidates.candidate(r, k)
                            + ": the model diverged; lower the learning rate or check the inputs");
                }
                if (k > 0) {
                    if (s > positive) {
                        greater[r]++;
                    } else if (s == positive) {
                        ties[r]++;
                    }
                }
            }
        }
        int[] negatives = new int[n];
        Arrays.fill(negatives, width - 1);
        return new RankCounts(greater, ties, negatives);
    }

    /**
     * Per-row rank statistics.
     *
     * @param greater   negatives scored above the positive
     * @param ties      negatives scored equal to the positive
     * @param negatives per row, the negatives ranked against the positive (sampled protocol: the candidates'
     *                  width minus the positive; full ranking: every item not in the user's training or
     *                  validation data, minus the positive)
     * @throws IllegalArgumentException when the three arrays differ in length
     */
    public record RankCounts(int[] greater, int[] ties, int[] negatives) {
        public RankCounts {
            if (ties.length != greater.length || negatives.length != greater.length) {
                throw new IllegalArgumentException("rank counts of unequal length: " + greater.length + " greater, "
                        + ties.length + " ties, " + negatives.length + " negatives");
            }
        }

        /** The metric of every row. */
        public double[] perUser(RankMetric metric, int k) {
            double[] out = new double[greater.length];
            for (int r = 0; r < out.length; r++) {
                out[r] = metric.value(greater[r], ties[r], k, negatives[r]);
            }
            return out;
        }

        public double mean(RankMetric metric, int k) {
            double sum = 0;
            for (int r = 0; r < greater.length; r++) {
                sum += metric.value(greater[r], ties[r], k, negatives[r]);
            }
            return greater.length == 0 ? Double.NaN : sum / greater.length;
        }
    }
}
