package org.uclr.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * One column of a results table: a metric at a cutoff, under its name in results.json.
 *
 * @param name   "NDCG@10"
 * @param metric what is computed
 * @param cutoff K
 */
public record MetricColumn(String name, RankMetric metric, int cutoff) {

    /** The column an evaluator of {@code rec.eval.classes} reports. */
    public static MetricColumn of(SampledRankingEvaluator e) {
        return new MetricColumn(EvaluationReportBuilder.metricName(e), e.metric(), e.topN());
    }

    /**
     * The full-ranking protocol's columns at each cutoff: MRR, HR, NDCG and Recall. With one held-out item
     * per user Recall@K (hits in the top K over the held-out items) equals HR@K; the column is there because
     * full-ranking tables (RecBole's) report Recall.
     */
    public static List<MetricColumn> fullRanking(List<Integer> cutoffs) {
        List<MetricColumn> out = new ArrayList<>();
        for (int k : cutoffs) {
            out.add(new MetricColumn(RankMetric.MRR.label() + "@" + k, RankMetric.MRR, k));
            out.add(new MetricColumn(RankMetric.HR.label() + "@" + k, RankMetric.HR, k));
            out.add(new MetricColumn(RankMetric.NDCG.label() + "@" + k, RankMetric.NDCG, k));
            out.add(new MetricColumn(RankMetric.RECALL.label() + "@" + k, RankMetric.RECALL, k));
        }
        return out;
    }
}
