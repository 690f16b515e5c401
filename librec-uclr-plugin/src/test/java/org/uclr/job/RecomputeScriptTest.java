package org.uclr.job;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.data.LeaveOneOutSplitter;
import org.uclr.data.MultiDomainDataset;
import org.uclr.data.Split;
import org.uclr.eval.AUCEvaluator;
import org.uclr.eval.EvaluationReport;
import org.uclr.eval.EvaluationReportBuilder;
import org.uclr.eval.HitRatioEvaluator;
import org.uclr.eval.MRREvaluator;
import org.uclr.eval.NDCGEvaluator;
import org.uclr.eval.PrecisionEvaluator;
import org.uclr.eval.RecallEvaluator;
import org.uclr.eval.SampledRankingEvaluator;
import org.uclr.eval.ScoredCandidates;
import org.uclr.eval.ScoredDomain;
import org.uclr.testing.Fixtures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ci/recompute_metrics.py, an independent Python implementation, recomputes results.json from
 * candidates.tsv to 1e-6. Fails (does not skip) where python3 is missing: CI must run it.
 */
class RecomputeScriptTest {
    private static final Path SCRIPT = Fixtures.projectRoot().resolve("ci/recompute_metrics.py");

    @TempDir
    Path dir;

    /** The script is the independent check of every metric: without Python 3 the build fails, it does not skip. */
    @BeforeAll
    static void needsPython() {
        String problem;
        try {
            Process p = new ProcessBuilder("python3", SCRIPT.toString(), "--help").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean finished = p.waitFor(60, TimeUnit.SECONDS);
            problem = !finished ? "python3 " + SCRIPT + " --help did not finish within 60 s"
                    : p.exitValue() != 0 ? "python3 " + SCRIPT + " --help exited with " + p.exitValue() + ":\n" + out : null;
        } catch (IOException e) {
            problem = "python3 is not on the PATH (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted while starting python3";
        }
        assertNull(problem, () -> "ci/recompute_metrics.py, the independent recomputation of the metrics, cannot run: "
                + "install Python 3 (standard library only; e.g. apt-get install python3), as .ci/run does in CI");
    }

    /** Exit code and output of the script on a run directory. */
    private static Object[] recompute(Path runDir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", SCRIPT.toString(), runDir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Object[]{p.exitValue(), out};
    }

    @Test
    void agreesWithATrainedRun() throws Exception {
        new RecJob(RecJobTest.tiny(dir, "out", "rec.eval.dump=true", "rec.eval.topn=1,5,10,20")).run();
        Object[] r = recompute(dir.resolve("out"));
        assertEquals(0, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("checked 48 values"), (String) r[1]);
    }

    @Test
    void agreesWithBothProtocolsAndRejectsATamperedFullRankCount() throws Exception {
        new RecJob(RecJobTest.tiny(dir, "out", "rec.eval.dump=true", "rec.eval.protocol=both")).run();
        Object[] r = recompute(dir.resolve("out"));
        assertEquals(0, r[0], (String) r[1]);
        // sampled: 6 metrics x 3 domains + 6 macro; full: 8 (with Recall@10, @20) x 3 + 8
        assertTrue(((String) r[1]).contains("checked 56 values"), (String) r[1]);

        Path ranks = dir.resolve("out/full-ranks.tsv");
        List<String> lines = new ArrayList<>(Files.readAllLines(ranks));
        int row = 1;
        while (!lines.get(row).startsWith("music\t") || lines.get(row).split("\t")[4].equals("0")) {
            row++;
        }
        String[] f = lines.get(row).split("\t");
        f[4] = "0"; // the positive now ranks first, alone
        f[5] = "0";
        lines.set(row, String.join("\t", f));
        Files.write(ranks, lines);
        r = recompute(dir.resolve("out"));
        assertEquals(1, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("MISMATCH full music"), (String) r[1]);
    }

    @Test
    void agreesWithATrainedRunOnLibRecsMetricNames() throws Exception {
        new RecJob(RecJobTest.tiny(dir, "out", "rec.eval.dump=true", "rec.eval.topn=5,10",
                "rec.eval.classes=ndcg,hitrate,rr,precision,recall,auc")).run();
        Object[] r = recompute(dir.resolve("out"));
        assertEquals(0, r[0], (String) r[1]);
        // 11 metrics (5 at each cutoff and AUC once) for each of 3 domains and the macro average
        assertTrue(((String) r[1]).contains("checked 44 values"), (String) r[1]);
    }

    @Test
    void agreesOnScoresFullOfTiesAndRejectsATamperedValue() throws Exception {
        // scores drawn from {0, 1, 2}: most positives tie with dozens of negatives
        MultiDomainDataset data = Fixtures.synthetic(0.05);
        Split split = new LeaveOneOutSplitter(99).split(data, 1L);
        SplittableRandom rng = new SplittableRandom(5);
        List<ScoredDomain> scored = new ArrayList<>();
        for (int d = 0; d < data.numDomains(); d++) {
            var c = split.domain(d).test();
            float[] s = new float[c.candidates().length];
            for (int i = 0; i < s.length; i++) {
                s[i] = rng.nextInt(3);
            }
            scored.add(new ScoredDomain(data.domain(d).name(), c, s));
        }
        List<SampledRankingEvaluator> evaluators = new ArrayList<>();
        for (int k : new int[]{1, 3, 10, 50}) {
            for (SampledRankingEvaluator e : List.of(new MRREvaluator(), new HitRatioEvaluator(), new NDCGEvaluator(),
                    new PrecisionEvaluator(), new RecallEvaluator())) {
                e.setTopN(k);
                evaluators.add(e);
            }
        }
        evaluators.add(new AUCEvaluator());
        ScoredCandidates scores = new ScoredCandidates(scored);
        EvaluationReport report = new EvaluationReportBuilder(evaluators, 2, 3).build(scores, split);
        RunResult run = new RunResult("ties", "none", data.name(), true, data.fingerprint(), 1L, Map.of(), report,
                0, 0, Map.of(), java.util.List.of(), Map.of(), dir);
        ResultsJson.write(dir, run, Map.of());
        CandidateDump.write(dir, data, scores);
        Object[] r = recompute(dir);
        assertEquals(0, r[0], (String) r[1]);

        Path results = dir.resolve("results.json");
        String text = Files.readString(results);
        String ndcg = "\"NDCG@10\": " + report.domains().get(1).all().get("NDCG@10");
        assertTrue(text.contains(ndcg), ndcg);
        Files.writeString(results, text.replace(ndcg, "\"NDCG@10\": " + (report.domains().get(1).all().get("NDCG@10") + 2e-6)));
        r = recompute(dir);
        assertEquals(1, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("MISMATCH movies NDCG@10"), (String) r[1]);
    }
}
