package org.uclr.report;

import org.jfree.chart.JFreeChart;

import java.util.List;

/** A piece of the report that both the Markdown and the HTML renderer know how to show. */
public sealed interface ReportBlock {

    /** A heading; level 1 is the page title. */
    record Heading(int level, String text) implements ReportBlock {
    }

    /** A paragraph of plain text. */
    record Paragraph(String text) implements ReportBlock {
    }

    /** A table: the header, then rows of cells. */
    record Table(List<String> header, List<List<Cell>> rows) implements ReportBlock {
        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }
    }

    /** A chart drawn into {@code figures/<file>}. */
    record Figure(String file, String caption, JFreeChart chart, int width, int height) implements ReportBlock {
    }

    /** A table cell; bold marks the best value of its column. */
    record Cell(String text, boolean bold) {
        public static Cell of(String text) {
            return new Cell(text, false);
        }
    }
}
