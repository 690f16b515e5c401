package org.uclr.eval;

/**
 * Ranking metrics of one held-out positive among sampled candidates, at cutoff K, with 0-based rank r:
 * HR@K = [r &lt; K], NDCG@K = [r &lt; K] / log2(r + 2), MRR@K = [r &lt; K] / (r + 1).
 *
 * <p>Ties are resolved by the exact expectation over all orderings of the tied candidates: with
 * {@code greater} candidates scored above the positive and {@code ties} scored equal to it, the
 * positive's rank is uniform on {greater, ..., greater + ties}, and the metric is the mean of f(r)
 * over that range. A constant scorer thus gets HR@10 = 0.1 exactly, never 1 or 0 by accident of sort order.
 */
public enum RankMetric {
    MRR("MRR") {
        @Override
        double atRank(int rank) {
            return 1.0 / (rank + 1);
        }
    },
    HR("HR") {
        @Override
        double atRank(int rank) {
            return 1.0;
        }
    },
    NDCG("NDCG") {
        @Override
        double atRank(int rank) {
            return 1.0 / (Math.log(rank + 2) / Math.log(2));
        }
    };

    private final String label;

    RankMetric(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The metric's gain at a 0-based rank inside the cutoff. */
    abstract double atRank(int rank);

    /**
     * The tie-exact expected metric value.
     *
     * @param greater candidates scored strictly above the positive
     * @param ties    other candidates scored equal to the positive
     * @param k       cutoff
     */
    public double value(int greater, int ties, int k) {
        double sum = 0;
        for (int r = greater; r <= greater + ties && r < k; r++) {
            sum += atRank(r);
        }
        return sum / (ties + 1);
    }
}
