package org.uclr.job;

import org.uclr.engine.TrainingOutcome;
import org.uclr.eval.EvaluationReport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one {@code rec} job produced.
 *
 * @param model          the run's name ("bprmf", "uclr", ...)
 * @param modelClass     the recommender class
 * @param dataset        dataset name
 * @param synthetic      whether the data was generated
 * @param fingerprint    dataset fingerprint
 * @param seed           rec.random.seed
 * @param configuration  the effective configuration
 * @param report         test metrics (null when evaluation is disabled)
 * @param trainSeconds   wall time of training (all stages)
 * @param evalSeconds    wall time of scoring and evaluation
 * @param stageSeconds   wall time per training stage
 * @param training       what each early-stopped training stage did, in order
 * @param scoresFrom     per domain, the stage of a multi-stage model its scores come from (may be empty)
 * @param outputDir      where the files were written
 */
public record RunResult(String model, String modelClass, String dataset, boolean synthetic, String fingerprint,
                        long seed, Map<String, String> configuration, EvaluationReport report, double trainSeconds,
                        double evalSeconds, Map<String, Double> stageSeconds, List<TrainingOutcome> training,
                        Map<String, String> scoresFrom, Path outputDir) {
}
