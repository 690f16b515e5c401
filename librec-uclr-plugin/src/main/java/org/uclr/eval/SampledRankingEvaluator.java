package org.uclr.eval;

import net.librec.eval.RecommenderEvaluator;
import net.librec.recommender.RecommenderContext;
import net.librec.recommender.item.RecommendedList;
import org.uclr.UclrException;

/**
 * A LibRec evaluator for the sampled leave-one-out protocol: it ranks each held-out positive among
 * its candidates and averages one {@link RankMetric} at cutoff {@code topN}. {@link #evaluate} returns
 * the macro average over domains (each domain's mean over its users, then the mean of domains);
 * {@link #domainMean} gives one domain.
 */
public abstract class SampledRankingEvaluator implements RecommenderEvaluator {
    private int topN = 10;

    /** The metric this evaluator computes. */
    public abstract RankMetric metric();

    @Override
    public void setTopN(int topN) {
        if (topN < 1) {
            throw new IllegalArgumentException("topN must be positive, got " + topN);
        }
        this.topN = topN;
    }

    public int topN() {
        return topN;
    }

    @Override
    public double evaluate(RecommenderContext context, RecommendedList recommendedList) {
        if (!(recommendedList instanceof SampledRankingList list)) {
            throw new UclrException(getClass().getSimpleName() + " needs the sampled candidate scores of a "
                    + "MultiDomainRecommender, got " + (recommendedList == null ? "null" : recommendedList.getClass().getName()));
        }
        // averaged as EvaluationReportBuilder averages the macro column (DoubleStream.average sums with
        // compensation), so the value LibRec's job logs is results.json's "macro" to the last bit
        return list.scores().domains().stream().filter(d -> d.size() > 0).mapToDouble(this::domainMean)
                .average().orElse(Double.NaN);
    }

    /** Mean of the metric over the domain's evaluated users. */
    public double domainMean(ScoredDomain domain) {
        return domain.rankCounts().mean(metric(), topN);
    }
}
