package org.uclr.report;

import org.apache.commons.math3.stat.StatUtils;

import java.util.Arrays;

/**
 * Mean and sample standard deviation (n - 1 in the denominator) of a metric over seeds.
 *
 * @param mean mean of the values (NaN when there are none)
 * @param std  sample standard deviation (NaN when n &lt; 2)
 * @param n    how many values (seeds)
 */
public record MeanStd(double mean, double std, int n) {

    /** Summarises the values, skipping NaN (a seed whose view had no users). */
    public static MeanStd of(double... values) {
        double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return new MeanStd(Double.NaN, Double.NaN, 0);
        }
        double mean = StatUtils.mean(v);
        double std = v.length < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(v, mean));
        return new MeanStd(mean, std, v.length);
    }

    public boolean isEmpty() {
        return n == 0;
    }
}
