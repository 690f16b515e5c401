package org.uclr.report;

import org.uclr.eval.DomainReport;
import org.uclr.eval.EvalProtocol;
import org.uclr.eval.EvaluationReport;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One finished run as its results.json (and temperatures.tsv, when the model writes one) records it.
 *
 * @param model         run name ("bprmf", "uclr", ...)
 * @param dataset       dataset name
 * @param synthetic     whether the data was generated
 * @param fingerprint   the dataset's content hash
 * @param seed          rec.random.seed
 * @param configuration effective configuration
 * @param report        test metrics of the sampled protocol (fractions; NaN where a view has no users), or null
 *                      when the run did not evaluate it
 * @param trainSeconds  wall time of training
 * @param evalSeconds   wall time of scoring and evaluation
 * @param runtime       machine and software (cores, memory_mb, jvm, djl, engine, device, code_version, ...)
 * @param finishedAt    when results.json was written (ISO-8601)
 * @param dir           the run's directory
 * @param temperatures  per-user temperatures (empty unless the model writes temperatures.tsv)
 * @param cappedStages  training stages that stopped at their epoch cap while still improving
 * @param unvalidated   whether a training stage had no validation users (trained to its cap, kept the last epoch)
 * @param scoresFrom    per domain, the stage of a multi-stage model its scores come from (may be empty)
 * @param fullReport    test metrics of the full-ranking protocol, or null when the run did not evaluate it
 * @param protocolSeconds wall time of each protocol's scoring and metrics ("sampled", "full"; empty before format 2)
 * @param stageOneFromCache whether UCLR's stage 1 was loaded from uclr.pretrained.cache rather than trained by this
 *                      job (then train seconds do not include it, nor the per-domain models a cache also held)
 * @param validationReport the final model's sampled metrics on the validation candidates (results.json's
 *                      validation_metrics), or null when the run has none (written before format 2 recorded them, or
 *                      trained without validation users)
 */
public record RunRecord(String model, String dataset, boolean synthetic, String fingerprint, long seed, Map<String, String> configuration,
                        EvaluationReport report, double trainSeconds, double evalSeconds, Map<String, String> runtime,
                        String finishedAt, Path dir, List<UserTemperature> temperatures, List<String> cappedStages,
                        boolean unvalidated, Map<String, String> scoresFrom, EvaluationReport fullReport,
                        Map<String, Double> protocolSeconds, boolean stageOneFromCache, EvaluationReport validationReport) {
    public RunRecord {
        configuration = Map.copyOf(configuration);
        runtime = Map.copyOf(runtime);
        temperatures = List.copyOf(temperatures);
        cappedStages = List.copyOf(cappedStages);
        scoresFrom = Map.copyOf(scoresFrom);
        protocolSeconds = Map.copyOf(protocolSeconds);
    }

    /** A run evaluated under the sampled protocol alone. */
    public RunRecord(String model, String dataset, boolean synthetic, String fingerprint, long seed,
                     Map<String, String> configuration, EvaluationReport report, double trainSeconds, double evalSeconds,
                     Map<String, String> runtime, String finishedAt, Path dir, List<UserTemperature> temperatures,
                     List<String> cappedStages, boolean unvalidated, Map<String, String> scoresFrom) {
        this(model, dataset, synthetic, fingerprint, seed, configuration, report, trainSeconds, evalSeconds, runtime,
                finishedAt, dir, temperatures, cappedStages, unvalidated, scoresFrom, null, Map.of(), false, null);
    }

    /** The metrics of one protocol (SAMPLED or FULL), or null when the run did not evaluate it. */
    public EvaluationReport report(EvalProtocol protocol) {
        return switch (protocol) {
            case SAMPLED -> report;
            case FULL -> fullReport;
            case BOTH -> throw new IllegalArgumentException("one protocol at a time");
        };
    }

    /** What the run table says of its training: capped stages, no validation, where scores come from. */
    public String trainingNote() {
        List<String> notes = new java.util.ArrayList<>();
        if (!cappedStages.isEmpty()) {
            notes.add("stopped at cap: " + String.join(", ", cappedStages));
        }
        if (unvalidated) {
            notes.add("no validation users");
        }
        if (stageOneFromCache) {
            notes.add("stage 1 loaded from uclr.pretrained.cache, not trained here (train s leaves it out)");
        }
        if (!scoresFrom.isEmpty()) {
            notes.add("scores from " + String.join(", ", new java.util.TreeMap<>(scoresFrom).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        return String.join("; ", notes);
    }

    public String codeVersion() {
        return runtime.getOrDefault("code_version", "unknown");
    }

    /** The domain's validation metrics (sampled protocol), or null when the run has none or no such domain. */
    public DomainReport validationDomain(String name) {
        return validationReport == null ? null
                : validationReport.domains().stream().filter(d -> d.domain().equals(name)).findFirst().orElse(null);
    }

    /** A metric of the domain's validation candidates (all users, a fraction), NaN when the run has none. */
    public double validationValue(String domain, String metric) {
        DomainReport d = validationDomain(domain);
        return d == null || !d.all().metrics().containsKey(metric) ? Double.NaN : d.all().get(metric);
    }

    /** The domain's sampled-protocol report, or null when this run has no such domain. */
    public DomainReport domain(String name) {
        return domain(EvalProtocol.SAMPLED, name);
    }

    /** The domain's report under a protocol, or null when this run has no such domain or protocol. */
    public DomainReport domain(EvalProtocol protocol, String name) {
        EvaluationReport r = report(protocol);
        return r == null ? null : r.domains().stream().filter(d -> d.domain().equals(name)).findFirst().orElse(null);
    }

    /**
     * One user's learned temperature.
     *
     * @param user              raw user id
     * @param trainInteractions the user's training interactions over all domains
     * @param tau               the temperature
     */
    public record UserTemperature(String user, int trainInteractions, double tau) {
    }
}
