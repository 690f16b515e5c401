package org.uclr.job;

import org.uclr.engine.TrainingOutcome;
import org.uclr.eval.EvalProtocol;
import org.uclr.eval.EvaluationReport;
import org.uclr.model.PopularityChoice;

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
 * @param report         test metrics of the sampled protocol (null when it is not evaluated)
 * @param trainSeconds   wall time of training (all stages; loading, for a loaded model; the popularity
 *                       prior's choice, stage "popularity", when there is a grid)
 * @param evalSeconds    wall time of scoring and evaluation, both protocols
 * @param stageSeconds   wall time per training stage
 * @param training       what each early-stopped training stage did, in order
 * @param scoresFrom     per domain, the stage of a multi-stage model its scores come from (may be empty)
 * @param outputDir      where the files were written
 * @param protocol       rec.eval.protocol
 * @param fullReport     test metrics of the full-ranking protocol (null when it is not evaluated)
 * @param protocolSeconds wall time of each protocol's scoring and metrics ("sampled", "full"; the full pass
 *                       also makes the recommendation lists, so it is there whatever the protocol)
 * @param loadedFrom     where the model was loaded from, or null when it was trained
 * @param popularity     per domain name, the choice of rec.score.popularity.grid (empty: no prior)
 */
public record RunResult(String model, String modelClass, String dataset, boolean synthetic, String fingerprint,
                        long seed, Map<String, String> configuration, EvaluationReport report, double trainSeconds,
                        double evalSeconds, Map<String, Double> stageSeconds, List<TrainingOutcome> training,
                        Map<String, String> scoresFrom, Path outputDir, EvalProtocol protocol,
                        EvaluationReport fullReport, Map<String, Double> protocolSeconds, Path loadedFrom,
                        Map<String, PopularityChoice> popularity) {

    /** A run without a popularity prior. */
    public RunResult(String model, String modelClass, String dataset, boolean synthetic, String fingerprint,
                     long seed, Map<String, String> configuration, EvaluationReport report, double trainSeconds,
                     double evalSeconds, Map<String, Double> stageSeconds, List<TrainingOutcome> training,
                     Map<String, String> scoresFrom, Path outputDir, EvalProtocol protocol,
                     EvaluationReport fullReport, Map<String, Double> protocolSeconds, Path loadedFrom) {
        this(model, modelClass, dataset, synthetic, fingerprint, seed, configuration, report, trainSeconds, evalSeconds,
                stageSeconds, training, scoresFrom, outputDir, protocol, fullReport, protocolSeconds, loadedFrom, Map.of());
    }

    /** A trained run evaluated under the sampled protocol alone. */
    public RunResult(String model, String modelClass, String dataset, boolean synthetic, String fingerprint, long seed,
                     Map<String, String> configuration, EvaluationReport report, double trainSeconds, double evalSeconds,
                     Map<String, Double> stageSeconds, List<TrainingOutcome> training, Map<String, String> scoresFrom,
                     Path outputDir) {
        this(model, modelClass, dataset, synthetic, fingerprint, seed, configuration, report, trainSeconds, evalSeconds,
                stageSeconds, training, scoresFrom, outputDir, EvalProtocol.SAMPLED, null, Map.of(), null);
    }
}
