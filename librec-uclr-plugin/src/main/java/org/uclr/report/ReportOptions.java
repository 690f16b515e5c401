package org.uclr.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What the report shows, from the leaderboard's keys.
 *
 * @param metrics     table columns
 * @param groupMetric the metric of the activity-group tables and figures
 * @param reference   the model tested against the best baseline ("uclr")
 * @param alpha       significance level
 * @param source      the leaderboard file, for the "how to regenerate" line
 */
public record ReportOptions(List<String> metrics, String groupMetric, String reference, double alpha, Path source) {
    public ReportOptions {
        metrics = List.copyOf(metrics);
    }

    public static ReportOptions from(LeaderboardConfig c) {
        return new ReportOptions(c.settings().get(LeaderboardKeys.METRICS), c.settings().get(LeaderboardKeys.GROUP_METRIC),
                c.settings().get(LeaderboardKeys.REFERENCE), c.settings().get(LeaderboardKeys.ALPHA), c.file());
    }
}
