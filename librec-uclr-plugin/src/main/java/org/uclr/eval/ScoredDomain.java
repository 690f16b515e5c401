package org.uclr.eval;

import org.uclr.UclrException;
import org.uclr.data.CandidateSet;

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
        return new RankCounts(greater, ties, width - 1);
    }

    /**
     * Per-row rank statistics.
     *
     * @param greater   negatives scored above the positive
     * @param ties      negatives scored equal to the positive
     * @param negatives negatives per row (the candidates' width minus the positive)
     */
    public record RankCounts(int[] greater, int[] ties, int negatives) {

        /** The metric of every row. */
        public double[] perUser(RankMetric metric, int k) {
            double[] out = new double[greater.length];
            for (int r = 0; r < out.length; r++) {
                out[r] = metric.value(greater[r], ties[r], k, negatives);
            }
            return out;
        }

        public double mean(RankMetric metric, int k) {
            double sum = 0;
            for (int r = 0; r < greater.length; r++) {
                sum += metric.value(greater[r], ties[r], k, negatives);
            }
            return greater.length == 0 ? Double.NaN : sum / greater.length;
        }
    }
}
