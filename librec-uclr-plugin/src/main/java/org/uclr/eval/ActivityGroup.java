package org.uclr.eval;

/**
 * One group of users by training interactions in a domain.
 *
 * @param group           1 = most active
 * @param minInteractions fewest training interactions of a user in the group
 * @param maxInteractions most training interactions of a user in the group
 * @param values          the group's metrics
 */
public record ActivityGroup(int group, int minInteractions, int maxInteractions, MetricValues values) {
}
