package org.uclr.report;

import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * A paired two-sided t-test of a model against another over the seeds both ran (the same seed means
 * the same split and negatives, so the per-seed values pair up). With 5 seeds a t-test is the usable
 * choice: the exact Wilcoxon signed-rank test cannot give a two-sided p below 2/2^5 = 0.0625 at n = 5,
 * so it could never reject at 0.05; each value is a mean over many users, close to normal.
 *
 * @param model          the model tested (e.g. "uclr")
 * @param baseline       the model it is compared with
 * @param n              pairs (seeds both have)
 * @param meanDifference mean of model - baseline over the pairs
 * @param pValue         two-sided p, NaN when n &lt; 2 or the differences have no variance
 */
public record PairedComparison(String model, String baseline, int n, double meanDifference, double pValue) {
    public static final String TEST_NAME = "paired two-sided t-test over seeds (Apache Commons Math TTest.pairedTTest)";

    /** Compares paired values; NaN pairs (a view without users in that seed) are left out. */
    public static PairedComparison of(String model, String baseline, double[] modelValues, double[] baselineValues) {
        if (modelValues.length != baselineValues.length) {
            throw new IllegalArgumentException("unpaired values: " + modelValues.length + " vs " + baselineValues.length);
        }
        int n = 0;
        double[] a = new double[modelValues.length];
        double[] b = new double[modelValues.length];
        for (int i = 0; i < modelValues.length; i++) {
            if (!Double.isNaN(modelValues[i]) && !Double.isNaN(baselineValues[i])) {
                a[n] = modelValues[i];
                b[n] = baselineValues[i];
                n++;
            }
        }
        a = java.util.Arrays.copyOf(a, n);
        b = java.util.Arrays.copyOf(b, n);
        double meanDiff = n == 0 ? Double.NaN : StatUtils.meanDifference(a, b);
        double p = Double.NaN;
        if (n >= 2 && StatUtils.varianceDifference(a, b, meanDiff) > 0) {
            p = new TTest().pairedTTest(a, b);
        }
        return new PairedComparison(model, baseline, n, meanDiff, p);
    }

    public boolean testable() {
        return !Double.isNaN(pValue);
    }

    public boolean significant(double alpha) {
        return testable() && pValue < alpha;
    }
}
