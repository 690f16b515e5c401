package org.uclr.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.eval.DomainReport;
import org.uclr.eval.EvalProtocol;
import org.uclr.eval.EvaluationReport;
import org.uclr.eval.MetricValues;
import org.uclr.job.ResultsJson;
import org.uclr.job.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's validation section: each row's validation NDCG@10 per domain and macro over seeds (values worked
 * out by hand below), the best of a column in bold, the rows above the reference per domain, and the rows whose
 * runs recorded no validation metrics.
 */
class ValidationReportTest {
    private static final List<String> METRICS = List.of("NDCG@10");

    @TempDir
    Path tmp;

    private static EvaluationReport report(double books, double music) {
        return new EvaluationReport(METRICS, List.of(
                new DomainReport("books", new MetricValues(100, Map.of("NDCG@10", books)),
                        new MetricValues(20, Map.of("NDCG@10", books)), 2, List.of()),
                new DomainReport("music", new MetricValues(100, Map.of("NDCG@10", music)),
                        new MetricValues(20, Map.of("NDCG@10", music)), 2, List.of())), Map.of());
    }

    private String markdown() throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (long seed = 1; seed <= 2; seed++) {
            // validation, books / music: uclr 0.32, 0.34 / 0.50, 0.15 (seeds 1, 2); bprmf 0.40 / 0.20; mostpop none
            Map<String, EvaluationReport> validation = Map.of("uclr", report(0.30 + 0.02 * seed, seed == 1 ? 0.50 : 0.15),
                    "bprmf", report(0.40, 0.20));
            for (String model : List.of("uclr", "bprmf", "mostpop")) {
                Path dir = tmp.resolve("runs").resolve(model).resolve("seed-" + seed);
                RunResult r = new RunResult(model, "x." + model, "tiny", false, "fp", seed, Map.of(), report(0.1, 0.1),
                        1, 1, Map.of(), List.of(), Map.of(), dir, EvalProtocol.SAMPLED, null, Map.of(), null);
                ResultsJson.write(dir, r, validation.get(model), Map.of("code_version", "abc"));
                dirs.add(dir);
            }
        }
        Path out = tmp.resolve("report");
        ReportWriter.write(out, List.of("uclr", "bprmf", "mostpop"), dirs, List.of(),
                new ReportOptions(METRICS, "NDCG@10", "uclr", 0.05, "bin/librec leaderboard -conf x.properties"));
        return Files.readString(out.resolve("leaderboard.md"));
    }

    @Test
    void validationMeansPerDomainAndMacroWithTheRowsAboveTheReference() throws IOException {
        String md = markdown();
        assertTrue(md.contains("## Validation NDCG@10, sampled: what the choices are made on"), md);
        assertTrue(md.contains("| model | seeds | books | music | macro |"), md);
        // uclr books 32, 34: mean 33, sample std sqrt(2) = 1.41; music 50, 15: 32.5, sqrt(2 x 17.5^2) = 24.75;
        // macro per seed (32 + 50) / 2 = 41 and (34 + 15) / 2 = 24.5: 32.75, sqrt(2 x 8.25^2) = 11.67
        assertTrue(md.contains("| uclr | 2 | 33.00 ± 1.41 | **32.50 ± 24.75** | **32.75 ± 11.67** |"), md);
        assertTrue(md.contains("| bprmf | 2 | **40.00 ± 0.00** | 20.00 ± 0.00 | 30.00 ± 0.00 |"), md);
        assertTrue(md.contains("| mostpop | 0 | – | – | – |"), md);
        assertTrue(md.contains("No validation metrics in results.json (runs written before format 2 recorded them, "
                + "or trained without validation users): mostpop."), md);
        assertTrue(md.contains("Rows above uclr on mean validation NDCG@10, per domain: books: bprmf (40.00); music: none."), md);
        // books: bprmf's 40 above uclr's 32 and 34; music: bprmf's 20 above uclr's 15 on seed 2 only (below on mean)
        assertTrue(md.contains("Seeds on which a row's validation NDCG@10 is above uclr's, per domain: books: bprmf "
                + "(seeds 1, 2); music: bprmf (seed 2)."), md);
    }

    @Test
    void theCsvHasAValidationRowPerDomainAndModelWithValidationMetrics() throws IOException {
        markdown();
        List<String> csv = Files.readAllLines(tmp.resolve("report/leaderboard.csv"));
        assertTrue(csv.contains("validation,all,books,uclr,2,100.0,,,33.0000,1.4142,,"), csv.toString());
        assertTrue(csv.contains("validation,all,music,bprmf,2,100.0,,,20.0000,0.0000,,"), csv.toString());
        assertTrue(csv.stream().noneMatch(l -> l.startsWith("validation,all,books,mostpop,")), csv.toString());
    }
}
