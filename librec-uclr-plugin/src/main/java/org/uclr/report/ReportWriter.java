package org.uclr.report;

import org.uclr.UclrException;
import org.uclr.job.ResultsJson;
import org.uclr.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a leaderboard's report into its directory: leaderboard.md, leaderboard.csv, leaderboard.html,
 * figures/*.png, and a copy of every run's results.json under results/ (the committed report then
 * carries the numbers it was made from). It reads finished runs only; it never trains.
 */
public final class ReportWriter {
    public static final String FIGURES = "figures";
    public static final String RESULTS = "results";

    private ReportWriter() {
    }

    /**
     * @param reportDir where the report goes
     * @param models    run names in row order
     * @param runDirs   the finished runs' directories
     * @param missing   labels of jobs without a run
     */
    public static Leaderboard write(Path reportDir, List<String> models, List<Path> runDirs, List<String> missing,
                                    ReportOptions options) {
        List<RunRecord> records = new ArrayList<>();
        runDirs.forEach(d -> records.add(ResultsReader.read(d)));
        Leaderboard lb = Leaderboard.of(models, records, options.metrics());
        Set<Path> written = new HashSet<>();
        for (RunRecord r : records) {
            Path copy = reportDir.resolve(copiedResults(r));
            copy(r.dir().resolve(ResultsJson.FILE_NAME), copy);
            written.add(copy);
        }
        List<ReportBlock> blocks = ReportContent.build(lb, options, missing);
        for (ReportBlock b : blocks) {
            if (b instanceof ReportBlock.Figure f) {
                Path png = reportDir.resolve(FIGURES).resolve(f.file());
                Charts.writePng(png, f.chart(), f.width(), f.height());
                written.add(png);
            }
        }
        AtomicFiles.writeString(reportDir.resolve("leaderboard.md"), MarkdownRenderer.render(blocks, FIGURES));
        AtomicFiles.writeString(reportDir.resolve("leaderboard.csv"), CsvReport.render(lb, options));
        AtomicFiles.writeString(reportDir.resolve("leaderboard.html"),
                HtmlRenderer.render("Leaderboard: " + lb.datasetTitle(), blocks, FIGURES));
        removeStale(reportDir.resolve(RESULTS), written);
        removeStale(reportDir.resolve(FIGURES), written);
        return lb;
    }

    /** Files an earlier report wrote that this one did not (a model or seed since dropped). */
    private static void removeStale(Path dir, Set<Path> keep) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (!keep.contains(f)) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UclrException("cannot clean " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Where a run's results.json is copied, relative to the report directory. */
    static String copiedResults(RunRecord r) {
        return RESULTS + "/" + r.model() + "-seed-" + r.seed() + ".json";
    }

    private static void copy(Path from, Path to) {
        try {
            byte[] bytes = Files.readAllBytes(from);
            AtomicFiles.write(to, out -> out.write(bytes));
        } catch (IOException e) {
            throw new UclrException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
