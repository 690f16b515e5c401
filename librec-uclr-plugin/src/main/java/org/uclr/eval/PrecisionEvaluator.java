package org.uclr.eval;

/**
 * Precision at K of the held-out positive among its sampled candidates: hits in the top K over K,
 * so with one held-out item HR@K / K (tie-exact; see {@link RankMetric}).
 */
public final class PrecisionEvaluator extends SampledRankingEvaluator {
    @Override
    public RankMetric metric() {
        return RankMetric.PRECISION;
    }
}
