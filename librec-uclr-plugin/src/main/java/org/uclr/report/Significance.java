package org.uclr.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reference model (UCLR, run name "uclr", or another UCLR configuration such as "uclr-lightgcn") against
 * the best baseline of each domain and metric: the baseline with the highest mean, paired over the seeds both
 * ran. Runs of the reference's family (its run name up to the first '-': "uclr" and every "uclr-*", i.e. UCLR's
 * other backbones and its ablations) are configurations of the reference model, not baselines.
 */
public final class Significance {
    private Significance() {
    }

    /**
     * One test.
     *
     * @param domain     domain name
     * @param metric     metric name
     * @param comparison the paired test of reference vs best baseline
     */
    public record Row(String domain, String metric, PairedComparison comparison) {
    }

    public static boolean isBaseline(String model, String reference) {
        String family = family(reference);
        return !model.equals(family) && !model.startsWith(family + "-");
    }

    /** The reference's model family: its run name up to the first '-' ("uclr" for "uclr-lightgcn"). */
    public static String family(String reference) {
        int dash = reference.indexOf('-');
        return dash < 0 ? reference : reference.substring(0, dash);
    }

    /** Why no test can be made, or empty when it can. */
    public static Optional<String> unavailable(Leaderboard lb, String reference) {
        if (!lb.models().contains(reference)) {
            return Optional.of("No run named '" + reference + "' in this leaderboard, so no significance test was made");
        }
        if (lb.models().stream().noneMatch(m -> isBaseline(m, reference))) {
            return Optional.of("No baseline beside '" + reference + "', so no significance test was made");
        }
        return Optional.empty();
    }

    public static List<Row> rows(Leaderboard lb, String reference, UserView view) {
        if (unavailable(lb, reference).isPresent()) {
            return List.of();
        }
        List<Row> out = new ArrayList<>();
        for (String domain : lb.domains()) {
            for (String metric : lb.metrics()) {
                String best = null;
                double bestMean = Double.NEGATIVE_INFINITY;
                for (String m : lb.models()) {
                    double mean = lb.summary(m, domain, view, metric).mean();
                    if (isBaseline(m, reference) && !Double.isNaN(mean) && mean > bestMean) {
                        best = m;
                        bestMean = mean;
                    }
                }
                if (best == null) {
                    continue;
                }
                List<Long> seeds = lb.seeds();
                out.add(new Row(domain, metric, PairedComparison.of(reference, best,
                        lb.values(reference, seeds, domain, view, metric), lb.values(best, seeds, domain, view, metric))));
            }
        }
        return out;
    }
}
