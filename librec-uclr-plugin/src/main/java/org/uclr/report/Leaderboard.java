package org.uclr.report;

import org.uclr.UclrException;
import org.uclr.eval.ActivityGroup;
import org.uclr.eval.DomainReport;
import org.uclr.eval.MetricValues;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The finished runs of a leaderboard, by model and seed, with their metrics summarised over seeds.
 * Built only from results.json files: nothing here trains.
 */
public final class Leaderboard {
    private final String dataset;
    private final boolean synthetic;
    private final List<String> models;
    private final List<String> domains;
    private final List<String> metrics;
    private final Map<String, List<RunRecord>> runs;

    private Leaderboard(String dataset, boolean synthetic, List<String> models, List<String> domains,
                        List<String> metrics, Map<String, List<RunRecord>> runs) {
        this.dataset = dataset;
        this.synthetic = synthetic;
        this.models = models;
        this.domains = domains;
        this.metrics = metrics;
        this.runs = runs;
    }

    /**
     * @param models  row order (run names); models without runs are left out
     * @param records finished runs, any order
     * @param metrics the columns; every run must have them
     */
    public static Leaderboard of(List<String> models, List<RunRecord> records, List<String> metrics) {
        if (records.isEmpty()) {
            throw new UclrException("no finished runs to report");
        }
        RunRecord first = records.get(0);
        Map<String, List<RunRecord>> byModel = new LinkedHashMap<>();
        for (String m : models) {
            List<RunRecord> rs = records.stream().filter(r -> r.model().equals(m))
                    .sorted(Comparator.comparingLong(RunRecord::seed)).toList();
            if (!rs.isEmpty()) {
                byModel.put(m, rs);
            }
        }
        for (RunRecord r : records) {
            if (!r.dataset().equals(first.dataset())) {
                throw new UclrException(r.dir() + " is a run on " + r.dataset() + ", not " + first.dataset()
                        + "; a leaderboard compares models on one dataset");
            }
            if (!byModel.containsKey(r.model())) {
                throw new UclrException(r.dir() + " is a run of '" + r.model() + "', which is not among the models "
                        + models);
            }
            for (String metric : metrics) {
                if (!r.report().metricNames().contains(metric)) {
                    throw new UclrException(r.dir() + " has no " + metric + " (it has " + r.report().metricNames()
                            + "); rerun it with that cutoff in rec.eval.topn or drop it from leaderboard.metrics");
                }
            }
        }
        List<String> domains = first.report().domains().stream().map(DomainReport::domain).toList();
        return new Leaderboard(first.dataset(), first.synthetic(), List.copyOf(byModel.keySet()), domains,
                List.copyOf(metrics), byModel);
    }

    public String dataset() {
        return dataset;
    }

    public boolean synthetic() {
        return synthetic;
    }

    /** "douban", or "synthetic-amazon (synthetic data)" so that no title can hide it. */
    public String datasetTitle() {
        return synthetic ? dataset + " (synthetic data)" : dataset;
    }

    public List<String> models() {
        return models;
    }

    public List<String> domains() {
        return domains;
    }

    public List<String> metrics() {
        return metrics;
    }

    public List<RunRecord> runs(String model) {
        return runs.getOrDefault(model, List.of());
    }

    public List<RunRecord> allRuns() {
        List<RunRecord> out = new ArrayList<>();
        runs.values().forEach(out::addAll);
        return out;
    }

    /** Every seed any model ran, ascending. */
    public List<Long> seeds() {
        TreeSet<Long> s = new TreeSet<>();
        runs.values().forEach(rs -> rs.forEach(r -> s.add(r.seed())));
        return List.copyOf(s);
    }

    /** One run's value (a fraction), NaN when the run is missing or its view has no users. */
    public double value(String model, long seed, String domain, UserView view, String metric) {
        for (RunRecord r : runs(model)) {
            if (r.seed() == seed) {
                MetricValues v = view.in(r.domain(domain));
                return v == null || !v.metrics().containsKey(metric) ? Double.NaN : v.get(metric);
            }
        }
        return Double.NaN;
    }

    /** Values for the given seeds in their order (NaN where missing): the input of a paired test. */
    public double[] values(String model, List<Long> seeds, String domain, UserView view, String metric) {
        return seeds.stream().mapToDouble(s -> value(model, s, domain, view, metric)).toArray();
    }

    public MeanStd summary(String model, String domain, UserView view, String metric) {
        return MeanStd.of(runs(model).stream().mapToDouble(r -> value(model, r.seed(), domain, view, metric)).toArray());
    }

    /** Users the view averages over, per seed of the model (they differ by split for the activity views). */
    public int[] users(String model, String domain, UserView view) {
        return runs(model).stream().mapToInt(r -> {
            MetricValues v = view.in(r.domain(domain));
            return v == null ? 0 : v.users();
        }).toArray();
    }

    /** Activity groups of the domain (the most any run has). */
    public int groups(String domain) {
        return allRuns().stream().mapToInt(r -> r.domain(domain) == null ? 0 : r.domain(domain).activityGroups().size())
                .max().orElse(0);
    }

    /** Fewest and most training interactions of group g over every run: the group's label. */
    public int[] groupRange(String domain, int g) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (RunRecord r : allRuns()) {
            DomainReport d = r.domain(domain);
            if (d != null && g <= d.activityGroups().size()) {
                ActivityGroup ag = d.activityGroups().get(g - 1);
                min = Math.min(min, ag.minInteractions());
                max = Math.max(max, ag.maxInteractions());
            }
        }
        return min > max ? new int[]{0, 0} : new int[]{min, max};
    }

    /** The low-activity threshold (rec.eval.lowactivity.max) the runs used. */
    public int lowActivityMax() {
        return allRuns().get(0).report().domains().get(0).lowActivityMax();
    }
}
