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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ci/recompute_metrics.py, an independent Python implementation, recomputes results.json from
 * candidates.tsv to 1e-6. Skipped where python3 is not on the PATH.
 */
class RecomputeScriptTest {
    private static final Path SCRIPT = Fixtures.projectRoot().resolve("ci/recompute_metrics.py");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPython() {
        boolean ok;
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            ok = false;
        }
        assumeTrue(ok, "python3 is not on the PATH");
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
                0, 0, Map.of(), dir);
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
