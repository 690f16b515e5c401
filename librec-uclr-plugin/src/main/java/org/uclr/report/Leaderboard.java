package org.uclr.report;

import org.uclr.UclrException;
import org.uclr.eval.ActivityGroup;
import org.uclr.eval.DomainReport;
import org.uclr.eval.EvalProtocol;
import org.uclr.eval.MetricValues;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The finished runs of a leaderboard, by model and seed, with their metrics under one evaluation protocol
 * summarised over seeds ({@link #protocol}: the sampled one, or {@link #forProtocol} the full ranking).
 * Built only from results.json files: nothing here trains.
 */
public final class Leaderboard {
    private final String dataset;
    private final boolean synthetic;
    private final EvalProtocol protocol;
    private final List<String> models;
    private final List<String> domains;
    private final List<String> metrics;
    private final Map<String, List<RunRecord>> runs;
    private final List<String> modelOrder;
    private final List<RunRecord> everyRun;

    private Leaderboard(String dataset, boolean synthetic, EvalProtocol protocol, List<String> models,
                        List<String> domains, List<String> metrics, Map<String, List<RunRecord>> runs,
                        List<String> modelOrder, List<RunRecord> everyRun) {
        this.dataset = dataset;
        this.synthetic = synthetic;
        this.protocol = protocol;
        this.models = models;
        this.domains = domains;
        this.metrics = metrics;
        this.runs = runs;
        this.modelOrder = modelOrder;
        this.everyRun = everyRun;
    }

    /**
     * The sampled protocol's leaderboard.
     *
     * @param models  row order (run names); models without runs are left out
     * @param records finished runs, any order
     * @param metrics the columns; every run with sampled metrics must have them
     * @throws UclrException if there is no run, runs are on different datasets or of other models, or a
     *                       run lacks a metric
     */
    public static Leaderboard of(List<String> models, List<RunRecord> records, List<String> metrics) {
        if (records.isEmpty()) {
            throw new UclrException("no finished runs to report");
        }
        RunRecord first = records.get(0);
        for (RunRecord r : records) {
            if (!r.dataset().equals(first.dataset())) {
                throw new UclrException(r.dir() + " is a run on " + r.dataset() + ", not " + first.dataset()
                        + "; a leaderboard compares models on one dataset");
            }
            if (!models.contains(r.model())) {
                throw new UclrException(r.dir() + " is a run of '" + r.model() + "', which is not among the models "
                        + models);
            }
        }
        List<RunRecord> every = new ArrayList<>();
        for (String m : models) {
            records.stream().filter(r -> r.model().equals(m)).sorted(Comparator.comparingLong(RunRecord::seed))
                    .forEach(every::add);
        }
        return view(first.dataset(), first.synthetic(), EvalProtocol.SAMPLED, List.copyOf(models), List.copyOf(every),
                metrics);
    }

    /**
     * The same runs under another protocol, with its columns, or null when no run evaluated it.
     *
     * @throws UclrException if a run that evaluated it lacks a metric
     */
    public Leaderboard forProtocol(EvalProtocol p, List<String> columns) {
        if (everyRun.stream().noneMatch(r -> r.report(p) != null)) {
            return null;
        }
        return view(dataset, synthetic, p, modelOrder, everyRun, columns);
    }

    private static Leaderboard view(String dataset, boolean synthetic, EvalProtocol p, List<String> modelOrder,
                                    List<RunRecord> every, List<String> metrics) {
        Map<String, List<RunRecord>> byModel = new LinkedHashMap<>();
        List<String> domains = List.of();
        for (String m : modelOrder) {
            List<RunRecord> rs = every.stream().filter(r -> r.model().equals(m) && r.report(p) != null).toList();
            if (!rs.isEmpty()) {
                byModel.put(m, rs);
            }
            for (RunRecord r : rs) {
                if (domains.isEmpty()) {
                    domains = r.report(p).domains().stream().map(DomainReport::domain).toList();
                }
                for (String metric : metrics) {
                    if (!r.report(p).metricNames().contains(metric)) {
                        throw new UclrException(r.dir() + " has no " + metric + " (it has " + r.report(p).metricNames()
                                + "); rerun it with that cutoff in rec.eval.topn or drop it from leaderboard.metrics");
                    }
                }
            }
        }
        return new Leaderboard(dataset, synthetic, p, List.copyOf(byModel.keySet()), domains, List.copyOf(metrics),
                byModel, modelOrder, every);
    }

    /** The protocol of this view's metrics (SAMPLED or FULL). */
    public EvalProtocol protocol() {
        return protocol;
    }

    /** Every run of the leaderboard, whatever protocols it evaluated (the run table, the machine). */
    public List<RunRecord> everyRun() {
        return everyRun;
    }

    /** Every run of the model, whatever protocols it evaluated, by seed. */
    public List<RunRecord> everyRun(String model) {
        return everyRun.stream().filter(r -> r.model().equals(model)).toList();
    }

    /** The domains of the validation metrics (those of the first run that has them; empty when none has). */
    public List<String> validationDomains() {
        return everyRun.stream().filter(r -> r.validationReport() != null).findFirst()
                .map(r -> r.validationReport().domains().stream().map(DomainReport::domain).toList()).orElse(List.of());
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

    /** The runs of this view (those that evaluated its protocol). */
    public List<RunRecord> allRuns() {
        List<RunRecord> out = new ArrayList<>();
        runs.values().forEach(out::addAll);
        return out;
    }

    /** Every seed any model ran under this view's protocol, ascending. */
    public List<Long> seeds() {
        TreeSet<Long> s = new TreeSet<>();
        runs.values().forEach(rs -> rs.forEach(r -> s.add(r.seed())));
        return List.copyOf(s);
    }

    /** One run's value (a fraction), NaN when the run is missing or its view has no users. */
    public double value(String model, long seed, String domain, UserView view, String metric) {
        for (RunRecord r : runs(model)) {
            if (r.seed() == seed) {
                MetricValues v = view.in(r.domain(protocol, domain));
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
            MetricValues v = view.in(r.domain(protocol, domain));
            return v == null ? 0 : v.users();
        }).toArray();
    }

    /** Activity groups of the domain (the most any run has). */
    public int groups(String domain) {
        return allRuns().stream().mapToInt(r -> r.domain(protocol, domain) == null ? 0
                : r.domain(protocol, domain).activityGroups().size()).max().orElse(0);
    }

    /** Fewest and most training interactions of group g over every run: the group's label. */
    public int[] groupRange(String domain, int g) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (RunRecord r : allRuns()) {
            DomainReport d = r.domain(protocol, domain);
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
        return allRuns().get(0).report(protocol).domains().get(0).lowActivityMax();
    }
}
