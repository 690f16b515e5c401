package org.uclr.eval;

/** Hit ratio at K of the held-out positive among its sampled candidates (tie-exact; see {@link RankMetric}). */
public final class HitRatioEvaluator extends SampledRankingEvaluator {
    @Override
    public RankMetric metric() {
        return RankMetric.HR;
    }
}
