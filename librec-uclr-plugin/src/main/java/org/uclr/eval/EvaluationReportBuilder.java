package org.uclr.eval;

import org.uclr.data.Split;
import org.uclr.data.UserItemMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Builds the {@link EvaluationReport} from where each test positive ranks, for a list of metric columns
 * (those of {@link SampledRankingEvaluator}s with their cutoffs set, or {@link MetricColumn#fullRanking}):
 * per-user metric values, averaged over all users, the low-activity users and the activity groups of each
 * domain. The same for either protocol; it only reads rank counts, it never trains.
 */
public final class EvaluationReportBuilder {
    private final List<MetricColumn> columns;
    private final int lowActivityMax;
    private final int groups;

    public EvaluationReportBuilder(List<SampledRankingEvaluator> evaluators, int lowActivityMax, int groups) {
        this(lowActivityMax, groups, evaluators.stream().map(MetricColumn::of).toList());
    }

    private EvaluationReportBuilder(int lowActivityMax, int groups, List<MetricColumn> columns) {
        this.columns = List.copyOf(columns);
        this.lowActivityMax = lowActivityMax;
        this.groups = groups;
    }

    /** A builder for the given columns (e.g. the full-ranking protocol's). */
    public static EvaluationReportBuilder of(List<MetricColumn> columns, int lowActivityMax, int groups) {
        return new EvaluationReportBuilder(lowActivityMax, groups, columns);
    }

    /** "NDCG@10" for a metric at a cutoff, "AUC" for one without. */
    public static String metricName(SampledRankingEvaluator e) {
        return e.metric().hasCutoff() ? e.metric().label() + "@" + e.topN() : e.metric().label();
    }

    /** The sampled protocol's report from the scored test candidates. */
    public EvaluationReport build(ScoredCandidates scores, Split split) {
        return build(scores.domains().stream().map(ScoredDomain::ranked).toList(), split);
    }

    /** The report from each domain's rank counts, in dataset domain order. */
    public EvaluationReport build(List<RankedUsers> ranked, Split split) {
        List<String> names = columns.stream().map(MetricColumn::name).toList();
        List<DomainReport> domains = new ArrayList<>();
        for (int d = 0; d < ranked.size(); d++) {
            domains.add(domain(ranked.get(d), split.domain(d).train()));
        }
        Map<String, Double> macro = new LinkedHashMap<>();
        for (String name : names) {
            macro.put(name, domains.stream().filter(r -> r.all().users() > 0)
                    .mapToDouble(r -> r.all().get(name)).average().orElse(Double.NaN));
        }
        return new EvaluationReport(names, domains, macro);
    }

    private DomainReport domain(RankedUsers scored, UserItemMatrix train) {
        ScoredDomain.RankCounts counts = scored.counts();
        int n = scored.size();
        double[][] perUser = new double[columns.size()][];
        for (int e = 0; e < columns.size(); e++) {
            MetricColumn c = columns.get(e);
            perUser[e] = counts.perUser(c.metric(), c.cutoff());
        }
        int[] activity = new int[n];
        for (int r = 0; r < n; r++) {
            activity[r] = train.rowSize(scored.users()[r]);
        }
        int[] allRows = IntStream.range(0, n).toArray();
        int[] lowRows = IntStream.range(0, n).filter(r -> activity[r] <= lowActivityMax).toArray();
        List<ActivityGroup> groupReports = new ArrayList<>();
        Integer[] byActivity = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingInt(r -> -activity[r]).thenComparingInt(r -> r))
                .toArray(Integer[]::new);
        int numGroups = Math.min(groups, Math.max(1, n));
        for (int g = 0; g < numGroups && n > 0; g++) {
            int from = (int) ((long) g * n / numGroups);
            int to = (int) ((long) (g + 1) * n / numGroups);
            int[] rows = Arrays.stream(byActivity, from, to).mapToInt(Integer::intValue).toArray();
            int min = Arrays.stream(rows).map(r -> activity[r]).min().orElse(0);
            int max = Arrays.stream(rows).map(r -> activity[r]).max().orElse(0);
            groupReports.add(new ActivityGroup(g + 1, min, max, mean(perUser, rows)));
        }
        return new DomainReport(scored.domain(), mean(perUser, allRows), mean(perUser, lowRows), lowActivityMax,
                groupReports);
    }

    private MetricValues mean(double[][] perUser, int[] rows) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int e = 0; e < columns.size(); e++) {
            double sum = 0;
            for (int r : rows) {
                sum += perUser[e][r];
            }
            m.put(columns.get(e).name(), rows.length == 0 ? Double.NaN : sum / rows.length);
        }
        return new MetricValues(rows.length, m);
    }
}
