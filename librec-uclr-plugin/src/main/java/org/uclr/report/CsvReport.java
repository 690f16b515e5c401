package org.uclr.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * leaderboard.csv: one row per (view, domain, model), where the view is all users, the low-activity
 * users or one activity group; per metric the mean and sample std over seeds in % (4 decimals), and on
 * the reference model's rows the best baseline and the paired test's p-value (all and low-activity views).
 */
public final class CsvReport {
    private CsvReport() {
    }

    public static String render(Leaderboard lb, ReportOptions options) {
        List<String> header = new ArrayList<>(List.of("view", "domain", "model", "seeds", "users",
                "min_train_interactions", "max_train_interactions"));
        for (String m : lb.metrics()) {
            header.add(m + "_mean");
            header.add(m + "_std");
        }
        for (String m : lb.metrics()) {
            header.add(m + "_best_baseline");
            header.add(m + "_p");
        }
        StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
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
                    row.add(view.label());
                    row.add(quote(domain));
                    row.add(quote(model));
                    row.add(String.valueOf(lb.runs(model).size()));
                    int[] users = lb.users(model, domain, view);
                    row.add(users.length == 0 ? "" : String.format(Locale.ROOT, "%.1f",
                            java.util.Arrays.stream(users).average().orElse(0)));
                    row.add(range == null ? "" : String.valueOf(range[0]));
                    row.add(range == null ? "" : String.valueOf(range[1]));
                    for (String m : lb.metrics()) {
                        MeanStd s = lb.summary(model, domain, view, m);
                        row.add(number(s.mean()));
                        row.add(number(s.std()));
                    }
                    for (String m : lb.metrics()) {
                        PairedComparison c = model.equals(options.reference()) ? sig.get(domain + "|" + m) : null;
                        row.add(c == null ? "" : quote(c.baseline()));
                        row.add(c == null || !c.testable() ? (c == null ? "" : "n/a") : String.format(Locale.ROOT, "%.6g", c.pValue()));
                    }
                    sb.append(String.join(",", row)).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String number(double fraction) {
        return Double.isNaN(fraction) ? "" : String.format(Locale.ROOT, "%.4f", fraction * 100);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
