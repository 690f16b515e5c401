package org.uclr.eval;

/** Normalized discounted cumulative gain at K of the held-out positive among its sampled candidates (tie-exact; see {@link RankMetric}). */
public final class NDCGEvaluator extends SampledRankingEvaluator {
    @Override
    public RankMetric metric() {
        return RankMetric.NDCG;
    }
}
