package org.uclr.report;

import org.uclr.eval.DomainReport;
import org.uclr.eval.MetricValues;

/**
 * Which users of a domain a metric averages over: all test users, the low-activity ones (at most
 * {@code rec.eval.lowactivity.max} training interactions; the paper's Table 3), or one activity group
 * (1 = most active; the paper's Fig. 5).
 *
 * @param label "all", "low-activity" or "group-g"
 * @param group the activity group, 0 for the other views
 */
public record UserView(String label, int group) {
    public static final UserView ALL = new UserView("all", 0);
    public static final UserView LOW_ACTIVITY = new UserView("low-activity", 0);

    public static UserView group(int g) {
        return new UserView("group-" + g, g);
    }

    /** The view's values in a domain report, or null when the report has no such group. */
    public MetricValues in(DomainReport d) {
        if (d == null) {
            return null;
        }
        if (group > 0) {
            return group <= d.activityGroups().size() ? d.activityGroups().get(group - 1).values() : null;
        }
        return this.equals(LOW_ACTIVITY) ? d.lowActivity() : d.all();
    }
}
