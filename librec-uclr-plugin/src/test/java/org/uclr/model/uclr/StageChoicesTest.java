package org.uclr.model.uclr;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.UclrException;
import org.uclr.config.KeyOrigin;
import org.uclr.config.PropertiesSource;
import org.uclr.config.Settings;
import org.uclr.engine.TrainingOutcome;
import org.uclr.job.RecJob;
import org.uclr.job.RunResult;
import org.uclr.testing.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-stage validation record (stages.tsv), shrunk scoring, domain offsets and the stage-1 cache end to
 * end on tiny synthetic data: no stage may lower a domain's validation NDCG@10, a cached stage 1 must score
 * exactly like the trained one, and the results.json validation block must agree with stages.tsv (two
 * separate computations of the same numbers).
 */
class StageChoicesTest {

    private static PropertiesSource job(Path dir, String name, Map<String, String> extra) {
        PropertiesSource s = new PropertiesSource();
        Map<String, String> values = new HashMap<>(Map.ofEntries(
                Map.entry("rec.recommender.class", "uclr"),
                Map.entry("rec.random.seed", "2"),
                Map.entry("rec.device", "cpu"),
                Map.entry("rec.output.dir", dir.resolve(name).toString()),
                Map.entry("data.source", "synthetic"),
                Map.entry("data.synthetic.scale", "0.1"),
                Map.entry("data.split.dir", dir.resolve("splits").toString()),
                Map.entry("bprmf.factors", "16"),
                Map.entry("bprmf.epochs.max", "4"),
                Map.entry("bprmf.learn.rate", "0.01"),
                Map.entry("bprmf.user.offsets", "true"),
                Map.entry("uclr.hidden", "16,8"),
                Map.entry("uclr.epochs.max", "3"),
                Map.entry("uclr.finetune.epochs.max", "2"),
                Map.entry("uclr.score.user", "shrunk"),
                Map.entry("uclr.pretrained.cache", dir.resolve("cache").toString())));
        values.putAll(extra);
        values.forEach((k, v) -> s.put(k, v, new KeyOrigin("test", 0)));
        return s;
    }

