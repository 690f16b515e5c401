package org.uclr.model;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.uclr.UclrException;
import org.uclr.engine.ModelArchive;
import org.uclr.util.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A trained model on disk ({@code rec.model.save=true}): the folder {@code model/} beside the run's
 * results.json holds {@code model.json} (which model, the data it was trained on by fingerprint, its
 * effective configuration, the model's attributes and the tensor shapes) and {@code parameters.safetensors}
 * (the tensors). Loading it ({@code rec.model.load}) evaluates the model without training; it is refused
 * for other data or another configuration, because the scores would then mean nothing (a model trained on
 * one split ranks test items it saw in training on another).
 *
 * @param model         the run's name ("bprmf", "uclr-pge", ...)
 * @param modelClass    the recommender class
 * @param dataset       dataset name
 * @param fingerprint   the dataset's content hash
 * @param seed          rec.random.seed (it fixes the split the model was trained on)
 * @param configuration the effective configuration it was trained with
 * @param archive       the tensors and attributes
 */
public record SavedModel(String model, String modelClass, String dataset, String fingerprint, long seed,
                         Map<String, String> configuration, ModelArchive archive) {
    public static final String DIR = "model";
    public static final String JSON = "model.json";
    public static final String TENSORS = "parameters.safetensors";
    public static final int FORMAT_VERSION = 1;

    /**
     * Keys that say where files are or go, or how a model is evaluated, not what was trained: a saved model
     * loads whatever they are (the data itself is checked by its fingerprint, wherever its files are).
     * rec.threads and rec.device may change the last bits of the scores, not the model. The popularity prior is
     * chosen after training (or loading) on validation, so a saved model can be evaluated with or without it.
     */
    static final Set<String> NOT_THE_MODEL = Set.of("rec.output.dir", "data.split.dir", "data.name",
            ModelKeys.SAVE.name(), ModelKeys.LOAD.name(), ModelKeys.RANKING_TOPN.name(), "rec.threads", "rec.device",
            "rec.recommender.verbose", ModelKeys.POPULARITY_GRID.name());
    static final String EVALUATION_PREFIX = "rec.eval.";

    public SavedModel {
        configuration = Map.copyOf(configuration);
    }

    /** The model folder of a run directory, or the path itself when it is one. */
    public static Path folder(Path runOrModelDir) {
        Path inside = runOrModelDir.resolve(DIR);
        return Files.isRegularFile(inside.resolve(JSON)) ? inside : runOrModelDir;
    }

    /** Writes model.json and the tensors into {@code dir} (each file atomically, the tensors first). */
    public void write(Path dir) {
        archive.writeTensors(dir.resolve(TENSORS));
        JsonObject o = new JsonObject();
        o.addProperty("format_version", FORMAT_VERSION);
        o.addProperty("model", model);
        o.addProperty("model_class", modelClass);
        o.addProperty("dataset", dataset);
        o.addProperty("dataset_fingerprint", fingerprint);
        o.addProperty("seed", seed);
        o.addProperty("code_version", System.getProperty("uclr.code.version", "unknown"));
        o.addProperty("saved_at", Instant.now().toString());
        JsonObject conf = new JsonObject();
        new TreeMap<>(configuration).forEach(conf::addProperty);
        o.add("configuration", conf);
        JsonObject attributes = new JsonObject();
        archive.attributes().forEach(attributes::addProperty);
        o.add("attributes", attributes);
        JsonObject tensors = new JsonObject();
        for (String name : archive.names()) {
            JsonArray shape = new JsonArray();
            for (long s : archive.shape(name).getShape()) {
                shape.add(s);
            }
            tensors.add(name, shape);
        }
        o.add("tensors", tensors);
        AtomicFiles.writeString(dir.resolve(JSON), new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n");
    }

    /**
     * Reads a saved model from a run directory or its model folder.
     *
     * @throws UclrException if there is none, or it is unreadable
     */
    public static SavedModel read(Path runOrModelDir) {
        Path dir = folder(runOrModelDir);
        Path json = dir.resolve(JSON);
        if (!Files.isRegularFile(json)) {
            throw new UclrException("rec.model.load=" + runOrModelDir + ": no saved model there (no " + json
                    + "; save one with rec.model.save=true)");
        }
        try {
            JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
            int version = o.get("format_version").getAsInt();
            if (version != FORMAT_VERSION) {
                throw new UclrException(json + " has format_version " + version + "; this code reads " + FORMAT_VERSION);
            }
            Map<String, String> conf = strings(o.getAsJsonObject("configuration"));
            ModelArchive archive = ModelArchive.read(dir.resolve(TENSORS), strings(o.getAsJsonObject("attributes")));
            return new SavedModel(o.get("model").getAsString(), o.get("model_class").getAsString(),
                    o.get("dataset").getAsString(), o.get("dataset_fingerprint").getAsString(), o.get("seed").getAsLong(),
                    conf, archive);
        } catch (IOException | IllegalStateException | NullPointerException | com.google.gson.JsonParseException e) {
            throw new UclrException("rec.model.load=" + runOrModelDir + ": " + json + " is not a saved model: "
                    + e.getMessage(), e);
        }
    }

    private static Map<String, String> strings(JsonObject o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o != null) {
            for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                out.put(e.getKey(), e.getValue().getAsString());
            }
        }
        return out;
    }

    /**
     * @throws UclrException if this model is not of the given class or was trained on other data
     */
    public void checkFits(Class<?> recommender, String dataFingerprint, Path from) {
        if (!modelClass.equals(recommender.getName())) {
            throw new UclrException("rec.model.load=" + from + ": the saved model is a " + modelClass + ", this job's "
                    + "recommender is " + recommender.getName());
        }
        if (!fingerprint.equals(dataFingerprint)) {
            throw new UclrException("rec.model.load=" + from + ": the model was trained on other data (dataset "
                    + dataset + ", fingerprint " + fingerprint + "; this job's data has fingerprint " + dataFingerprint + ")");
        }
    }

    /**
     * @throws UclrException if the effective configuration differs from the one the model was trained with,
     *                       in any key that is part of the model
     */
    public void checkConfiguration(Map<String, String> now, Path from) {
        String diff = difference(configuration, now);
        if (!diff.isEmpty()) {
            throw new UclrException("rec.model.load=" + from + ": the model was trained with another configuration ("
                    + diff + "); load it with the configuration it was saved with");
        }
    }

    /** The keys that differ and are part of the model, as "key: saved -> now", at most three, or "". */
    static String difference(Map<String, String> saved, Map<String, String> now) {
        Set<String> keys = new TreeSet<>(saved.keySet());
        keys.addAll(now.keySet());
        List<String> diffs = new ArrayList<>();
        for (String k : keys) {
            if (NOT_THE_MODEL.contains(k) || k.startsWith(EVALUATION_PREFIX)
                    || (k.startsWith("data.domain.") && k.endsWith(".path"))) {
                continue;
            }
            String then = saved.get(k);
            String current = now.get(k);
            if (!Objects.equals(then, current)) {
                diffs.add(k + ": " + (then == null ? "(absent)" : then) + " -> " + (current == null ? "(absent)" : current));
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
