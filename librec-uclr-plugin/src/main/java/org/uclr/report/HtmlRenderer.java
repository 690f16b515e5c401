package org.uclr.report;

import org.uclr.report.ReportBlock.Cell;
import org.uclr.report.ReportBlock.Figure;
import org.uclr.report.ReportBlock.Heading;
import org.uclr.report.ReportBlock.Paragraph;
import org.uclr.report.ReportBlock.Table;

import java.util.List;

/** Renders report blocks as one self-contained HTML page (leaderboard.html); figures are PNG files beside it. */
public final class HtmlRenderer {
    private static final String STYLE = String.join("\n",
            "body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif; margin: 2em auto;",
            "       max-width: 1200px; padding: 0 1em; color: #222; line-height: 1.45; }",
            "h1 { font-size: 1.7em; border-bottom: 2px solid #4E79A7; padding-bottom: .2em; }",
            "h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 1px solid #ddd; }",
            "h3 { font-size: 1.1em; }",
            "table { border-collapse: collapse; margin: 1em 0; font-size: .92em; }",
            "th, td { border: 1px solid #ccc; padding: .3em .6em; text-align: right; white-space: nowrap; }",
            "th { background: #f2f4f7; }",
            "td:first-child, th:first-child, td:nth-child(2), th:nth-child(2) { text-align: left; }",
            "tr:nth-child(even) td { background: #fafafa; }",
            "figure { display: inline-block; vertical-align: top; width: 49%; margin: .8em 0; }",
            "figure img { width: 100%; height: auto; border: 1px solid #eee; }",
            "figcaption { color: #555; font-size: .9em; }",
            "code { background: #f2f2f2; padding: 0 .2em; }");

    private HtmlRenderer() {
    }

    public static String render(String title, List<ReportBlock> blocks, String figureDir) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(escape(title))
                .append("</title>\n<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n");
        for (ReportBlock b : blocks) {
            if (b instanceof Heading h) {
                sb.append("<h").append(h.level()).append('>').append(escape(h.text())).append("</h").append(h.level())
                        .append(">\n");
            } else if (b instanceof Paragraph p) {
                sb.append("<p>").append(code(escape(p.text()))).append("</p>\n");
            } else if (b instanceof Table t) {
                table(sb, t);
            } else if (b instanceof Figure f) {
                sb.append("<figure><img src=\"").append(escape(figureDir + "/" + f.file())).append("\" alt=\"")
                        .append(escape(f.caption())).append("\" width=\"").append(f.width()).append("\"><figcaption>")
                        .append(escape(f.caption())).append("</figcaption></figure>\n");
            }
        }
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void table(StringBuilder sb, Table t) {
        sb.append("<table>\n<thead><tr>");
        t.header().forEach(h -> sb.append("<th>").append(escape(h)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<Cell> row : t.rows()) {
            sb.append("<tr>");
            for (Cell c : row) {
                String text = escape(c.text());
                sb.append("<td>").append(c.bold() ? "<b>" + text + "</b>" : text).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    /** Markdown's `code` spans in paragraph text become code elements. */
    private static String code(String html) {
        return html.replaceAll("`([^`]+)`", "<code>$1</code>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
