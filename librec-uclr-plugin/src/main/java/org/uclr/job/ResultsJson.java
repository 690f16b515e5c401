package org.uclr.job;

import org.uclr.engine.StopReason;
import org.uclr.engine.TrainingOutcome;
import java.util.List;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.uclr.eval.ActivityGroup;
import org.uclr.eval.DomainReport;
import org.uclr.eval.EvaluationReport;
import org.uclr.eval.MetricValues;
import org.uclr.model.PopularityChoice;
import org.uclr.util.AtomicFiles;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Writes {@code results.json}: the machine-readable record of one run (model, dataset, seed,
 * effective configuration, per-domain metrics with their low-activity and activity-group views under
 * each evaluated protocol, timings, machine). Metric values are fractions in [0, 1]; a view with no
 * users has null values. The sampled protocol's metrics are the top-level "domains" and "macro" (as in
 * format 1); the full-ranking protocol's are under "full_ranking".
 */
public final class ResultsJson {
    public static final String FILE_NAME = "results.json";
    /** 2: the full-ranking protocol, per-protocol seconds, and train_seconds without the test scoring. */
    public static final int FORMAT_VERSION = 2;
    public static final String FULL_RANKING = "full_ranking";
    /** The block of the final model's sampled metrics on the validation candidates. */
    public static final String VALIDATION_METRICS = "validation_metrics";

    private ResultsJson() {
    }

    public static JsonObject toJson(RunResult r, Map<String, Object> runtime) {
        return toJson(r, null, runtime);
    }

    /**
     * @param validation the sampled metrics of the final model on the validation candidates (what choices
     *                   between configurations are made on), written as "validation_metrics" in the form of
     *                   the test report; null writes none
     */
    public static JsonObject toJson(RunResult r, EvaluationReport validation, Map<String, Object> runtime) {
        JsonObject o = new JsonObject();
        o.addProperty("format_version", FORMAT_VERSION);
        o.addProperty("model", r.model());
        o.addProperty("model_class", r.modelClass());
        o.addProperty("dataset", r.dataset());
        o.addProperty("synthetic", r.synthetic());
        o.addProperty("dataset_fingerprint", r.fingerprint());
        o.addProperty("seed", r.seed());
        JsonObject conf = new JsonObject();
        r.configuration().forEach(conf::addProperty);
        o.add("configuration", conf);
        o.addProperty("protocol", org.uclr.config.ConfigKey.enumLabel(r.protocol()));
        if (r.report() != null) {
            addReport(o, r.report());
        }
        if (validation != null) {
            JsonObject v = new JsonObject();
            addReport(v, validation);
            o.add(VALIDATION_METRICS, v);
        }
        if (r.fullReport() != null) {
            JsonObject full = new JsonObject();
            full.addProperty("ranked_against", "every item of the domain except the user's training and validation items");
            addReport(full, r.fullReport());
            o.add(FULL_RANKING, full);
        }
        if (r.loadedFrom() != null) {
            o.addProperty("loaded_from", r.loadedFrom().toString());
        }
        o.addProperty("train_seconds", round(r.trainSeconds()));
        o.addProperty("eval_seconds", round(r.evalSeconds()));
        JsonObject protocols = new JsonObject();
        r.protocolSeconds().forEach((k, v) -> protocols.addProperty(k, round(v)));
        o.add("protocol_seconds", protocols);
        JsonObject stages = new JsonObject();
        r.stageSeconds().forEach((k, v) -> stages.addProperty(k, round(v)));
        o.add("stage_seconds", stages);
        boolean unvalidated = r.training().stream().anyMatch(t -> t.stoppedBy() == StopReason.NO_VALIDATION);
        o.addProperty("validation", unvalidated ? "none" : "ndcg@10");
        o.add("training", training(r.training()));
        if (!r.popularity().isEmpty()) {
            o.add("popularity", popularity(r.popularity()));
        }
        if (!r.scoresFrom().isEmpty()) {
            JsonObject from = new JsonObject();
            r.scoresFrom().forEach(from::addProperty);
            o.add("scores_from", from);
        }
        JsonObject rt = new JsonObject();
        runtime.forEach((k, v) -> rt.add(k, v instanceof Number n ? new JsonPrimitive(n) : new JsonPrimitive(String.valueOf(v))));
        o.add("runtime", rt);
        o.addProperty("finished_at", Instant.now().toString());
        return o;
    }

