package org.uclr.job;

import org.uclr.eval.DomainReport;
import org.uclr.eval.EvaluationReport;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The per-domain table a job prints: metrics in percent, one row per domain plus the macro average. */
public final class ResultTable {
    private ResultTable() {
    }

    public static String render(String title, EvaluationReport report) {
        // columns are 8 wide, or as wide as a longer metric name ("Precision@10")
        Map<String, String> text = new HashMap<>();
        Map<String, String> number = new HashMap<>();
        for (String m : report.metricNames()) {
            int w = Math.max(8, m.length());
            text.put(m, " %" + w + "s");
            number.put(m, " %" + w + ".2f");
        }
        StringBuilder sb = new StringBuilder();
        sb.append(title).append('\n');
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-14s %7s", "domain", "users"));
        for (String m : report.metricNames()) {
            header.append(String.format(Locale.ROOT, text.get(m), m));
        }
        sb.append(header).append('\n').append("-".repeat(header.length())).append('\n');
        for (DomainReport d : report.domains()) {
            sb.append(String.format(Locale.ROOT, "%-14s %7d", d.domain(), d.all().users()));
            for (String m : report.metricNames()) {
                sb.append(String.format(Locale.ROOT, number.get(m), 100 * d.all().get(m)));
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%-14s %7s", "macro-avg", ""));
        for (String m : report.metricNames()) {
            sb.append(String.format(Locale.ROOT, number.get(m), 100 * report.macro().get(m)));
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%-14s %7s", "(<=" + report.domains().get(0).lowActivityMax() + " train)", ""))
                .append('\n');
        for (DomainReport d : report.domains()) {
            sb.append(String.format(Locale.ROOT, "%-14s %7d", "  " + d.domain(), d.lowActivity().users()));
            for (String m : report.metricNames()) {
                double v = d.lowActivity().get(m);
                sb.append(Double.isNaN(v) ? String.format(Locale.ROOT, text.get(m), "-")
                        : String.format(Locale.ROOT, number.get(m), 100 * v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
