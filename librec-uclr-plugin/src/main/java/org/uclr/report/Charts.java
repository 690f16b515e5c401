package org.uclr.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.uclr.util.AtomicFiles;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;


/**
 * The leaderboard's figures, drawn with JFreeChart: bars or lines of means with error bars of one
 * standard deviation. Rendering is headless (no display is needed) and PNG files are written atomically.
 */
public final class Charts {
    /** Tableau 10: distinguishable, colour-blind-friendlier than JFreeChart's defaults. */
    private static final Color[] PALETTE = {
            new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759), new Color(0x76B7B2), new Color(0x59A14F),
            new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F), new Color(0xBAB0AC)};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /** Means with standard deviations: rows are series (models), columns are categories. */
    public static final class Series {
        private final DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();

        /** Adds one point; a NaN mean is left out, a NaN std draws no error bar. */
        public Series add(String series, String category, MeanStd value, double scale) {
            if (!Double.isNaN(value.mean())) {
                Double std = Double.isNaN(value.std()) ? null : value.std() * scale;
                data.add(Double.valueOf(value.mean() * scale), std, series, category);
            }
            return this;
        }

        public boolean isEmpty() {
            return data.getRowCount() == 0;
        }
    }

    /** Grouped bars with error bars. */
    public static JFreeChart bars(String title, String subtitle, String categoryLabel, String valueLabel, Series s) {
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.05);
        r.setErrorIndicatorPaint(Color.DARK_GRAY);
        r.setDrawBarOutline(false);
        return chart(title, subtitle, categoryLabel, valueLabel, s, r, true);
    }

    /** Lines over ordered categories (activity groups) with error bars. */
    public static JFreeChart lines(String title, String subtitle, String categoryLabel, String valueLabel, Series s) {
        StatisticalLineAndShapeRenderer r = new StatisticalLineAndShapeRenderer(true, true);
        r.setErrorIndicatorPaint(Color.DARK_GRAY);
        r.setDefaultStroke(new BasicStroke(2f));
        r.setAutoPopulateSeriesStroke(false);
        return chart(title, subtitle, categoryLabel, valueLabel, s, r, false);
    }

    private static JFreeChart chart(String title, String subtitle, String categoryLabel, String valueLabel, Series s,
                                    org.jfree.chart.renderer.category.CategoryItemRenderer r, boolean fromZero) {
        CategoryAxis x = new CategoryAxis(categoryLabel);
        x.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        x.setMaximumCategoryLabelLines(2);
        NumberAxis y = new NumberAxis(valueLabel);
        y.setAutoRangeIncludesZero(fromZero);
        CategoryPlot plot = new CategoryPlot(s.data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setOutlineVisible(false);
        for (int i = 0; i < s.data.getRowCount(); i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        if (r instanceof BarRenderer b) {
            b.setMaximumBarWidth(0.08);
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        if (subtitle != null && !subtitle.isEmpty()) {
            chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        }
        return chart;
    }

    /** Draws the chart as a PNG (written atomically). */
    public static void writePng(Path file, JFreeChart chart, int width, int height) {
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

}