    public static void write(Path dir, RunResult r, Map<String, Object> runtime) {
        write(dir, r, null, runtime);
    }

    public static void write(Path dir, RunResult r, EvaluationReport validation, Map<String, Object> runtime) {
        String text = new GsonBuilder().setPrettyPrinting().serializeNulls().create()
                .toJson(toJson(r, validation, runtime));
        AtomicFiles.writeString(dir.resolve(FILE_NAME), text + "\n");
    }

    /** Per domain, the popularity prior's chosen grid value and weight and validation NDCG@10 with and without it. */
    private static JsonObject popularity(Map<String, PopularityChoice> choices) {
        JsonObject o = new JsonObject();
        choices.forEach((domain, c) -> {
            JsonObject d = new JsonObject();
            d.addProperty("grid_value", c.gridValue());
            d.addProperty("score_sd", c.scoreSd());
            d.addProperty("weight", c.weight());
            d.addProperty("validation_ndcg10", c.validationNdcg10());
            d.addProperty("validation_ndcg10_without", c.validationNdcg10Without());
            d.addProperty("at_grid_top", c.atGridTop());
            o.add(domain, d);
        });
        return o;
    }

    /** "domains" (per domain: all users, low-activity users, activity groups) and "macro" of one protocol. */
    private static void addReport(JsonObject o, EvaluationReport report) {
        JsonArray domains = new JsonArray();
        for (DomainReport d : report.domains()) {
            JsonObject dj = new JsonObject();
            dj.addProperty("name", d.domain());
            dj.addProperty("users", d.all().users());
            dj.add("metrics", metrics(d.all()));
            JsonObject low = new JsonObject();
            low.addProperty("max_train_interactions", d.lowActivityMax());
            low.addProperty("users", d.lowActivity().users());
            low.add("metrics", metrics(d.lowActivity()));
            dj.add("low_activity", low);
            JsonArray groups = new JsonArray();
            for (ActivityGroup g : d.activityGroups()) {
                JsonObject gj = new JsonObject();
                gj.addProperty("group", g.group());
                gj.addProperty("min_train_interactions", g.minInteractions());
                gj.addProperty("max_train_interactions", g.maxInteractions());
                gj.addProperty("users", g.values().users());
                gj.add("metrics", metrics(g.values()));
                groups.add(gj);
            }
            dj.add("activity_groups", groups);
            domains.add(dj);
        }
        o.add("domains", domains);
        JsonObject macro = new JsonObject();
        report.macro().forEach((k, v) -> macro.add(k, number(v)));
        o.add("macro", macro);
    }

    /** One entry per training stage: epochs, the kept epoch and its validation, why it stopped, timings. */
    private static JsonArray training(List<TrainingOutcome> outcomes) {
        JsonArray out = new JsonArray();
        for (TrainingOutcome t : outcomes) {
            JsonObject tj = new JsonObject();
            tj.addProperty("stage", t.label());
            tj.addProperty("epochs", t.epochs());
            tj.addProperty("best_epoch", t.bestEpoch());
            tj.add("best_validation_ndcg10", number(t.bestValidation()));
            tj.addProperty("stopped_by", t.stoppedBy().label());
            tj.addProperty("per_domain_best", t.perDomain());
            JsonArray domains = new JsonArray();
            for (int k = 0; k < t.domains().size(); k++) {
                JsonObject dj = new JsonObject();
                dj.addProperty("name", t.domains().get(k));
                dj.addProperty("best_epoch", t.domainBestEpoch()[k]);
                dj.add("validation_ndcg10", number(t.domainValidation()[k]));
                domains.add(dj);
            }
            tj.add("domains", domains);
            tj.addProperty("train_seconds_per_epoch", round(t.trainSecondsPerEpoch()));
            tj.addProperty("validation_seconds_per_epoch", round(t.validationSecondsPerEpoch()));
            out.add(tj);
        }
        return out;
    }

    private static JsonObject metrics(MetricValues v) {
        JsonObject m = new JsonObject();
        v.metrics().forEach((k, x) -> m.add(k, number(x)));
        return m;
    }

    private static JsonElement number(double v) {
        return Double.isNaN(v) ? JsonNull.INSTANCE : new JsonPrimitive(v);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
