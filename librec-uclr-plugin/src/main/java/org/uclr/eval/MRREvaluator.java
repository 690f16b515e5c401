package org.uclr.eval;

/** Mean reciprocal rank at K of the held-out positive among its sampled candidates (tie-exact; see {@link RankMetric}). */
public final class MRREvaluator extends SampledRankingEvaluator {
    @Override
    public RankMetric metric() {
        return RankMetric.MRR;
    }
}
