package org.uclr.eval;

import java.util.List;
import java.util.Map;

/**
 * Test metrics of a run: per domain (with low-activity and activity-group views) and the macro
 * average over domains.
 *
 * @param metricNames metric names in column order ("MRR@10", "HR@10", ...)
 * @param domains     per-domain reports
 * @param macro       mean over domains of each domain's mean
 */
public record EvaluationReport(List<String> metricNames, List<DomainReport> domains, Map<String, Double> macro) {
    public EvaluationReport {
        metricNames = List.copyOf(metricNames);
        domains = List.copyOf(domains);
        macro = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(macro));
    }
}
