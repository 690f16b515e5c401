package org.uclr.eval;

/**
 * Recall at K of the held-out positive among its sampled candidates: hits in the top K over the
 * held-out items, so with one held-out item HR@K (tie-exact; see {@link RankMetric}).
 */
public final class RecallEvaluator extends SampledRankingEvaluator {
    @Override
    public RankMetric metric() {
        return RankMetric.RECALL;
    }
}
