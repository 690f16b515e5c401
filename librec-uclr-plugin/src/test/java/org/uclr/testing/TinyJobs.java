package org.uclr.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.uclr.config.KeyOrigin;
import org.uclr.config.PropertiesSource;
import org.uclr.job.RecJob;
import org.uclr.job.RecommendationList;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole {@code rec} jobs on 100 synthetic users (each trains in seconds), for the tests of saving and
 * loading models and of the job's outputs; also used by the baselines module's tests.
 */
public final class TinyJobs {
    private TinyJobs() {
    }

    /** A job's properties: the tiny synthetic data, its split under {@code dir}, output in {@code dir/out}; then "key=value" overrides. */
    public static PropertiesSource source(Path dir, String out, String... overrides) {
        PropertiesSource s = new PropertiesSource();
        KeyOrigin origin = new KeyOrigin("tiny.properties", 1);
        String[] base = {"rec.device=cpu", "rec.random.seed=1", "rec.threads=1",
                "data.source=synthetic", "data.synthetic.scale=0.05",
                "data.split.dir=" + dir.resolve("splits"), "rec.output.dir=" + dir.resolve(out)};
        for (String kv : base) {
            s.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1), origin);
        }
        for (String kv : overrides) {
            s.putOverride(kv);
        }
        return s;
    }

    public static JsonObject results(Path runDir) {
        try {
            return JsonParser.parseString(Files.readString(runDir.resolve("results.json"))).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Trains a model with {@code rec.model.save=true} (both protocols), then evaluates its saved model in a
     * second job, and checks that both give the same metrics of both protocols, the same stage per domain
     * and the same recommendations.tsv, to the bit.
     *
     * @param modelKeys "key=value" of the model (rec.recommender.class and its own keys)
     * @return the results.json of the job that loaded the model
     */
    public static JsonObject assertSaveThenLoadGivesIdenticalResults(Path dir, String... modelKeys) {
        String[] save = concat(modelKeys, "rec.eval.protocol=both", "rec.model.save=true");
        String[] load = concat(modelKeys, "rec.eval.protocol=both", "rec.model.load=" + dir.resolve("saved"));
        new RecJob(source(dir, "saved", save)).run();
        assertTrue(Files.isRegularFile(dir.resolve("saved/model/parameters.safetensors")));
        new RecJob(source(dir, "loaded", load)).run();
        JsonObject trained = results(dir.resolve("saved"));
        JsonObject loaded = results(dir.resolve("loaded"));
        assertNotNull(trained.get("full_ranking"));
        assertEquals(trained.get("domains"), loaded.get("domains"), "sampled protocol");
        assertEquals(trained.get("macro"), loaded.get("macro"), "sampled protocol");
        assertEquals(trained.get("full_ranking"), loaded.get("full_ranking"), "full-ranking protocol");
        assertEquals(trained.get("scores_from"), loaded.get("scores_from"), "the stage each domain scores from");
        assertEquals(dir.resolve("saved").toString(), loaded.get("loaded_from").getAsString());
        try {
            assertArrayEquals(Files.readAllBytes(dir.resolve("saved").resolve(RecommendationList.FILE_NAME)),
                    Files.readAllBytes(dir.resolve("loaded").resolve(RecommendationList.FILE_NAME)), "recommendations.tsv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loaded;
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
