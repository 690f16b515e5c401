package org.uclr.eval;

/**
 * Ranking metrics of one held-out positive among its sampled candidates (the positive and N negatives),
 * with the positive's 0-based rank r, at cutoff K:
 * <ul>
 *   <li>HR@K = [r &lt; K], NDCG@K = [r &lt; K] / log2(r + 2), MRR@K = [r &lt; K] / (r + 1);</li>
 *   <li>Precision@K = [r &lt; K] / K and Recall@K = [r &lt; K]: the standard definitions (hits in the
 *       top K over K, and over the held-out items, as LibRec's PrecisionEvaluator and RecallEvaluator
 *       compute them), which with one held-out item are HR@K / K and HR@K;</li>
 *   <li>AUC = (N - r) / N, the fraction of negatives ranked below the positive (no cutoff).</li>
 * </ul>
 *
 * <p>Ties are resolved by the exact expectation over all orderings of the tied candidates: with
 * {@code greater} candidates scored above the positive and {@code ties} scored equal to it, the
 * positive's rank is uniform on {greater, ..., greater + ties}, and the metric is the mean of f(r)
 * over that range. A constant scorer thus gets HR@10 = 0.1 exactly, never 1 or 0 by accident of sort
 * order, and AUC = 0.5 (each tied negative counts one half, the usual convention).
 */
public enum RankMetric {
    MRR("MRR", true) {
        @Override
        double atRank(int rank, int k, int negatives) {
            return 1.0 / (rank + 1);
        }
    },
    HR("HR", true) {
        @Override
        double atRank(int rank, int k, int negatives) {
            return 1.0;
        }
    },
    NDCG("NDCG", true) {
        @Override
        double atRank(int rank, int k, int negatives) {
            return 1.0 / (Math.log(rank + 2) / Math.log(2));
        }
    },
    PRECISION("Precision", true) {
        @Override
        double atRank(int rank, int k, int negatives) {
            return 1.0 / k;
        }
    },
    RECALL("Recall", true) {
        @Override
        double atRank(int rank, int k, int negatives) {
            return 1.0;
        }
    },
    AUC("AUC", false) {
        @Override
        double atRank(int rank, int k, int negatives) {
            return (negatives - rank) / (double) negatives;
        }
    };

    private final String label;
    private final boolean hasCutoff;

    RankMetric(String label, boolean hasCutoff) {
        this.label = label;
        this.hasCutoff = hasCutoff;
    }

    public String label() {
        return label;
    }

    /** Whether the metric is taken at a cutoff K (its name is label@K); AUC is not. */
    public boolean hasCutoff() {
        return hasCutoff;
    }

    /** The metric's value at a 0-based rank inside the cutoff. */
    abstract double atRank(int rank, int k, int negatives);

    /**
     * The tie-exact expected metric value.
     *
     * @param greater   negatives scored strictly above the positive
     * @param ties      negatives scored equal to the positive
     * @param k         cutoff (ignored by metrics without one)
     * @param negatives negatives ranked against the positive, N
     */
    public double value(int greater, int ties, int k, int negatives) {
        int last = hasCutoff ? Math.min(greater + ties, k - 1) : greater + ties;
        double sum = 0;
        for (int r = greater; r <= last; r++) {
            sum += atRank(r, k, negatives);
        }
        return sum / (ties + 1);
    }

    /**
     * The tie-exact expected value of a metric with a cutoff (it does not depend on N).
     *
     * @throws IllegalStateException for AUC, which needs N: use {@link #value(int, int, int, int)}
     */
    public double value(int greater, int ties, int k) {
        if (!hasCutoff) {
            throw new IllegalStateException(label + " depends on the number of negatives");
        }
        return value(greater, ties, k, greater + ties);
    }
}
