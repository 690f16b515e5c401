package org.uclr.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.engine.StopReason;
import org.uclr.engine.TrainingOutcome;
import org.uclr.eval.DomainReport;
import org.uclr.eval.EvaluationReport;
import org.uclr.eval.MetricValues;
import org.uclr.job.ResultsJson;
import org.uclr.job.RunResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the run table learns from a results.json beyond its metrics. */
class ResultsReaderTest {
    @TempDir
    Path tmp;

    private Path run(String name, Map<String, String> configuration, List<TrainingOutcome> training) {
        MetricValues v = new MetricValues(10, Map.of("NDCG@10", 0.5));
        EvaluationReport report = new EvaluationReport(List.of("NDCG@10"),
                List.of(new DomainReport("books", v, v, 2, List.of())), Map.of("NDCG@10", 0.5));
        Path dir = tmp.resolve(name);
        ResultsJson.write(dir, new RunResult("uclr-lightgcn", "x.UCLR", "tiny", false, "fp", 1, configuration, report,
                12, 1, Map.of(), training, Map.of(), dir), Map.of("code_version", "abc"));
        return dir;
    }

    private static TrainingOutcome stage(String label) {
        return new TrainingOutcome(label, List.of("books"), false, 3, 2, 0.5, new int[]{2}, new double[]{0.5},
                List.of(), List.of(), StopReason.PATIENCE, 1, 1);
    }

    @Test
    void aUclrRunWithoutAStageOneTrainingRowSaysItsStageOneCameFromTheCache() {
        Map<String, String> cached = Map.of("uclr.pretrained.cache", "/tmp/pge");
        RunRecord loaded = ResultsReader.read(run("loaded", cached, List.of(stage("uclr/autoencoder"))));
        RunRecord trained = ResultsReader.read(run("trained", cached, List.of(stage("uclr/pge"), stage("uclr/autoencoder"))));
        RunRecord noCache = ResultsReader.read(run("plain", Map.of("uclr.pretrained.cache", ""), List.of(stage("uclr/autoencoder"))));
        RunRecord baseline = ResultsReader.read(run("baseline", Map.of(), List.of(stage("lightgcn/books"))));

        assertTrue(loaded.stageOneFromCache());
        assertTrue(loaded.trainingNote().contains("stage 1 loaded from uclr.pretrained.cache"), loaded.trainingNote());
        assertFalse(trained.stageOneFromCache(), "a job that trained stage 1 (and wrote the cache) trained it");
        assertFalse(noCache.stageOneFromCache());
        assertFalse(baseline.stageOneFromCache());
        assertEquals("", baseline.trainingNote());
    }
}
