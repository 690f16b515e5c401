package org.uclr.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.eval.ActivityGroup;
import org.uclr.eval.DomainReport;
import org.uclr.eval.EvaluationReport;
import org.uclr.eval.MetricValues;
import org.uclr.job.ResultsJson;
import org.uclr.job.RunResult;
import org.uclr.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report from hand-made results.json files: every number checked against a value worked out by hand. */
class ReportWriterTest {
    private static final List<String> METRICS = List.of("HR@10", "NDCG@10");
    // books NDCG@10 per seed 1..5; uclr vs bprmf is the PairedComparisonTest example (p = 0.0349197)
    private static final double[] UCLR = {0.31, 0.33, 0.35, 0.30, 0.36};
    private static final double[] BPRMF = {0.30, 0.31, 0.33, 0.30, 0.33};
    private static final double[] GLOBAL = {0.29, 0.30, 0.32, 0.29, 0.32};

    @TempDir
    Path tmp;

    private static MetricValues values(int users, double hr, double ndcg) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("HR@10", hr);
        m.put("NDCG@10", ndcg);
        return new MetricValues(users, m);
    }

    /** A run whose books NDCG@10 is {@code ndcg}, HR@10 twice that; music values fixed; low activity ndcg / 2. */
    private Path run(String model, long seed, double ndcg, boolean synthetic) {
        List<ActivityGroup> groups = List.of(new ActivityGroup(1, 10, 90, values(50, 2 * ndcg, ndcg + 0.05)),
                new ActivityGroup(2, 0, 9, values(50, 2 * ndcg, ndcg - 0.05)));
        DomainReport books = new DomainReport("books", values(100, 2 * ndcg, ndcg), values(20, ndcg, ndcg / 2), 2, groups);
        DomainReport music = new DomainReport("music", values(100, 0.5, 0.25), values(0, Double.NaN, Double.NaN), 2, groups);
        EvaluationReport report = new EvaluationReport(METRICS, List.of(books, music), Map.of("HR@10", 0.0, "NDCG@10", 0.0));
        Path dir = tmp.resolve("runs").resolve(model).resolve("seed-" + seed);
        RunResult r = new RunResult(model, "x." + model, synthetic ? "synthetic-tiny" : "tiny", synthetic, "fp", seed,
                Map.of("rec.random.seed", String.valueOf(seed)), report, 10 * seed, 1, Map.of(), List.of(), Map.of(), dir);
        ResultsJson.write(dir, r, Map.of("cores", 2, "code_version", "abc123", "peak_rss_mb", 100));
        return dir;
    }

    private List<Path> runs(boolean synthetic) {
        List<Path> dirs = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            dirs.add(run("uclr", s + 1, UCLR[s], synthetic));
            dirs.add(run("bprmf", s + 1, BPRMF[s], synthetic));
            dirs.add(run("bprmf-global", s + 1, GLOBAL[s], synthetic));
        }
        return dirs;
    }

    private static ReportOptions options() {
        return new ReportOptions(METRICS, "NDCG@10", "uclr", 0.05, "bin/librec leaderboard -conf test.properties");
    }

    private static String row(String md, String prefix) {
        return Arrays.stream(md.split("\n")).filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(
                () -> new AssertionError("no line starting with " + prefix + " in\n" + md));
    }

    @Test
    void significanceVerdictSaysBehindWhenTheReferenceLosesSignificantly() throws IOException {
        Path out = tmp.resolve("report");
        ReportOptions asGlobal = new ReportOptions(METRICS, "NDCG@10", "bprmf-global", 0.05, "bin/librec leaderboard");
        ReportWriter.write(out, List.of("bprmf", "bprmf-global", "uclr"), runs(false), List.of(), asGlobal);
        String md = Files.readString(out.resolve("leaderboard.md"));
        // bprmf-global - uclr per seed: -2 -3 -3 -1 -4 points, mean -2.60, sd sqrt(5.2 / 4), t = -5.10 on 4 df, p < 0.01
        String r = row(md, "| all | books | NDCG@10 | 30.40 ± 1.52 | uclr | 33.00 ± 2.55 | -2.60 | 5 | **0.00");
        assertTrue(r.endsWith("** | behind |"), r);
    }

    @Test
    void tablesShowMeanAndSampleStdInPercentWithTheBestInBold() throws IOException {
        Path out = tmp.resolve("report");
        ReportWriter.write(out, List.of("bprmf", "bprmf-global", "uclr"), runs(false), List.of(), options());
        String md = Files.readString(out.resolve("leaderboard.md"));
        // uclr NDCG@10: 31 33 35 30 36 -> 33.00 ± sqrt(6.5) = 2.55; HR@10 is twice: 66.00 ± 5.10; p < 0.05 -> dagger
        assertEquals("| books | uclr | 5 | 100 | **66.00 ± 5.10 †** | **33.00 ± 2.55 †** |", row(md, "| books | uclr |"));
        // bprmf NDCG@10: 30 31 33 30 33 -> 31.40, deviations -1.4 -0.4 1.6 -1.4 1.6 -> sqrt(9.2 / 4) = 1.52
        assertEquals("| books | bprmf | 5 | 100 | 62.80 ± 3.03 | 31.40 ± 1.52 |", row(md, "| books | bprmf |"));
        // music: every model has the same values, so all are bold, std 0, and no variance -> no dagger
        assertEquals("| music | uclr | 5 | 100 | **50.00 ± 0.00** | **25.00 ± 0.00** |", row(md, "| music | uclr |"));
        // low activity: books halves (16.50 ± 1.27), music has no users -> dash
        assertTrue(md.contains("| books | uclr | 5 | 20 | **33.00 ± 2.55"), md);
        assertTrue(md.contains("| music | uclr | 5 | 0 | – | – |"), md);
        // significance table: uclr vs bprmf (the best baseline), +1.60 points, n = 5, p = 0.0349
        assertTrue(md.contains("| all | books | NDCG@10 | 33.00 ± 2.55 | bprmf | 31.40 ± 1.52 | +1.60 | 5 | **0.0349** | ahead |"), md);
        assertTrue(md.contains("| all | music | NDCG@10 | 25.00 ± 0.00 | bprmf | 25.00 ± 0.00 | +0.00 | 5 | n/a | n/a |"), md);
        // activity groups: group 1 is ndcg + 5 points -> 38.00 ± 2.55 for uclr
        assertTrue(md.contains("| uclr | 38.00 ± 2.55 | 28.00 ± 2.55 |"), md);
        assertTrue(md.contains("| model | 1 (10-90) | 2 (0-9) |"), md);
    }

    @Test
    void csvCarriesTheSameNumbersWithMorePrecisionAndTheTest() throws IOException {
        Path out = tmp.resolve("report");
        ReportWriter.write(out, List.of("bprmf", "bprmf-global", "uclr"), runs(false), List.of(), options());
        List<String> csv = Files.readAllLines(out.resolve("leaderboard.csv"));
        assertEquals("protocol,view,domain,model,seeds,users,min_train_interactions,max_train_interactions,HR@10_mean,"
                + "HR@10_std,NDCG@10_mean,NDCG@10_std,HR@10_best_baseline,HR@10_p,NDCG@10_best_baseline,NDCG@10_p", csv.get(0));
        String uclr = csv.stream().filter(l -> l.startsWith("sampled,all,books,uclr,")).findFirst().orElseThrow();
        String[] f = uclr.split(",");
        assertEquals("5", f[4]);
        assertEquals(33.0, Double.parseDouble(f[10]), 1e-9);
        assertEquals(Math.sqrt(6.5), Double.parseDouble(f[11]), 1e-4);
        assertEquals("bprmf", f[14]);
        assertEquals(0.0349197, Double.parseDouble(f[15]), 1e-6);
        String lowGroup = csv.stream().filter(l -> l.startsWith("sampled,group-2,books,bprmf,")).findFirst().orElseThrow();
        assertEquals("0", lowGroup.split(",")[6]);
        assertEquals("9", lowGroup.split(",")[7]);
    }

    @Test
    void temperaturesOfUclrAreSummarisedByActivityGroup() throws IOException {
        List<Path> dirs = runs(false);
        for (Path d : dirs) {
            if (d.toString().contains("uclr")) {
                // 9 users, 9 groups of one; tau = 0.1 * group so group g has mean 0.1 g in every seed
                StringBuilder tsv = new StringBuilder("user\ttrain_interactions\ttau\n");
                for (int u = 0; u < 9; u++) {
                    tsv.append("u").append(u).append('\t').append(100 - 10 * u).append('\t').append(0.1 * (u + 1)).append('\n');
                }
                AtomicFiles.writeString(d.resolve(ResultsReader.TEMPERATURES_FILE), tsv.toString());
            }
        }
        Path out = tmp.resolve("report");
        ReportWriter.write(out, List.of("bprmf", "bprmf-global", "uclr"), dirs, List.of(), options());
        String md = Files.readString(out.resolve("leaderboard.md"));
        assertTrue(md.contains("| uclr | 1 | 100-100 | 5 | 0.1000 | 0.0000 |"), md);
        assertTrue(md.contains("| uclr | 9 | 20-20 | 5 | 0.9000 | 0.0000 |"), md);
        assertTrue(Files.exists(out.resolve("figures/temperature.png")));
    }

    @Test
    void htmlShowsEveryFigureAndTheFiguresArePngFiles() throws IOException {
        Path out = tmp.resolve("report");
        ReportWriter.write(out, List.of("bprmf", "bprmf-global", "uclr"), runs(false), List.of(), options());
        String html = Files.readString(out.resolve("leaderboard.html"));
        List<String> figures;
        try (var files = Files.list(out.resolve(ReportWriter.FIGURES))) {
            figures = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("groups-books.png", "groups-music.png", "low-activity-books.png", "low-activity-music.png",
                "metrics-books.png", "metrics-music.png"), figures);
        for (String f : figures) {
            assertTrue(html.contains("<img src=\"figures/" + f + "\""), f);
            byte[] head = Arrays.copyOf(Files.readAllBytes(out.resolve("figures").resolve(f)), 8);
            assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head, f);
        }
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.trim().endsWith("</html>"));
        // the runs the tables came from travel with the report
        assertTrue(Files.exists(out.resolve("results/uclr-seed-3.json")));
    }

    @Test
    void withoutUclrTheTestIsSkippedWithANote() throws IOException {
        Path out = tmp.resolve("report");
        List<Path> baselinesOnly = runs(false).stream().filter(p -> !p.toString().contains("uclr")).toList();
        ReportWriter.write(out, List.of("bprmf", "bprmf-global"), baselinesOnly, List.of(), options());
        String md = Files.readString(out.resolve("leaderboard.md"));
        assertTrue(md.contains("No run named 'uclr' in this leaderboard, so no significance test was made"), md);
        assertFalse(md.contains("†"));
    }

    @Test
    void syntheticDataIsLabelledInEveryTitle() throws IOException {
        Path out = tmp.resolve("report");
        ReportWriter.write(out, List.of("bprmf", "bprmf-global", "uclr"), runs(true), List.of(), options());
        String md = Files.readString(out.resolve("leaderboard.md"));
        for (String line : md.split("\n")) {
            if (line.startsWith("#") || line.startsWith("![")) {
                assertTrue(line.contains("synthetic"), line);
            }
        }
        List<ReportBlock> blocks = ReportContent.build(Leaderboard.of(List.of("bprmf", "uclr"),
                List.of(ResultsReader.read(run("bprmf", 1, 0.3, true)), ResultsReader.read(run("uclr", 1, 0.3, true))),
                METRICS), options(), List.of());
        for (ReportBlock b : blocks) {
            if (b instanceof ReportBlock.Figure f) {
                assertTrue(f.chart().getTitle().getText().contains("synthetic"), f.chart().getTitle().getText());
            }
        }
        String html = Files.readString(out.resolve("leaderboard.html"));
        assertTrue(html.contains("<title>Leaderboard: synthetic-tiny (synthetic data)</title>"), html);
    }
}
