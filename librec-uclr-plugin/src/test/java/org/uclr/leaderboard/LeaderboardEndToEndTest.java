package org.uclr.leaderboard;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.cli.Main;
import org.uclr.config.PropertiesSource;
import org.uclr.job.RecJob;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tiny two-model, two-seed leaderboard on small synthetic data, end to end: jobs, resume, report. */
class LeaderboardEndToEndTest {
    private static final String FAST = String.join("\n",
            "rec.recommender.class=org.uclr.model.bprmf.BPRMFRecommender",
            "rec.device=cpu",
            "bprmf.factors=8",
            "bprmf.batch.size=512",
            "bprmf.learn.rate=0.01",
            "bprmf.epochs.max=2",
            "bprmf.patience=1", "");

    @TempDir
    Path tmp;
    private Path leaderboard;

    @BeforeEach
    void writeConfigs() throws IOException {
        Files.writeString(tmp.resolve("bprmf.properties"), FAST + "bprmf.mode=per-domain\n");
        Files.writeString(tmp.resolve("bprmf-global.properties"), FAST + "bprmf.mode=global\n");
        leaderboard = tmp.resolve("leaderboard.properties");
        Files.writeString(leaderboard, String.join("\n",
                "leaderboard.models=bprmf.properties,bprmf-global.properties",
                "leaderboard.seeds=1,2",
                "leaderboard.metrics=HR@10,NDCG@10",
                "leaderboard.output.root=" + tmp.resolve("reports"),
                "data.source=synthetic",
                "data.synthetic.preset=small",
                "data.synthetic.scale=0.05",
                "data.split.dir=" + tmp.resolve("splits"), ""));
    }

    private LeaderboardRunner.Outcome runLeaderboard() {
        return new LeaderboardRunner(LeaderboardConfig.read(leaderboard, List.of())).run();
    }

    private static List<String> labels(List<LeaderboardJob> jobs) {
        return jobs.stream().map(LeaderboardJob::label).toList();
    }

    private Path runDir(String model, int seed) {
        return tmp.resolve("reports/runs/synthetic-small-x0.05").resolve(model).resolve("seed-" + seed);
    }

    private double recorded(String model, int seed, String domain, String metric) throws IOException {
        JsonObject o = JsonParser.parseString(Files.readString(runDir(model, seed).resolve("results.json"))).getAsJsonObject();
        for (var d : o.getAsJsonArray("domains")) {
            if (d.getAsJsonObject().get("name").getAsString().equals(domain)) {
                return d.getAsJsonObject().getAsJsonObject("metrics").get(metric).getAsDouble();
            }
        }
        throw new AssertionError("no domain " + domain);
    }

    @Test
    void theCommandRunsEveryJobAndTheTablesMatchTheResultsFiles() throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[]{"leaderboard", "-conf", leaderboard.toString()},
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

        Path report = tmp.resolve("reports/synthetic-small-x0.05");
        String md = Files.readString(report.resolve("leaderboard.md"));
        List<String> csv = Files.readAllLines(report.resolve("leaderboard.csv"));
        for (String model : List.of("bprmf", "bprmf-global")) {
            for (String domain : List.of("books", "movies", "music")) {
                // mean and sample std of two values a, b: (a + b) / 2 and |a - b| / sqrt 2
                double a = 100 * recorded(model, 1, domain, "NDCG@10");
                double b = 100 * recorded(model, 2, domain, "NDCG@10");
                String cell = String.format(Locale.ROOT, "%.2f ± %.2f", (a + b) / 2, Math.abs(a - b) / Math.sqrt(2));
                String line = md.lines().filter(l -> l.startsWith("| " + domain + " | " + model + " | 2 |")).findFirst()
                        .orElseThrow();
                assertTrue(line.contains(cell), line + " should contain " + cell);
                String[] f = csv.stream().filter(l -> l.startsWith("sampled,all," + domain + "," + model + ","))
                        .findFirst().orElseThrow().split(",");
                assertEquals((a + b) / 2, Double.parseDouble(f[10]), 1e-4);
                assertEquals(Math.abs(a - b) / Math.sqrt(2), Double.parseDouble(f[11]), 1e-4);
            }
        }
        String html = Files.readString(report.resolve("leaderboard.html"));
        assertTrue(html.contains("<img src=\"figures/metrics-books.png\""));
        assertTrue(Files.size(report.resolve("figures/metrics-books.png")) > 1000);
        assertTrue(md.startsWith("# Leaderboard: synthetic-small-x0.05 (synthetic data)"), md);
    }

    @Test
    void aRerunReusesEveryFinishedJob() {
        LeaderboardRunner.Outcome first = runLeaderboard();
        assertEquals(List.of("bprmf seed 1", "bprmf-global seed 1", "bprmf seed 2", "bprmf-global seed 2"),
                labels(first.trained()), "seed by seed");
        LeaderboardRunner.Outcome second = runLeaderboard();
        assertEquals(List.of(), labels(second.trained()));
        assertEquals(4, second.reused().size());
    }

    @Test
    void deletingOneJobsOutputRerunsOnlyThatJob() throws IOException {
        runLeaderboard();
        Files.delete(runDir("bprmf", 2).resolve("results.json"));
        LeaderboardRunner.Outcome again = runLeaderboard();
        assertEquals(List.of("bprmf seed 2"), labels(again.trained()));
    }

    @Test
    void aModelWhoseConfigurationChangedIsRerun() throws IOException {
        runLeaderboard();
        Path global = tmp.resolve("bprmf-global.properties");
        Files.writeString(global, Files.readString(global).replace("bprmf.epochs.max=2", "bprmf.epochs.max=3"));
        LeaderboardRunner.Outcome again = runLeaderboard();
        assertEquals(List.of("bprmf-global seed 1", "bprmf-global seed 2"), labels(again.trained()));
        assertTrue(Files.readString(runDir("bprmf-global", 1).resolve("results.json")).contains("\"bprmf.epochs.max\": \"3\""));
    }

    @Test
    void aRunMadeByRecIsReusedByTheLeaderboard() throws IOException {
        // what `librec rec -conf bprmf.properties` runs for seed 1 on this data, into the standard run directory
        LeaderboardConfig config = LeaderboardConfig.read(leaderboard, List.of());
        PropertiesSource rec = PropertiesSource.read(tmp.resolve("bprmf.properties"));
        config.sharedOverrides().forEach((k, v) -> rec.putOverride(k + "=" + v));
        rec.putOverride("rec.random.seed=1");
        rec.putOverride("rec.output.dir=" + runDir("bprmf", 1));
        new RecJob(rec).run();

        LeaderboardRunner.Outcome outcome = runLeaderboard();
        assertEquals(List.of("bprmf seed 1"), labels(outcome.reused()));
        assertEquals(3, outcome.trained().size());
    }
}
