package org.uclr.eval;

import java.util.List;

/**
 * The test metrics of one domain.
 *
 * @param domain         domain name
 * @param all            all evaluated users
 * @param lowActivity    users with at most {@code lowActivityMax} training interactions in the domain
 * @param lowActivityMax the threshold of the low-activity view
 * @param activityGroups users in equal-sized groups by training interactions, most active first
 */
public record DomainReport(String domain, MetricValues all, MetricValues lowActivity, int lowActivityMax,
                           List<ActivityGroup> activityGroups) {
    public DomainReport {
        activityGroups = List.copyOf(activityGroups);
    }
}
