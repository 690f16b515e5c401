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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report of runs evaluated under both protocols: each protocol's tables labelled, the CSV rows of
 * each, the seconds of each in the run table, and the agreement of the two orderings per domain with a
 * Kendall's tau worked out by hand.
 */
class FullRankingReportTest {
    private static final List<String> METRICS = List.of("HR@10", "NDCG@10");
    /** Sampled NDCG@10 of books per model (every seed): uclr > bprmf > bprmf-global. */
    private static final Map<String, Double> SAMPLED = Map.of("uclr", 0.33, "bprmf", 0.31, "bprmf-global", 0.30);
    /** Full-ranking NDCG@10 of books: bprmf > uclr > bprmf-global. */
    private static final Map<String, Double> FULL = Map.of("uclr", 0.05, "bprmf", 0.07, "bprmf-global", 0.04);

    @TempDir
    Path tmp;

    private static MetricValues values(int users, double hr, double ndcg, boolean full) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("HR@10", hr);
        if (full) {
            m.put("Recall@10", hr);
        }
        m.put("NDCG@10", ndcg);
        return new MetricValues(users, m);
    }

    private static EvaluationReport report(double booksNdcg, boolean full) {
        DomainReport books = new DomainReport("books", values(100, 2 * booksNdcg, booksNdcg, full),
                values(20, booksNdcg, booksNdcg / 2, full), 2, List.of());
        DomainReport music = new DomainReport("music", values(100, 0.2, 0.1, full), values(30, 0.2, 0.1, full), 2, List.of());
        List<String> names = full ? List.of("HR@10", "Recall@10", "NDCG@10") : METRICS;
        return new EvaluationReport(names, List.of(books, music), Map.of());
    }

    private List<Path> runs() {
        List<Path> dirs = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            for (String model : List.of("uclr", "bprmf", "bprmf-global")) {
                Path dir = tmp.resolve("runs").resolve(model).resolve("seed-" + seed);
                Map<String, Double> seconds = new LinkedHashMap<>();
                seconds.put("sampled", 1.5);
                seconds.put("full", 12.25);
                RunResult r = new RunResult(model, "x." + model, "tiny", false, "fp", seed, Map.of(),
                        report(SAMPLED.get(model), false), 100, 13.75, Map.of(), List.of(), Map.of(), dir,
                        EvalProtocol.BOTH, report(FULL.get(model), true), seconds, null);
                ResultsJson.write(dir, r, Map.of("code_version", "abc"));
                dirs.add(dir);
            }
        }
        return dirs;
    }

    private Path write() {
        Path out = tmp.resolve("report");
        ReportWriter.write(out, List.of("uclr", "bprmf", "bprmf-global"), runs(), List.of(),
                new ReportOptions(METRICS, "NDCG@10", "uclr", 0.05, "bin/librec leaderboard -conf x.properties"));
        return out;
    }

    @Test
    void eachProtocolHasItsOwnLabelledTables() throws IOException {
        String md = Files.readString(write().resolve("leaderboard.md"));
        assertTrue(md.contains("## All users (paper Table 2), sampled (1 + 99)"), md);
        assertTrue(md.contains("## All users (paper Table 2), full ranking"), md);
        assertTrue(md.contains("## Low-activity users (at most 2 training interactions in the domain; paper Table 3), full ranking"), md);
        // the full-ranking table has Recall@10 beside HR@10: bprmf books 14.00 HR, 7.00 NDCG, std 0 over 3 seeds
        assertTrue(md.contains("| domain | model | seeds | users | HR@10 | Recall@10 | NDCG@10 |"), md);
        assertTrue(md.contains("| books | bprmf | 3 | 100 | **14.00 ± 0.00** | **14.00 ± 0.00** | **7.00 ± 0.00** |"), md);
        assertTrue(md.contains("| books | bprmf | 3 | 100 | 62.00 ± 0.00 | 31.00 ± 0.00 |"), md);
        // the run table: each protocol's seconds
        assertTrue(md.contains("| uclr | 1 | abc | 100.0 | 13.8 | 1.5 | 12.3 |"), md);
        assertTrue(Files.exists(write().resolve("figures/full-metrics-books.png")));
    }

    @Test
    void theAgreementOfTheOrderingsIsOneSentencePerDomainWithKendallsTau() throws IOException {
        String md = Files.readString(write().resolve("leaderboard.md"));
        // books: pairs (uclr, bprmf) discordant, (uclr, global) and (bprmf, global) concordant: tau = (2 - 1) / 3
        assertTrue(md.contains("books: the two protocols order the 3 models differently (Kendall's τ = 0.33 on mean "
                + "NDCG@10; best sampled uclr, best under full ranking bprmf); uclr is above the best baseline under the "
                + "sampled protocol (bprmf, 33.00 vs 31.00) and below it under full ranking (bprmf, 5.00 vs 7.00): the "
                + "protocols disagree."), md);
        // music: every model has the same values under both: no order, tau undefined
        assertTrue(md.contains("music: the two protocols order the 3 models the same way (Kendall's τ = n/a"), md);
    }

    @Test
    void csvHasTheRowsOfEachProtocol() throws IOException {
        List<String> csv = Files.readAllLines(write().resolve("leaderboard.csv"));
        assertEquals("protocol,view,domain,model,seeds,users,min_train_interactions,max_train_interactions,HR@10_mean,"
                + "HR@10_std,Recall@10_mean,Recall@10_std,NDCG@10_mean,NDCG@10_std,HR@10_best_baseline,HR@10_p,"
                + "Recall@10_best_baseline,Recall@10_p,NDCG@10_best_baseline,NDCG@10_p", csv.get(0));
        String sampled = csv.stream().filter(l -> l.startsWith("sampled,all,books,bprmf,")).findFirst().orElseThrow();
        assertEquals("", sampled.split(",", -1)[10], "the sampled protocol has no Recall column");
        assertEquals(31.0, Double.parseDouble(sampled.split(",", -1)[12]), 1e-9);
        String full = csv.stream().filter(l -> l.startsWith("full,all,books,bprmf,")).findFirst().orElseThrow();
        assertEquals(14.0, Double.parseDouble(full.split(",", -1)[10]), 1e-9);
        assertEquals(7.0, Double.parseDouble(full.split(",", -1)[12]), 1e-9);
    }
}
