package org.uclr.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.uclr.UclrException;
import org.uclr.eval.ActivityGroup;
import org.uclr.eval.DomainReport;
import org.uclr.eval.EvaluationReport;
import org.uclr.eval.MetricValues;
import org.uclr.job.ResultsJson;
import org.uclr.model.uclr.UCLRRecommender;
import org.uclr.model.uclr.UclrKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a run directory (results.json, and temperatures.tsv when present) into a {@link RunRecord}. */
public final class ResultsReader {
    public static final String TEMPERATURES_FILE = "temperatures.tsv";

    private ResultsReader() {
    }

    public static RunRecord read(Path runDir) {
        Path file = runDir.resolve(ResultsJson.FILE_NAME);
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new UclrException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!o.has("domains") && !o.has(ResultsJson.FULL_RANKING)) {
            throw new UclrException(file + " has no test metrics (the run had rec.eval.enable=false); rerun it with evaluation");
        }
        try {
            return new RunRecord(o.get("model").getAsString(), o.get("dataset").getAsString(),
                    o.get("synthetic").getAsBoolean(), o.get("dataset_fingerprint").getAsString(), o.get("seed").getAsLong(), strings(o.getAsJsonObject("configuration")),
                    o.has("domains") ? report(o) : null, o.get("train_seconds").getAsDouble(),
                    o.get("eval_seconds").getAsDouble(),
                    strings(o.getAsJsonObject("runtime")), o.has("finished_at") ? o.get("finished_at").getAsString() : "",
                    runDir, temperatures(runDir.resolve(TEMPERATURES_FILE)), cappedStages(o),
                    o.has("validation") && o.get("validation").getAsString().equals("none"),
                    strings(o.getAsJsonObject("scores_from")),
                    o.has(ResultsJson.FULL_RANKING) ? report(o.getAsJsonObject(ResultsJson.FULL_RANKING)) : null,
                    seconds(o.getAsJsonObject("protocol_seconds")), stageOneFromCache(o),
                    o.has(ResultsJson.VALIDATION_METRICS) && o.get(ResultsJson.VALIDATION_METRICS).isJsonObject()
                            ? report(o.getAsJsonObject(ResultsJson.VALIDATION_METRICS)) : null);
        } catch (RuntimeException e) {
            throw new UclrException(file + " is not a results.json of format " + ResultsJson.FORMAT_VERSION + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Whether a UCLR run found its stage 1 in uclr.pretrained.cache: the cache was set and results.json has no
     * training row of stage 1 ("uclr/pge"), which a job that trains stage 1 always records.
     */
    private static boolean stageOneFromCache(JsonObject o) {
        JsonObject conf = o.getAsJsonObject("configuration");
        String cacheKey = UclrKeys.PRETRAINED_CACHE.name();
        if (conf == null || !conf.has(cacheKey) || conf.get(cacheKey).getAsString().isBlank() || !o.has("training")) {
            return false;
        }
        for (JsonElement e : o.getAsJsonArray("training")) {
            if (UCLRRecommender.STAGE_ONE_LABEL.equals(e.getAsJsonObject().get("stage").getAsString())) {
                return false;
            }
        }
        return true;
    }

    /** Stages whose "stopped_by" is "cap" (results.json written before the field existed have none). */
    private static List<String> cappedStages(JsonObject o) {
        List<String> out = new ArrayList<>();
        if (o.has("training")) {
            for (JsonElement e : o.getAsJsonArray("training")) {
                JsonObject t = e.getAsJsonObject();
                if ("cap".equals(t.get("stopped_by").getAsString())) {
                    out.add(t.get("stage").getAsString());
                }
            }
        }
        return out;
    }

    /** "domains" and "macro" of one protocol (the top level for the sampled one, "full_ranking" for the other). */
    private static EvaluationReport report(JsonObject o) {
        List<DomainReport> domains = new ArrayList<>();
        List<String> metricNames = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("domains")) {
            JsonObject d = e.getAsJsonObject();
            MetricValues all = values(d.get("users").getAsInt(), d.getAsJsonObject("metrics"));
            if (metricNames.isEmpty()) {
                metricNames.addAll(all.metrics().keySet());
            }
            JsonObject low = d.getAsJsonObject("low_activity");
            List<ActivityGroup> groups = new ArrayList<>();
            for (JsonElement ge : d.getAsJsonArray("activity_groups")) {
                JsonObject g = ge.getAsJsonObject();
                groups.add(new ActivityGroup(g.get("group").getAsInt(), g.get("min_train_interactions").getAsInt(),
                        g.get("max_train_interactions").getAsInt(),
                        values(g.get("users").getAsInt(), g.getAsJsonObject("metrics"))));
            }
            domains.add(new DomainReport(d.get("name").getAsString(), all,
                    values(low.get("users").getAsInt(), low.getAsJsonObject("metrics")),
                    low.get("max_train_interactions").getAsInt(), groups));
        }
        Map<String, Double> macro = new LinkedHashMap<>();
        o.getAsJsonObject("macro").entrySet().forEach(e -> macro.put(e.getKey(), number(e.getValue())));
        return new EvaluationReport(metricNames, domains, macro);
    }

    private static MetricValues values(int users, JsonObject metrics) {
        Map<String, Double> m = new LinkedHashMap<>();
        metrics.entrySet().forEach(e -> m.put(e.getKey(), number(e.getValue())));
        return new MetricValues(users, m);
    }

    /** results.json writes null for a view without users. */
    private static double number(JsonElement e) {
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    private static Map<String, Double> seconds(JsonObject o) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (o != null) {
            o.entrySet().forEach(e -> out.put(e.getKey(), e.getValue().getAsDouble()));
        }
        return out;
    }

    private static Map<String, String> strings(JsonObject o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o != null) {
            o.entrySet().forEach(e -> out.put(e.getKey(), e.getValue().isJsonNull() ? "" : e.getValue().getAsString()));
        }
        return out;
    }

    /** user, train_interactions, tau per line; a header line is skipped. */
    static List<RunRecord.UserTemperature> temperatures(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<RunRecord.UserTemperature> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UclrException("cannot read " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || (i == 0 && line.startsWith("user"))) {
                continue;
            }
            String[] f = line.split("\t");
            try {
                out.add(new RunRecord.UserTemperature(f[0], Integer.parseInt(f[1].trim()), Double.parseDouble(f[2].trim())));
            } catch (RuntimeException e) {
                throw new UclrException(file + ":" + (i + 1) + ": expected user<TAB>train_interactions<TAB>tau, got '"
                        + line + "'");
            }
        }
        return out;
    }
}
