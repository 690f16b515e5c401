package org.uclr.eval;

/**
 * Area under the ROC curve of the held-out positive against its sampled negatives: the fraction of
 * negatives scored below it, a tie counting one half (see {@link RankMetric}). It has no cutoff.
 */
public final class AUCEvaluator extends SampledRankingEvaluator {
    @Override
    public RankMetric metric() {
        return RankMetric.AUC;
    }
}
