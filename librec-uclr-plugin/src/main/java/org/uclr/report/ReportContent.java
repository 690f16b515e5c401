package org.uclr.report;

import org.uclr.report.ReportBlock.Cell;
import org.uclr.report.ReportBlock.Figure;
import org.uclr.report.ReportBlock.Heading;
import org.uclr.report.ReportBlock.Paragraph;
import org.uclr.report.ReportBlock.Table;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.uclr.eval.EvalProtocol;
import org.uclr.util.Durations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The report as a sequence of blocks (headings, paragraphs, tables, figures), the same for the
 * Markdown and the HTML page: under each evaluation protocol the runs have (sampled, full ranking)
 * Table 2 (all users), the significance tests and Table 3 (low-activity users), each labelled with its
 * protocol; whether the two protocols order the models alike (Kendall's tau per domain); the validation metric
 * every choice is made on, and which rows the reference trails there; metrics by
 * activity group and temperatures by activity group (Fig. 5) under the sampled protocol; the runs and
 * the machine.
 */
public final class ReportContent {
    private static final double PERCENT = 100.0;

    private final Leaderboard lb;
    private final ReportOptions options;
    private final List<String> missing;
    private final List<ReportBlock> blocks = new ArrayList<>();

    private ReportContent(Leaderboard lb, ReportOptions options, List<String> missing) {
        this.lb = lb;
        this.options = options;
        this.missing = List.copyOf(missing);
    }

    /**
     * @param missing labels of jobs that have no run (reported, not hidden)
     */
    public static List<ReportBlock> build(Leaderboard lb, ReportOptions options, List<String> missing) {
        ReportContent c = new ReportContent(lb, options, missing);
        Leaderboard full = lb.forProtocol(EvalProtocol.FULL, fullRankingColumns(options.metrics()));
        c.intro(full);
        if (lb.models().isEmpty()) {
            c.heading(2, "Sampled protocol");
            c.blocks.add(new Paragraph("No run evaluated the sampled protocol (rec.eval.protocol=full)."));
        } else {
            c.allUsers();
            c.significance();
            c.lowActivity();
        }
        if (full != null) {
            ReportContent f = new ReportContent(full, options, missing);
            f.allUsers();
            f.significance();
            f.lowActivity();
            c.blocks.addAll(f.blocks);
            if (!lb.models().isEmpty()) {
                c.agreement(full);
            }
        }
        c.validation();
        if (!lb.models().isEmpty()) {
            c.activityGroups();
        }
        c.temperatures();
        c.runs();
        c.machine();
        return List.copyOf(c.blocks);
    }

    /** The full ranking's columns: the leaderboard's metrics with Recall@K after each HR@K (equal with one held-out item). */
    static List<String> fullRankingColumns(List<String> metrics) {
        List<String> out = new ArrayList<>();
        for (String m : metrics) {
            out.add(m);
            if (m.startsWith("HR@")) {
                out.add("Recall@" + m.substring(3));
            }
        }
        return out;
    }

    /** ", sampled: ..." or ", full ranking: ...": what every heading of a protocol's section ends with. */
    private String protocolLabel() {
        if (lb.protocol() == EvalProtocol.FULL) {
            return ", full ranking";
        }
        String negatives = lb.allRuns().isEmpty() ? "99"
                : lb.allRuns().get(0).configuration().getOrDefault("data.eval.negatives", "99");
        return ", sampled (1 + " + negatives + ")";
    }

    /** Figure file prefix of this protocol's section. */
    private String figurePrefix() {
        return lb.protocol() == EvalProtocol.FULL ? "full-" : "";
    }

    private void intro(Leaderboard full) {
        blocks.add(new Heading(1, "Leaderboard: " + lb.datasetTitle()));
        List<Long> seeds = seeds(lb.everyRun());
        String seedText = seeds.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("");
        blocks.add(new Paragraph(String.format(Locale.ROOT,
                "%s x %s (%s) on %s, domains %s. Test metrics in %%: mean ± sample standard deviation "
                        + "over seeds; each seed has its own leave-one-out split and sampled negatives, shared by every "
                        + "model. Bold: the best mean of the column within the domain. %s",
                count(models(lb.everyRun()).size(), "model"), count(seeds.size(), "seed"), seedText, lb.datasetTitle(),
                String.join(", ", full != null && lb.domains().isEmpty() ? full.domains() : lb.domains()),
                lb.synthetic() ? "The data is synthetic (a seeded generator matched to the paper's statistics), "
                        + "not real interactions." : "")));
        blocks.add(new Paragraph("Two evaluation protocols, each in its own sections: sampled, the held-out positive "
                + "against its sampled negatives (the paper's protocol); and full ranking, against every item of the "
                + "domain except the user's training and validation items (RecBole's full sort), where Recall@K equals "
                + "HR@K because each user has one held-out item. Sampled metrics can order models differently from "
                + "full ranking (Krichene and Rendle, KDD 2020). "
                + (full == null ? "No run here evaluated the full ranking (rec.eval.protocol=both or full)."
                : "Runs with each: sampled " + lb.allRuns().size() + ", full ranking " + full.allRuns().size() + ".")));
        blocks.add(new Paragraph("Generated by `" + options.command() + "` from the runs' "
                + "results.json files (copied under results/); numbers are never edited by hand."));
        if (!missing.isEmpty()) {
            blocks.add(new Paragraph("Missing runs (not trained with leaderboard.train=false, or failed: the "
                    + "leaderboard's log names each failed job's log file): " + String.join(", ", missing)
                    + ". Their rows average over fewer seeds (see the seeds column)."));
        }
        List<String> capped = lb.everyRun().stream().filter(r -> !r.cappedStages().isEmpty())
                .map(r -> r.model() + " seed " + r.seed() + " (" + String.join(", ", r.cappedStages()) + ")").toList();
        if (!capped.isEmpty()) {
            blocks.add(new Paragraph("Stopped at an epoch cap while validation was still improving (the cap, not "
                    + "early stopping, ended training; see the training column of the run table): "
                    + String.join("; ", capped) + "."));
        }
        List<String> unvalidated = lb.everyRun().stream().filter(RunRecord::unvalidated)
                .map(r -> r.model() + " seed " + r.seed()).toList();
        if (!unvalidated.isEmpty()) {
            blocks.add(new Paragraph("Trained without validation users in a stage (kept the last epoch): "
                    + String.join("; ", unvalidated) + "."));
        }
    }

    private static List<String> models(List<RunRecord> runs) {
        return runs.stream().map(RunRecord::model).distinct().toList();
    }

    private static List<Long> seeds(List<RunRecord> runs) {
        return runs.stream().map(RunRecord::seed).distinct().sorted().toList();
    }

    private void allUsers() {
        heading(2, "All users (paper Table 2)" + protocolLabel());
        Map<String, PairedComparison> sig = significanceByCell(UserView.ALL);
        blocks.add(metricTable(UserView.ALL, sig));
        if (!sig.isEmpty()) {
            blocks.add(new Paragraph("† " + options.reference() + " is better than the best baseline of that domain and "
                    + "metric at p < " + options.alpha() + " (" + PairedComparison.TEST_NAME + ")."));
        }
        for (String domain : lb.domains()) {
            blocks.add(metricFigure(domain, UserView.ALL, figurePrefix() + "metrics-" + slug(domain) + ".png",
                    lb.datasetTitle() + ", " + domain + ": all users" + protocolLabel()));
        }
    }

    private void lowActivity() {
        int max = lb.lowActivityMax();
        heading(2, "Low-activity users (at most " + max + " training interactions in the domain; paper Table 3)"
                + protocolLabel());
        Map<String, PairedComparison> sig = significanceByCell(UserView.LOW_ACTIVITY);
        blocks.add(metricTable(UserView.LOW_ACTIVITY, sig));
        for (String domain : lb.domains()) {
            blocks.add(metricFigure(domain, UserView.LOW_ACTIVITY, figurePrefix() + "low-activity-" + slug(domain) + ".png",
                    lb.datasetTitle() + ", " + domain + ": users with <= " + max + " training interactions"
                            + protocolLabel()));
        }
    }

    /** Rows model x domain, one column per metric, best mean per domain and column in bold. */
    private Table metricTable(UserView view, Map<String, PairedComparison> sig) {
        List<String> header = new ArrayList<>(List.of("domain", "model", "seeds", "users"));
        header.addAll(lb.metrics());
        List<List<Cell>> rows = new ArrayList<>();
        for (String domain : lb.domains()) {
            Map<String, String> best = new LinkedHashMap<>();
            for (String metric : lb.metrics()) {
                best.put(metric, bestText(domain, view, metric));
            }
            for (String model : lb.models()) {
                List<Cell> row = new ArrayList<>();
                row.add(Cell.of(domain));
                row.add(Cell.of(model));
                row.add(Cell.of(String.valueOf(lb.runs(model).size())));
                row.add(Cell.of(range(lb.users(model, domain, view))));
                for (String metric : lb.metrics()) {
                    MeanStd s = lb.summary(model, domain, view, metric);
                    PairedComparison p = model.equals(options.reference()) ? sig.get(domain + "|" + metric) : null;
                    String mark = p != null && p.significant(options.alpha()) && p.meanDifference() > 0 ? " †" : "";
                    row.add(new Cell(meanStd(s) + mark, !s.isEmpty() && mean(s).equals(best.get(metric))));
                }
                rows.add(row);
            }
        }
        return new Table(header, rows);
    }

    private String bestText(String domain, UserView view, String metric) {
        double best = Double.NEGATIVE_INFINITY;
        for (String model : lb.models()) {
            double m = lb.summary(model, domain, view, metric).mean();
            if (!Double.isNaN(m)) {
                best = Math.max(best, m);
            }
        }
        return best == Double.NEGATIVE_INFINITY ? "" : pct(best);
    }

    private Figure metricFigure(String domain, UserView view, String file, String title) {
        Charts.Series s = new Charts.Series();
        for (String model : lb.models()) {
            for (String metric : lb.metrics()) {
                s.add(model, metric, lb.summary(model, domain, view, metric), PERCENT);
            }
        }
        return new Figure(file, title + " (mean ± std over seeds)", Charts.bars(title, "mean ± std over seeds, "
                + lb.seeds().size() + " seeds", "metric", "%", s), 900, 500);
    }

    private void significance() {
        heading(2, "Significance: " + options.reference() + " against the best baseline" + protocolLabel());
        var why = Significance.unavailable(lb, options.reference());
        if (why.isPresent()) {
            blocks.add(new Paragraph(why.get() + ". The test: " + PairedComparison.TEST_NAME + "."));
            return;
        }
        blocks.add(new Paragraph("For each domain and metric, " + options.reference() + " against the baseline with the "
                + "highest mean (runs named " + Significance.family(options.reference()) + " or "
                + Significance.family(options.reference()) + "-* are configurations of the same model, not baselines), paired over "
                + "the seeds both ran: " + PairedComparison.TEST_NAME + ". A t-test rather than Wilcoxon's signed-rank "
                + "test: with 5 seeds the exact two-sided Wilcoxon p cannot fall below 0.0625, so it could never reject "
                + "at 0.05, while each paired value is a mean over many users and close to normal. n/a: fewer than 2 "
                + "paired seeds, or no variance in the differences. Δ is in percentage points. Bold p: below "
                + options.alpha() + "; the verdict says in which direction (" + options.reference()
                + " ahead, behind, or no significant difference)."));
        List<String> header = List.of("users", "domain", "metric", options.reference(), "best baseline", "baseline",
                "Δ", "n", "p", "verdict");
        List<List<Cell>> rows = new ArrayList<>();
        for (UserView view : List.of(UserView.ALL, UserView.LOW_ACTIVITY)) {
            for (Significance.Row r : Significance.rows(lb, options.reference(), view)) {
                PairedComparison c = r.comparison();
                boolean sig = c.significant(options.alpha());
                rows.add(List.of(Cell.of(view == UserView.ALL ? "all" : "low-activity"), Cell.of(r.domain()),
                        Cell.of(r.metric()), Cell.of(meanStd(lb.summary(c.model(), r.domain(), view, r.metric()))),
                        Cell.of(c.baseline()), Cell.of(meanStd(lb.summary(c.baseline(), r.domain(), view, r.metric()))),
                        Cell.of(Double.isNaN(c.meanDifference()) ? "–" : signed(c.meanDifference() * PERCENT)),
                        Cell.of(String.valueOf(c.n())), new Cell(pValue(c), sig), Cell.of(verdict(c, sig))));
            }
        }
        blocks.add(new Table(header, rows));
    }

    /**
     * The group metric on the validation candidates (results.json's validation_metrics: the final model of each
     * run, sampled protocol), mean ± std over seeds per domain and the macro mean over domains, and per domain the
     * rows whose mean is above the reference's: what issue 15 asks of the reference (never below its own stages
     * nor a per-domain baseline on validation) is read here, on the numbers the choices were made on.
     */
    private void validation() {
        String metric = options.groupMetric();
        List<String> domains = lb.domains().isEmpty() ? lb.validationDomains() : lb.domains();
        List<String> models = models(lb.everyRun());
        heading(2, "Validation " + metric + ", sampled: what the choices are made on");
        blocks.add(new Paragraph(metric + " in % of each run's final model on the validation candidates (each user's "
                + "validation item against its sampled negatives; users with a validation item only), from results.json's "
                + "validation_metrics: mean ± sample standard deviation over seeds, macro the mean over domains. Every "
                + "choice of configuration, stage and epoch is made on these numbers, never on test. Bold: the best "
                + "mean of the column."));
        List<String> header = new ArrayList<>(List.of("model", "seeds"));
        header.addAll(domains);
        header.add("macro");
        Map<String, MeanStd> cells = new LinkedHashMap<>();
        for (String model : models) {
            for (String domain : domains) {
                cells.put(model + "|" + domain, MeanStd.of(validationValues(model, domain, metric)));
            }
            cells.put(model + "|macro", MeanStd.of(validationMacro(model, domains, metric)));
        }
        List<String> columns = new ArrayList<>(domains);
        columns.add("macro");
        Map<String, String> best = new LinkedHashMap<>();
        for (String column : columns) {
            best.put(column, models.stream().map(m -> cells.get(m + "|" + column)).filter(s -> !s.isEmpty())
                    .mapToDouble(MeanStd::mean).max().stream().mapToObj(ReportContent::pct).findFirst().orElse(""));
        }
        List<List<Cell>> rows = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (String model : models) {
            long seeds = lb.everyRun(model).stream().filter(r -> r.validationReport() != null).count();
            if (seeds == 0) {
                without.add(model);
            }
            List<Cell> row = new ArrayList<>(List.of(Cell.of(model), Cell.of(String.valueOf(seeds))));
            for (String column : columns) {
                MeanStd s = cells.get(model + "|" + column);
                row.add(new Cell(meanStd(s), !s.isEmpty() && mean(s).equals(best.get(column))));
            }
            rows.add(row);
        }
        blocks.add(new Table(header, rows));
        if (!without.isEmpty()) {
            blocks.add(new Paragraph("No validation metrics in results.json (runs written before format 2 recorded "
                    + "them, or trained without validation users): " + String.join(", ", without) + "."));
        }
        String reference = options.reference();
        if (models.contains(reference) && without.stream().noneMatch(reference::equals)) {
            List<String> parts = new ArrayList<>();
            for (String domain : domains) {
                MeanStd ref = cells.get(reference + "|" + domain);
                List<String> above = models.stream().filter(m -> !m.equals(reference))
                        .filter(m -> !cells.get(m + "|" + domain).isEmpty() && cells.get(m + "|" + domain).mean() > ref.mean())
                        .map(m -> m + " (" + mean(cells.get(m + "|" + domain)) + ")").toList();
                parts.add(domain + ": " + (above.isEmpty() ? "none" : String.join(", ", above)));
            }
            blocks.add(new Paragraph("Rows above " + reference + " on mean validation " + metric + ", per domain: "
                    + String.join("; ", parts) + "."));
            blocks.add(new Paragraph("Seeds on which a row's validation " + metric + " is above " + reference + "'s, "
                    + "per domain: " + String.join("; ", seedsAbove(reference, models, domains, metric)) + "."));
        }
    }

    /** Per domain, "domain: row (seeds a, b), ..." for every row above the reference on a seed both ran, or "none". */
    private List<String> seedsAbove(String reference, List<String> models, List<String> domains, String metric) {
        List<String> parts = new ArrayList<>();
        for (String domain : domains) {
            Map<Long, Double> ref = new LinkedHashMap<>();
            List<RunRecord> refRuns = lb.everyRun(reference);
            double[] refValues = validationValues(reference, domain, metric);
            for (int k = 0; k < refRuns.size(); k++) {
                ref.put(refRuns.get(k).seed(), refValues[k]);
            }
            List<String> above = new ArrayList<>();
            for (String model : models) {
                if (model.equals(reference)) {
                    continue;
                }
                List<RunRecord> runs = lb.everyRun(model);
                double[] values = validationValues(model, domain, metric);
                List<String> seeds = new ArrayList<>();
                for (int k = 0; k < runs.size(); k++) {
                    Double r = ref.get(runs.get(k).seed());
                    if (r != null && values[k] > r) {
                        seeds.add(String.valueOf(runs.get(k).seed()));
                    }
                }
                if (!seeds.isEmpty()) {
                    above.add(model + " (" + (seeds.size() == 1 ? "seed " : "seeds ") + String.join(", ", seeds) + ")");
                }
            }
            parts.add(domain + ": " + (above.isEmpty() ? "none" : String.join(", ", above)));
        }
        return parts;
    }

    /** Per seed of the model, the domain's validation value (NaN where the run has none). */
    private double[] validationValues(String model, String domain, String metric) {
        return lb.everyRun(model).stream().mapToDouble(r -> r.validationValue(domain, metric)).toArray();
    }

    /** Per seed of the model, the mean over the domains of its validation values (NaN unless it has every domain). */
    private double[] validationMacro(String model, List<String> domains, String metric) {
        return lb.everyRun(model).stream().mapToDouble(r -> {
            double sum = 0;
            for (String domain : domains) {
                sum += r.validationValue(domain, metric); // NaN, and so the macro, when a domain has none
            }
            return domains.isEmpty() ? Double.NaN : sum / domains.size();
        }).toArray();
    }

    /** "ahead" / "behind" when the test rejects at alpha, else "no significant difference" (also when untestable). */
    private static String verdict(PairedComparison c, boolean significant) {
        if (!significant) {
            return c.testable() ? "no significant difference" : "n/a";
        }
        return c.meanDifference() > 0 ? "ahead" : "behind";
    }

    private Map<String, PairedComparison> significanceByCell(UserView view) {
        Map<String, PairedComparison> out = new LinkedHashMap<>();
        for (Significance.Row r : Significance.rows(lb, options.reference(), view)) {
            out.put(r.domain() + "|" + r.metric(), r.comparison());
        }
        return out;
    }

    /**
     * Whether the two protocols order the models alike, one sentence per domain: Kendall's tau-b (Commons
     * Math) between the models' mean group metric under each, the best model of each, and on which side of
     * the best baseline the reference model falls under each.
     */
    private void agreement(Leaderboard full) {
        String metric = options.groupMetric();
        heading(2, "Do the two protocols order the models alike?");
        blocks.add(new Paragraph("Per domain, the models that have both protocols, ordered by mean " + metric
                + " over their seeds under each; Kendall's τ-b between the two orderings (1: the same order, -1: "
                + "reversed; Commons Math's KendallsCorrelation)."));
        for (String domain : lb.domains()) {
            blocks.add(new Paragraph(agreementSentence(full, domain, metric)));
        }
    }

    private String agreementSentence(Leaderboard full, String domain, String metric) {
        List<String> models = lb.models().stream().filter(full.models()::contains).toList();
        if (models.size() < 2) {
            return domain + ": fewer than two models have both protocols, so there is no order to compare.";
        }
        double[] sampled = models.stream().mapToDouble(m -> lb.summary(m, domain, UserView.ALL, metric).mean()).toArray();
        double[] ranked = models.stream().mapToDouble(m -> full.summary(m, domain, UserView.ALL, metric).mean()).toArray();
        double tau = new KendallsCorrelation().correlation(sampled, ranked);
        boolean same = order(models, sampled).equals(order(models, ranked));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%s: the two protocols order the %d models %s (Kendall's τ = %s on mean %s; best sampled %s, best "
                        + "under full ranking %s)", domain, models.size(), same ? "the same way" : "differently",
                Double.isNaN(tau) ? "n/a" : String.format(Locale.ROOT, "%.2f", tau), metric,
                order(models, sampled).get(0), order(models, ranked).get(0)));
        String reference = options.reference();
        int r = models.indexOf(reference);
        List<Integer> baselines = new ArrayList<>();
        for (int k = 0; k < models.size(); k++) {
            if (Significance.isBaseline(models.get(k), reference)) {
                baselines.add(k);
            }
        }
        if (r >= 0 && !baselines.isEmpty()) {
            int bs = baselines.stream().max(Comparator.comparingDouble(k -> sampled[k])).orElseThrow();
            int bf = baselines.stream().max(Comparator.comparingDouble(k -> ranked[k])).orElseThrow();
            String sideS = sampled[r] > sampled[bs] ? "above" : sampled[r] < sampled[bs] ? "below" : "level with";
            String sideF = ranked[r] > ranked[bf] ? "above" : ranked[r] < ranked[bf] ? "below" : "level with";
            sb.append(String.format(Locale.ROOT, "; %s is %s the best baseline under the sampled protocol (%s, %s vs %s) "
                            + "and %s it under full ranking (%s, %s vs %s)%s", reference, sideS, models.get(bs),
                    pct(sampled[r]), pct(sampled[bs]), sideF, models.get(bf), pct(ranked[r]), pct(ranked[bf]),
                    sideS.equals(sideF) ? "" : ": the protocols disagree"));
        }
        return sb.append('.').toString();
    }

    /** Models by mean, best first (ties by name, so equal means cannot fake a disagreement). */
    private static List<String> order(List<String> models, double[] means) {
        List<Integer> idx = new ArrayList<>();
        for (int k = 0; k < models.size(); k++) {
            idx.add(k);
        }
        idx.sort(Comparator.<Integer>comparingDouble(k -> -means[k]).thenComparing(models::get));
        return idx.stream().map(models::get).toList();
    }

    private void activityGroups() {
        String metric = options.groupMetric();
        heading(2, metric + " by activity group (users in equal-sized groups by training interactions "
                + "in the domain, 1 = most active; paper Fig. 5)" + protocolLabel());
        for (String domain : lb.domains()) {
            int groups = lb.groups(domain);
            if (groups == 0) {
                continue;
            }
            heading(3, domain);
            List<String> header = new ArrayList<>(List.of("model"));
            List<String> labels = new ArrayList<>();
            for (int g = 1; g <= groups; g++) {
                int[] r = lb.groupRange(domain, g);
                String label = g + " (" + (r[0] == r[1] ? String.valueOf(r[0]) : r[0] + "-" + r[1]) + ")";
                labels.add(label);
                header.add(label);
            }
            List<List<Cell>> rows = new ArrayList<>();
            Charts.Series s = new Charts.Series();
            for (String model : lb.models()) {
                List<Cell> row = new ArrayList<>(List.of(Cell.of(model)));
                for (int g = 1; g <= groups; g++) {
                    MeanStd v = lb.summary(model, domain, UserView.group(g), metric);
                    row.add(Cell.of(meanStd(v)));
                    s.add(model, labels.get(g - 1), v, PERCENT);
                }
                rows.add(row);
            }
            blocks.add(new Paragraph("Columns: group (its users' training interactions in " + domain + ")."));
            blocks.add(new Table(header, rows));
            String title = lb.datasetTitle() + ", " + domain + ": " + metric + " by activity group";
            blocks.add(new Figure("groups-" + slug(domain) + ".png", title + " (mean ± std over seeds)",
                    Charts.lines(title, "group (training interactions), 1 = most active; mean ± std over seeds",
                            "activity group", metric + " (%)", s), 900, 500));
        }
    }

    private void temperatures() {
        heading(2, "Temperature by activity group (paper Fig. 5)");
        Map<String, List<TemperatureGroups.Group>> byModel = new LinkedHashMap<>();
        for (String model : models(lb.everyRun())) {
            List<RunRecord> runs = lb.everyRun().stream().filter(r -> r.model().equals(model)).toList();
            List<TemperatureGroups.Group> groups = TemperatureGroups.of(runs, TemperatureGroups.groupCount(runs.get(0)));
            if (!groups.isEmpty()) {
                byModel.put(model, groups);
            }
        }
        if (byModel.isEmpty()) {
            blocks.add(new Paragraph("No run wrote " + ResultsReader.TEMPERATURES_FILE + " (UCLR writes one; "
                    + "there is no UCLR run here), so there is no temperature figure."));
            return;
        }
        blocks.add(new Paragraph("Users sorted by training interactions over all domains (most active first) and cut into "
                + "equal-sized groups in each run; mean ± sample std of the temperatures of the group's users, pooled "
                + "over seeds (as the paper's Fig. 5, with seeds stacked)."));
        List<List<Cell>> rows = new ArrayList<>();
        Charts.Series s = new Charts.Series();
        for (var e : byModel.entrySet()) {
            for (TemperatureGroups.Group g : e.getValue()) {
                String label = g.group() + " (" + g.minInteractions() + "-" + g.maxInteractions() + ")";
                rows.add(List.of(Cell.of(e.getKey()), Cell.of(String.valueOf(g.group())),
                        Cell.of(g.minInteractions() + "-" + g.maxInteractions()), Cell.of(String.valueOf(g.values())),
                        Cell.of(num(g.mean(), 4)), Cell.of(num(g.std(), 4))));
                s.add(e.getKey(), label, new MeanStd(g.mean(), g.std(), g.values()), 1.0);
            }
        }
        blocks.add(new Table(List.of("model", "group", "training interactions", "users x seeds", "mean τ", "std τ"), rows));
        String title = lb.datasetTitle() + ": temperature by activity group";
        blocks.add(new Figure("temperature.png", title + " (mean ± std over users and seeds)",
                Charts.lines(title, "group (training interactions over all domains), 1 = most active; mean ± std",
                        "activity group", "τ", s), 900, 500));
    }

    private void runs() {
        heading(2, "Runs");
        blocks.add(new Paragraph("One row per job. Wall time is the job's training plus evaluation (data loading not "
                + "included); the evaluation seconds of each protocol are its scoring and metrics (the full ranking's "
                + "also make the recommendation lists; a run evaluated before both protocols existed has only its total); "
                + "peak RSS is the JVM's resident memory high-water mark during the job."));
        List<List<Cell>> rows = new ArrayList<>();
        double total = 0;
        for (RunRecord r : lb.everyRun()) {
            double wall = r.trainSeconds() + r.evalSeconds();
            total += wall;
            rows.add(List.of(Cell.of(r.model()), Cell.of(String.valueOf(r.seed())), Cell.of(r.codeVersion()),
                    Cell.of(num(r.trainSeconds(), 1)), Cell.of(num(r.evalSeconds(), 1)),
                    Cell.of(num(r.protocolSeconds().getOrDefault("sampled", Double.NaN), 1)),
                    Cell.of(num(r.protocolSeconds().getOrDefault("full", Double.NaN), 1)), Cell.of(Durations.text(wall)),
                    Cell.of(r.runtime().getOrDefault("peak_rss_mb", "")), Cell.of(r.trainingNote()),
                    Cell.of(r.finishedAt()), Cell.of(ReportWriter.copiedResults(r))));
        }
        blocks.add(new Table(List.of("model", "seed", "code version", "train s", "eval s", "eval s, sampled",
                "eval s, full ranking", "wall", "peak RSS MB", "training", "finished (UTC)", "results"), rows));
        blocks.add(new Paragraph("Total wall time of the runs: " + Durations.text(total) + "."));
    }

    private void machine() {
        heading(2, "Machine and software");
        List<RunRecord> all = lb.everyRun();
        Function<String, String> distinct = key -> {
            Set<String> values = new LinkedHashSet<>();
            all.forEach(r -> values.add(r.runtime().getOrDefault(key, "unknown")));
            return String.join("; ", values);
        };
        List<List<Cell>> rows = new ArrayList<>();
        rows.add(List.of(Cell.of("code version of the runs (git commit)"), Cell.of(distinct.apply("code_version"))));
        rows.add(List.of(Cell.of("code version that wrote this report"), Cell.of(org.uclr.job.RecJob.codeVersion())));
        rows.add(List.of(Cell.of("report written (UTC)"), Cell.of(java.time.Instant.now().toString())));
        rows.add(List.of(Cell.of("cores"), Cell.of(distinct.apply("cores"))));
        rows.add(List.of(Cell.of("memory MB"), Cell.of(distinct.apply("memory_mb"))));
        rows.add(List.of(Cell.of("CPU"), Cell.of(distinct.apply("cpu"))));
        rows.add(List.of(Cell.of("OS"), Cell.of(distinct.apply("os"))));
        rows.add(List.of(Cell.of("JVM"), Cell.of(distinct.apply("jvm"))));
        rows.add(List.of(Cell.of("DJL"), Cell.of(distinct.apply("djl"))));
        rows.add(List.of(Cell.of("engine"), Cell.of(distinct.apply("engine"))));
        rows.add(List.of(Cell.of("device"), Cell.of(distinct.apply("device"))));
        Set<String> fingerprints = new LinkedHashSet<>();
        all.forEach(r -> fingerprints.add(r.fingerprint()));
        rows.add(List.of(Cell.of("dataset " + lb.dataset() + ", fingerprint"), Cell.of(String.join("; ", fingerprints))));
        blocks.add(new Table(List.of("what", "value"), rows));
    }

    /** Section headings; on synthetic data each says so, so no title can be read as a real result. */
    private void heading(int level, String text) {
        blocks.add(new Heading(level, lb.synthetic() ? text + " [synthetic data]" : text));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f", fraction * PERCENT);
    }

    private static String mean(MeanStd s) {
        return pct(s.mean());
    }

    /** "31.17 ± 0.42" in %, "31.17" for one seed, "–" for none. */
    static String meanStd(MeanStd s) {
        if (s.isEmpty()) {
            return "–";
        }
        return Double.isNaN(s.std()) ? pct(s.mean()) : pct(s.mean()) + " ± " + pct(s.std());
    }

    private static String range(int[] values) {
        if (values.length == 0) {
            return "–";
        }
        int min = java.util.Arrays.stream(values).min().getAsInt();
        int max = java.util.Arrays.stream(values).max().getAsInt();
        return min == max ? String.valueOf(min) : min + "-" + max;
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.2f", v);
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String pValue(PairedComparison c) {
        if (!c.testable()) {
            return "n/a";
        }
        return c.pValue() < 1e-4 ? String.format(Locale.ROOT, "%.1e", c.pValue()) : String.format(Locale.ROOT, "%.4f", c.pValue());
    }
}