    /** stages.tsv rows: stage, domain, scores_from, val_ndcg10, ... */
    private static List<String[]> stages(RunResult r) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(r.outputDir().resolve("stages.tsv"));
        assertEquals("stage\tdomain\tscores_from\tval_ndcg10\tval_ndcg10_low\tusers\tlow_users\tprior_weight", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split("\t", -1));
        }
        return rows;
    }

    @Test
    void noStageLowersADomainAndACachedStageOneScoresExactlyLikeTheTrainedOne(@TempDir Path dir) throws IOException {
        RunResult trained = new RecJob(job(dir, "trained", Map.of())).run();
        List<String[]> rows = stages(trained);
        List<String> domains = rows.stream().filter(x -> x[0].equals("pge")).map(x -> x[1]).toList();
        assertEquals(3 * domains.size(), rows.size(), "pge, autoencoder and finetune rows per domain");
        for (int d = 0; d < domains.size(); d++) {
            double pge = Double.parseDouble(rows.get(d)[3]);
            double ae = Double.parseDouble(rows.get(domains.size() + d)[3]);
            double ft = Double.parseDouble(rows.get(2 * domains.size() + d)[3]);
            assertTrue(ae >= pge && ft >= ae, domains.get(d) + ": " + pge + " -> " + ae + " -> " + ft);
            String from = rows.get(2 * domains.size() + d)[2];
            assertEquals(trained.scoresFrom().get(domains.get(d)), from, "stages.tsv names the kept stage");
        }

        // results.json's validation block: the final model's validation NDCG@10, computed by the evaluator
        JsonObject json = JsonParser.parseString(Files.readString(trained.outputDir().resolve("results.json")))
                .getAsJsonObject();
        JsonObject validation = json.getAsJsonObject("validation_metrics");
        double macro = 0;
        for (int d = 0; d < domains.size(); d++) {
            JsonObject dj = validation.getAsJsonArray("domains").get(d).getAsJsonObject();
            assertEquals(domains.get(d), dj.get("name").getAsString());
            double last = Double.parseDouble(rows.get(2 * domains.size() + d)[3]);
            assertEquals(last, dj.getAsJsonObject("metrics").get("NDCG@10").getAsDouble(), 1e-6, domains.get(d));
            double low = Double.parseDouble(rows.get(2 * domains.size() + d)[4]);
            assertEquals(low, dj.getAsJsonObject("low_activity").getAsJsonObject("metrics").get("NDCG@10").getAsDouble(),
                    1e-6, domains.get(d) + " low activity");
            macro += last / domains.size();
        }
        assertEquals(macro, validation.getAsJsonObject("macro").get("NDCG@10").getAsDouble(), 1e-6);

        RunResult cached = new RecJob(job(dir, "cached", Map.of())).run();
        assertFalse(cached.training().stream().map(TrainingOutcome::label).anyMatch("uclr/pge"::equals),
                "stage 1 came from the cache");
        assertEquals(Files.readString(trained.outputDir().resolve("stages.tsv")),
                Files.readString(cached.outputDir().resolve("stages.tsv")));
    }

    @Test
    void eachDomainKeepsTheBetterOfTheOffsetAndTheSharedStageOne(@TempDir Path dir) throws IOException {
        // each run trains its stage 1 (an empty cache of its own), so the candidates are compared with stand-alone runs
        RunResult offsets = new RecJob(job(dir, "offsets", Map.of("uclr.variant", "pge",
                "uclr.pretrained.cache", dir.resolve("cache-o").toString()))).run();
        RunResult alone = new RecJob(job(dir, "shared", Map.of("uclr.variant", "pge", "bprmf.user.offsets", "false",
                "uclr.pretrained.cache", dir.resolve("cache-s").toString()))).run();
        Map<String, String> both = Map.of("uclr.variant", "pge", "uclr.pge.shared.candidate", "true",
                "uclr.pretrained.cache", dir.resolve("cache-b").toString());
        RunResult chosen = new RecJob(job(dir, "both", both)).run();

        List<String[]> o = stages(offsets);
        List<String[]> s = stages(alone);
        List<String[]> c = stages(chosen);
        int n = o.size();
        assertEquals(2 * n, c.size(), "a pge row and a pge-shared row per domain");
        JsonObject chosenJson = results(chosen);
        int keptShared = 0;
        for (int d = 0; d < n; d++) {
            String domain = o.get(d)[1];
            double withOffsets = Double.parseDouble(o.get(d)[3]);
            double withShared = Double.parseDouble(s.get(d)[3]);
            assertEquals(withOffsets, Double.parseDouble(c.get(d)[3]), 1e-9, domain + ": the primary stage 1 is the offsets run");
            assertEquals("pge-shared", c.get(n + d)[0]);
            assertEquals(Math.max(withOffsets, withShared), Double.parseDouble(c.get(n + d)[3]), 1e-9, domain);
            boolean sharedWins = withShared > withOffsets;
            assertEquals(sharedWins ? "pge-shared" : "pge", c.get(n + d)[2], domain);
            // the test metrics of the domain are those of the stage 1 it kept, computed in a run without the other
            RunResult source = sharedWins ? alone : offsets;
            assertEquals(domainMetrics(results(source), domain), domainMetrics(chosenJson, domain), domain);
            keptShared += sharedWins ? 1 : 0;
        }
        assertTrue(keptShared > 0 && keptShared < n, "the data of this test has domains of both kinds: " + keptShared);
    }

    private static JsonObject results(RunResult r) throws IOException {
        return JsonParser.parseString(Files.readString(r.outputDir().resolve("results.json"))).getAsJsonObject();
    }

    private static JsonObject domainMetrics(JsonObject results, String domain) {
        for (var e : results.getAsJsonArray("domains")) {
            if (e.getAsJsonObject().get("name").getAsString().equals(domain)) {
                return e.getAsJsonObject().getAsJsonObject("metrics");
            }
        }
        throw new AssertionError("no domain " + domain + " in " + results);
    }

    @Test
    void theCacheKeyHoldsDataSeedAndEveryStageOneKeyButNoLaterStageKey(@TempDir Path dir) {
        Map<String, String> base = Map.of("bprmf.learn.rate", "0.01");
        String d0 = PretrainedCache.describe("fp", 1, settings(base));
        assertEquals(d0, PretrainedCache.describe("fp", 1, settings(Map.of("bprmf.learn.rate", "0.01",
                "uclr.learn.rate", "0.5", "uclr.score.user", "shrunk"))));
        assertNotEquals(d0, PretrainedCache.describe("fp", 2, settings(base)));
        assertNotEquals(d0, PretrainedCache.describe("fp2", 1, settings(base)));
        assertNotEquals(d0, PretrainedCache.describe("fp", 1, settings(Map.of("bprmf.learn.rate", "0.005"))));
        assertNotEquals(d0, PretrainedCache.describe("fp", 1, settings(Map.of("bprmf.learn.rate", "0.01",
                "bprmf.user.offsets", "true"))));
        assertNotEquals(d0, PretrainedCache.describe("fp", 1, settings(Map.of("bprmf.learn.rate", "0.01",
                "uclr.backbone", "lightgcn"))));
    }

    @Test
    void anEntryStoredForOtherSettingsIsRefused(@TempDir Path dir) throws IOException {
        PretrainedCache cache = new PretrainedCache(dir);
        String description = "data fp seed 1 backbone BPRMF";
        Path tensors = cache.file(description);
        Files.writeString(tensors, "not read");
        Files.writeString(dir.resolve(tensors.getFileName().toString().replace(".safetensors", ".txt")), "other");
        assertThrows(UclrException.class, () -> cache.load(description, null));
        assertFalse(new PretrainedCache(dir.resolve("empty")).load(description, null), "no entry: train");
    }

    private static Settings settings(Map<String, String> keys) {
        return Settings.of(Fixtures.configuration(keys));
    }
}
