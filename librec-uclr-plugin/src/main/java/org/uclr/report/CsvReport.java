package org.uclr.report;

import org.uclr.eval.EvalProtocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * leaderboard.csv: one row per (protocol, view, domain, model), where the protocol is "sampled" or
 * "full" (full ranking) and the view is all users, the low-activity users or one activity group, then the
 * "validation" rows (all users: the final model on the validation candidates, sampled; what choices are made
 * on; no significance columns); per
 * metric the mean and sample std over seeds in % (4 decimals), and on the reference model's rows the best
 * baseline and the paired test's p-value (all and low-activity views). The columns are the full ranking's
 * (Recall@K besides); a sampled row leaves Recall empty.
 */
public final class CsvReport {
    private CsvReport() {
    }

    public static String render(Leaderboard lb, ReportOptions options) {
        Leaderboard full = lb.forProtocol(EvalProtocol.FULL, ReportContent.fullRankingColumns(options.metrics()));
        List<String> columns = full != null ? full.metrics() : lb.metrics();
        List<String> header = new ArrayList<>(List.of("protocol", "view", "domain", "model", "seeds", "users",
                "min_train_interactions", "max_train_interactions"));
        for (String m : columns) {
            header.add(m + "_mean");
            header.add(m + "_std");
        }
        for (String m : columns) {
            header.add(m + "_best_baseline");
            header.add(m + "_p");
        }
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
        rows(sb, lb, options, columns);
        if (full != null) {
            rows(sb, full, options, columns);
        }
        validationRows(sb, lb, columns);
        return sb.toString();
    }

    /** Per domain and model with validation metrics: the mean and std over seeds of each metric the runs recorded. */
    private static void validationRows(StringBuilder sb, Leaderboard lb, List<String> columns) {
        List<String> models = lb.everyRun().stream().map(RunRecord::model).distinct().toList();
        for (String domain : lb.validationDomains()) {
            for (String model : models) {
                List<RunRecord> runs = lb.everyRun(model).stream().filter(r -> r.validationDomain(domain) != null).toList();
                if (runs.isEmpty()) {
                    continue;
                }
                List<String> row = new ArrayList<>(List.of("validation", UserView.ALL.label(), quote(domain), quote(model),
                        String.valueOf(runs.size()), String.format(Locale.ROOT, "%.1f",
                                runs.stream().mapToInt(r -> r.validationDomain(domain).all().users()).average().orElse(0)), "", ""));
                for (String m : columns) {
                    MeanStd s = MeanStd.of(runs.stream().mapToDouble(r -> r.validationValue(domain, m)).toArray());
                    row.add(number(s.mean()));
                    row.add(number(s.std()));
                }
                for (int k = 0; k < 2 * columns.size(); k++) {
                    row.add("");
                }
                sb.append(String.join(",", row)).append('\n');
            }
        }
    }

    private static void rows(StringBuilder sb, Leaderboard lb, ReportOptions options, List<String> columns) {
        String protocol = lb.protocol() == EvalProtocol.FULL ? "full" : "sampled";
        List<UserView> views = new ArrayList<>(List.of(UserView.ALL, UserView.LOW_ACTIVITY));
        int maxGroups = lb.domains().stream().mapToInt(lb::groups).max().orElse(0);
        for (int g = 1; g <= maxGroups; g++) {
            views.add(UserView.group(g));
        }
        for (UserView view : views) {
            Map<String, PairedComparison> sig = new LinkedHashMap<>();
            if (view.group() == 0) {
                Significance.rows(lb, options.reference(), view).forEach(r -> sig.put(r.domain() + "|" + r.metric(), r.comparison()));
            }
            for (String domain : lb.domains()) {
                if (view.group() > lb.groups(domain)) {
                    continue;
                }
                int[] range = view.group() > 0 ? lb.groupRange(domain, view.group())
                        : view.equals(UserView.LOW_ACTIVITY) ? new int[]{0, lb.lowActivityMax()} : null;
                for (String model : lb.models()) {
                    List<String> row = new ArrayList<>();
                    row.add(protocol);
                    row.add(view.label());
                    row.add(quote(domain));
                    row.add(quote(model));
                    row.add(String.valueOf(lb.runs(model).size()));
                    int[] users = lb.users(model, domain, view);
                    row.add(users.length == 0 ? "" : String.format(Locale.ROOT, "%.1f",
                            java.util.Arrays.stream(users).average().orElse(0)));
                    row.add(range == null ? "" : String.valueOf(range[0]));
                    row.add(range == null ? "" : String.valueOf(range[1]));
                    for (String m : columns) {
                        MeanStd s = lb.metrics().contains(m) ? lb.summary(model, domain, view, m) : MeanStd.of();
                        row.add(number(s.mean()));
                        row.add(number(s.std()));
                    }
                    for (String m : columns) {
                        PairedComparison c = model.equals(options.reference()) ? sig.get(domain + "|" + m) : null;
                        row.add(c == null ? "" : quote(c.baseline()));
                        row.add(c == null || !c.testable() ? (c == null ? "" : "n/a") : String.format(Locale.ROOT, "%.6g", c.pValue()));
                    }
                    sb.append(String.join(",", row)).append('\n');
                }
            }
        }
    }

    private static String number(double fraction) {
        return Double.isNaN(fraction) ? "" : String.format(Locale.ROOT, "%.4f", fraction * 100);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
