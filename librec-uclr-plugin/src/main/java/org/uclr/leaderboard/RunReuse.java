package org.uclr.leaderboard;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.uclr.config.ConfigKey;
import org.uclr.data.DataKeys;
import org.uclr.job.JobKeys;
import org.uclr.job.JobPlan;
import org.uclr.job.ResultsJson;
import org.uclr.model.ModelKeys;
import org.uclr.model.uclr.DomainModel;
import org.uclr.model.uclr.ShrinkWeights;
import org.uclr.model.uclr.UclrKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides whether a finished run can stand in for a job: its results.json exists and records the
 * effective configuration the job would now run with (and, under {@link ReusePolicy#EXACT}, the same
 * code version). Keys that only say where files go are not compared: the split is a deterministic
 * function of data and seed wherever it is cached, UCLR's stage 1 likewise wherever uclr.pretrained.cache keeps
 * it (a loaded stage 1 scores to the bit as the trained one: StageChoicesTest), and a run's output directory is
 * where we found it; nor is
 * rec.model.save, which writes the trained model beside the results without changing them (so a run kept for
 * a later evaluation with the popularity prior, say, still stands in for the job). A recorded key of a
 * namespace the job has no key in (another model's, e.g. uclr.lora.rank on a bprmf run) is not compared either.
 */
public final class RunReuse {
    static final Set<String> LOCATION_KEYS = Set.of(JobKeys.OUTPUT_DIR.name(), DataKeys.SPLIT_DIR.name(),
            ModelKeys.SAVE.name(), UclrKeys.PRETRAINED_CACHE.name());

    /**
     * Keys added after runs were recorded, with the value that does what runs did before the key existed: a
     * recorded configuration without the key counts as having that value. rec.score.popularity.grid came with
     * bfc02e2; before it no model added a prior, which is the grid {0}. uclr.domain.model came with 18606db and
     * uclr.route.grid with 029bd6b: before them UCLR never trained a per-domain model, which is domain.model=off,
     * under which the grid is never read. uclr.shrink.weights came with e0fd17b: before it a domain the autoencoder did
     * not improve was offered the kept weights. uclr.route.finetune came in stop 27: before it the per-domain model of
     * routing was never finetuned. Only a key whose value reproduces the earlier code to the bit belongs here.
     */
    static final Map<String, String> ADDED_LATER = Map.of(ModelKeys.POPULARITY_GRID.name(), "0.0",
            UclrKeys.DOMAIN_MODEL.name(), ConfigKey.enumLabel(DomainModel.OFF),
            UclrKeys.SHRINK_WEIGHTS.name(), ConfigKey.enumLabel(ShrinkWeights.KEPT),
            UclrKeys.ROUTE_FINETUNE.name(), "false",
            UclrKeys.ROUTE_GRID.name(), String.join(",", UclrKeys.ROUTE_GRID.defaultValue().stream().map(String::valueOf).toList()));

    private final String codeVersion;
    private final ReusePolicy policy;

    public RunReuse(String codeVersion, ReusePolicy policy) {
        this.codeVersion = codeVersion;
        this.policy = policy;
    }

    /**
     * @param reusable whether the finished run stands in for the job
     * @param reason   why not (or "" when reusable), for the log
     */
    public record Decision(boolean reusable, String reason) {
    }

    public Decision check(JobPlan plan) {
        Path file = plan.outputDir().resolve(ResultsJson.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return new Decision(false, "no " + file);
        }
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            return new Decision(false, file + " is unreadable (" + e.getMessage() + ")");
        }
        String configDiff = difference(comparable(plan.configuration()),
                withoutOtherModelsKeys(comparable(withKeysAddedLater(configuration(json), plan.configuration())),
                        plan.configuration()));
        if (!configDiff.isEmpty()) {
            return new Decision(false, "configuration changed: " + configDiff);
        }
        String recorded = json.has("runtime") && json.getAsJsonObject("runtime").has("code_version")
                ? json.getAsJsonObject("runtime").get("code_version").getAsString() : "unknown";
        if (policy == ReusePolicy.EXACT && !recorded.equals(codeVersion)) {
            return new Decision(false, "code version changed: " + recorded + " -> " + codeVersion);
        }
        return new Decision(true, "");
    }

    private static Map<String, String> configuration(JsonObject json) {
        Map<String, String> out = new TreeMap<>();
        JsonElement conf = json.get("configuration");
        if (conf != null && conf.isJsonObject()) {
            conf.getAsJsonObject().entrySet().forEach(e -> out.put(e.getKey(), e.getValue().getAsString()));
        }
        return out;
    }

    /**
     * The recorded configuration with each {@link #ADDED_LATER} key that the job has and the record lacks set
     * to its earlier behaviour.
     */
    static Map<String, String> withKeysAddedLater(Map<String, String> recorded, Map<String, String> wanted) {
        Map<String, String> out = new TreeMap<>(recorded);
        ADDED_LATER.forEach((k, v) -> {
            if (wanted.containsKey(k)) {
                out.putIfAbsent(k, v);
            }
        });
        return out;
    }

    private static Map<String, String> comparable(Map<String, String> configuration) {
        Map<String, String> out = new TreeMap<>(configuration);
        out.keySet().removeAll(LOCATION_KEYS);
        return out;
    }

    /**
     * The recorded configuration without the keys of namespaces the job has no key in at all (a run recorded
     * with another model's key, as results.json did before such keys were left out of the effective
     * configuration). data.* and rec.* always count.
     */
    static Map<String, String> withoutOtherModelsKeys(Map<String, String> recorded, Map<String, String> wanted) {
        Set<String> namespaces = new TreeSet<>(List.of("data", "rec"));
        wanted.keySet().forEach(k -> namespaces.add(namespace(k)));
        Map<String, String> out = new TreeMap<>(recorded);
        out.keySet().removeIf(k -> !namespaces.contains(namespace(k)));
        return out;
    }

    private static String namespace(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    /** The differing keys as "key: old -> new", at most three, or "" when equal. */
    static String difference(Map<String, String> wanted, Map<String, String> recorded) {
        Set<String> keys = new TreeSet<>(wanted.keySet());
        keys.addAll(recorded.keySet());
        List<String> diffs = new ArrayList<>();
        for (String k : keys) {
            String now = wanted.get(k);
            String then = recorded.get(k);
            if (!Objects.equals(now, then)) {
                diffs.add(k + ": " + (then == null ? "(absent)" : then) + " -> " + (now == null ? "(absent)" : now));
            }
        }
        if (diffs.size() > 3) {
            int more = diffs.size() - 3;
            diffs = new ArrayList<>(diffs.subList(0, 3));
            diffs.add("and " + more + " more");
        }
        return String.join(", ", diffs);
    }
}
