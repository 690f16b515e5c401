package org.uclr.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A model's learned temperatures by activity group, as in the paper's Fig. 5: in each run the users
 * are sorted by training interactions (over all domains, most active first, ties in file order) and
 * cut into equal-sized groups, the way the evaluation cuts its activity groups; each group's mean and
 * sample standard deviation are then taken over its users pooled across seeds.
 */
public final class TemperatureGroups {
    private TemperatureGroups() {
    }

    /**
     * One group.
     *
     * @param group           1 = most active
     * @param minInteractions fewest training interactions of a user in the group (any seed)
     * @param maxInteractions most training interactions of a user in the group (any seed)
     * @param values          temperatures pooled over seeds
     * @param mean            mean temperature
     * @param std             sample standard deviation of the temperatures (NaN for one value)
     */
    public record Group(int group, int minInteractions, int maxInteractions, int values, double mean, double std) {
    }

    /** The groups of a model's runs; empty when none of them has temperatures. */
    public static List<Group> of(List<RunRecord> runs, int groups) {
        List<List<Double>> taus = new ArrayList<>();
        int[] min = new int[groups];
        int[] max = new int[groups];
        for (int g = 0; g < groups; g++) {
            taus.add(new ArrayList<>());
            min[g] = Integer.MAX_VALUE;
            max[g] = Integer.MIN_VALUE;
        }
        for (RunRecord r : runs) {
            List<RunRecord.UserTemperature> users = r.temperatures();
            int n = users.size();
            if (n == 0) {
                continue;
            }
            Integer[] order = IntStream.range(0, n).boxed()
                    .sorted(Comparator.<Integer>comparingInt(i -> -users.get(i).trainInteractions()).thenComparingInt(i -> i))
                    .toArray(Integer[]::new);
            int k = Math.min(groups, n);
            for (int g = 0; g < k; g++) {
                int from = (int) ((long) g * n / k);
                int to = (int) ((long) (g + 1) * n / k);
                for (int i = from; i < to; i++) {
                    RunRecord.UserTemperature u = users.get(order[i]);
                    taus.get(g).add(u.tau());
                    min[g] = Math.min(min[g], u.trainInteractions());
                    max[g] = Math.max(max[g], u.trainInteractions());
                }
            }
        }
        List<Group> out = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            double[] v = taus.get(g).stream().mapToDouble(Double::doubleValue).toArray();
            if (v.length == 0) {
                continue;
            }
            MeanStd s = MeanStd.of(v);
            out.add(new Group(g + 1, min[g], max[g], v.length, s.mean(), s.std()));
        }
        return out;
    }

    /** The number of activity groups a run used (rec.eval.activity.groups), 9 when not recorded. */
    public static int groupCount(RunRecord r) {
        try {
            return Integer.parseInt(r.configuration().getOrDefault("rec.eval.activity.groups", "9").trim());
        } catch (NumberFormatException e) {
            return 9;
        }
    }
}
