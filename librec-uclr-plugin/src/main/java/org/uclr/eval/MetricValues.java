package org.uclr.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metric name ("NDCG@10") to value, in insertion order, over a set of users.
 *
 * @param users   how many users the values average over
 * @param metrics the values (fractions, not percent)
 */
public record MetricValues(int users, Map<String, Double> metrics) {
    public MetricValues {
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    public double get(String metric) {
        Double v = metrics.get(metric);
        if (v == null) {
            throw new IllegalArgumentException("no metric " + metric + " in " + metrics.keySet());
        }
        return v;
    }
}
