package org.uclr.report;

import java.util.List;

/**
 * What the report shows, from the leaderboard's keys.
 *
 * @param metrics     table columns
 * @param groupMetric the metric of the activity-group tables and figures
 * @param reference   the model tested against the best baseline ("uclr")
 * @param alpha       significance level
 * @param command     the command that regenerates the report
 */
public record ReportOptions(List<String> metrics, String groupMetric, String reference, double alpha, String command) {
    public ReportOptions {
        metrics = List.copyOf(metrics);
    }
}
