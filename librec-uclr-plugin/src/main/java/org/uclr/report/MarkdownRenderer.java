package org.uclr.report;

import org.uclr.report.ReportBlock.Cell;
import org.uclr.report.ReportBlock.Figure;
import org.uclr.report.ReportBlock.Heading;
import org.uclr.report.ReportBlock.Paragraph;
import org.uclr.report.ReportBlock.Table;

import java.util.List;

/** Renders report blocks as GitHub-flavoured Markdown (leaderboard.md). */
public final class MarkdownRenderer {
    private MarkdownRenderer() {
    }

    public static String render(List<ReportBlock> blocks, String figureDir) {
        StringBuilder sb = new StringBuilder();
        for (ReportBlock b : blocks) {
            if (b instanceof Heading h) {
                sb.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Paragraph p) {
                sb.append(p.text()).append("\n\n");
            } else if (b instanceof Table t) {
                table(sb, t);
            } else if (b instanceof Figure f) {
                sb.append("![").append(f.caption()).append("](").append(figureDir).append('/').append(f.file())
                        .append(")\n\n");
            }
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, Table t) {
        sb.append('|');
        t.header().forEach(h -> sb.append(' ').append(escape(h)).append(" |"));
        sb.append("\n|");
        t.header().forEach(h -> sb.append("---|"));
        sb.append('\n');
        for (List<Cell> row : t.rows()) {
            sb.append('|');
            for (Cell c : row) {
                String text = escape(c.text());
                sb.append(' ').append(c.bold() ? "**" + text + "**" : text).append(" |");
            }
            sb.append('\n');
        }
        sb.append('\n');
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
