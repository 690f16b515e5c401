package org.uclr.job;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.UclrException;
import org.uclr.config.ConfigException;
import org.uclr.config.KeyOrigin;
import org.uclr.config.PropertiesSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecJobTest {
    @TempDir
    Path dir;

    /** A job on 100 synthetic users that trains in about a second; overrides are "key=value". */
    static PropertiesSource tiny(Path dir, String out, String... overrides) {
        PropertiesSource s = new PropertiesSource();
        KeyOrigin origin = new KeyOrigin("tiny.properties", 1);
        String[] base = {
                "rec.recommender.class=bprmf", "rec.device=cpu", "rec.random.seed=1",
                "data.source=synthetic", "data.synthetic.scale=0.05",
                "bprmf.factors=16", "bprmf.batch.size=256", "bprmf.learn.rate=0.01", "bprmf.epochs.max=5",
                "data.split.dir=" + dir.resolve("splits"), "rec.output.dir=" + dir.resolve(out)};
        for (String kv : base) {
            s.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1), origin);
        }
        for (String kv : overrides) {
            s.putOverride(kv);
        }
        return s;
    }

    private static JsonObject json(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    @Test
    void writesResultsJsonWithItsDocumentedFieldsAndTheCandidateDump() throws IOException {
        RunResult r = new RecJob(tiny(dir, "out", "rec.eval.dump=true")).run();
        Path out = dir.resolve("out");
        assertEquals(out, r.outputDir());
        JsonObject j = json(out.resolve("results.json"));

        assertEquals(2, j.get("format_version").getAsInt());
        assertEquals("bprmf", j.get("model").getAsString());
        assertEquals("org.uclr.model.bprmf.BPRMFRecommender", j.get("model_class").getAsString());
        assertEquals("synthetic-small-x0.05", j.get("dataset").getAsString());
        assertTrue(j.get("synthetic").getAsBoolean());
        assertEquals(1, j.get("seed").getAsLong());
        assertEquals(16, j.get("dataset_fingerprint").getAsString().length());
        JsonObject conf = j.getAsJsonObject("configuration");
        assertEquals("16", conf.get("bprmf.factors").getAsString(), "explicit key");
        assertEquals("1.0E-5", conf.get("bprmf.lambda").getAsString(), "default filled in");
        assertEquals("99", conf.get("data.eval.negatives").getAsString());

        JsonArray domains = j.getAsJsonArray("domains");
        assertEquals(List.of("books", "movies", "music"),
                domains.asList().stream().map(d -> d.getAsJsonObject().get("name").getAsString()).toList());
        List<String> metricNames = List.of("MRR@10", "HR@10", "NDCG@10", "MRR@20", "HR@20", "NDCG@20");
        for (var d : domains) {
            JsonObject dj = d.getAsJsonObject();
            assertEquals(100, dj.get("users").getAsInt());
            assertEquals(metricNames, List.copyOf(dj.getAsJsonObject("metrics").keySet()));
            for (String m : metricNames) {
                double v = dj.getAsJsonObject("metrics").get(m).getAsDouble();
                assertTrue(v >= 0 && v <= 1, m + " is a fraction: " + v);
            }
            JsonObject low = dj.getAsJsonObject("low_activity");
            assertEquals(2, low.get("max_train_interactions").getAsInt());
            assertTrue(low.get("users").getAsInt() > 0);
            JsonArray groups = dj.getAsJsonArray("activity_groups");
            assertEquals(9, groups.size());
            int sum = 0;
            for (var g : groups) {
                sum += g.getAsJsonObject().get("users").getAsInt();
            }
            assertEquals(100, sum, "groups partition the users");
        }
        assertEquals(Set.copyOf(metricNames), j.getAsJsonObject("macro").keySet());
        assertTrue(j.getAsJsonObject("stage_seconds").has("bprmf/books"));
        JsonObject training = j.getAsJsonArray("training").get(0).getAsJsonObject();
        assertEquals("bprmf/books", training.get("stage").getAsString());
        assertEquals("ndcg@10", j.get("validation").getAsString());
        for (String k : List.of("cores", "djl", "engine", "device", "peak_rss_mb", "code_version")) {
            assertTrue(j.getAsJsonObject("runtime").has(k), k);
        }

        List<String> dump = Files.readAllLines(out.resolve("candidates.tsv"));
        assertEquals("domain\tuser\titem\tscore\tpositive", dump.get(0));
        assertEquals(1 + 3 * 100 * 100, dump.size(), "header + 3 domains x 100 users x 100 candidates");
        assertTrue(dump.get(1).endsWith("\t1") && dump.get(2).endsWith("\t0"), "positive first");
        assertEquals(Set.of("results.json", "training.tsv", "candidates.tsv", "recommendations.tsv"), names(out));
    }

    @Test
    void sameSeedGivesIdenticalResultsAndAnotherSeedDifferentOnes() throws IOException {
        new RecJob(tiny(dir, "a", "rec.eval.dump=true")).run();
        new RecJob(tiny(dir, "b", "rec.eval.dump=true")).run();
        new RecJob(tiny(dir, "c", "rec.eval.dump=true", "rec.random.seed=2")).run();
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/candidates.tsv")), Files.readAllBytes(dir.resolve("b/candidates.tsv")));
        assertEquals(json(dir.resolve("a/results.json")).get("domains"), json(dir.resolve("b/results.json")).get("domains"));
        assertNotEquals(json(dir.resolve("a/results.json")).get("domains"), json(dir.resolve("c/results.json")).get("domains"));
    }

    @Test
    void aRunWithoutDumpRemovesAnEarlierRunsDumpSoTheyNeverDisagree() throws IOException {
        new RecJob(tiny(dir, "out", "rec.eval.dump=true")).run();
        new RecJob(tiny(dir, "out", "rec.random.seed=2")).run();
        assertEquals(Set.of("results.json", "training.tsv", "recommendations.tsv"), names(dir.resolve("out")));
    }

    /**
     * Issue 10: LibRec's own evaluator classes gave "metrics": {} (NDCG, Precision) or an internal error
     * after training (AUC). They now run on the sampled lists, named as our metrics; with one held-out
     * item Precision@K = HR@K / K and Recall@K = HR@K in every domain and view.
     */
    @Test
    void libRecsRankingEvaluatorClassesRunOnTheSampledListsWithTheirStandardDefinitions() throws IOException {
        new RecJob(tiny(dir, "out", "rec.eval.classes=net.librec.eval.ranking.NormalizedDCGEvaluator,"
                + "net.librec.eval.ranking.HitRateEvaluator,net.librec.eval.ranking.PrecisionEvaluator,"
                + "net.librec.eval.ranking.RecallEvaluator,net.librec.eval.ranking.AUCEvaluator")).run();
        new RecJob(tiny(dir, "ours")).run();
        JsonObject j = json(dir.resolve("out/results.json"));
        assertEquals(List.of("NDCG@10", "HR@10", "Precision@10", "Recall@10", "AUC", "NDCG@20", "HR@20", "Precision@20",
                "Recall@20"), List.copyOf(j.getAsJsonObject("macro").keySet()));
        JsonObject ours = json(dir.resolve("ours/results.json"));
        for (int d = 0; d < 3; d++) {
            JsonObject dj = j.getAsJsonArray("domains").get(d).getAsJsonObject();
            for (JsonObject view : List.of(dj.getAsJsonObject("metrics"), dj.getAsJsonObject("low_activity").getAsJsonObject("metrics"))) {
                for (int k : new int[]{10, 20}) {
                    double hr = view.get("HR@" + k).getAsDouble();
                    assertEquals(hr / k, view.get("Precision@" + k).getAsDouble(), 1e-12);
                    assertEquals(hr, view.get("Recall@" + k).getAsDouble(), 1e-12);
                }
                double auc = view.get("AUC").getAsDouble();
                assertTrue(auc > 0.5 && auc < 1, "a trained model ranks most negatives below the positive: " + auc);
            }
            JsonObject od = ours.getAsJsonArray("domains").get(d).getAsJsonObject().getAsJsonObject("metrics");
            assertEquals(od.get("NDCG@10"), dj.getAsJsonObject("metrics").get("NDCG@10"), "the same NDCG as ours");
        }
    }

    @Test
    void keysThisRunNeverReadsAreNamedInWarnings() {
        assertEquals(List.of("bprmf does not read uclr.alpha=0.5 (-D), uclr.tau.rho=0.2 (-D): keys of other models "
                + "have no effect on this run"), new RecJob(tiny(dir, "out", "uclr.alpha=0.5", "uclr.tau.rho=0.2")).warnings());
        assertEquals(List.of(), new RecJob(tiny(dir, "out", "bprmf.lambda=0.001")).warnings());
        List<String> pge = new RecJob(tiny(dir, "out", "rec.recommender.class=uclr", "uclr.variant=pge",
                "uclr.finetune.learn.rate=0.1")).warnings();
        assertEquals(List.of("uclr.variant=pge (-D) does not read uclr.finetune.learn.rate=0.1 (-D): they have no effect"), pge);
    }

    @Test
    void aUclrRunIsNamedByItsVariantBackboneAndPerDomainModelSoNoConfigurationOverwritesAnother() {
        String[][] cases = {
                {"uclr"},
                {"uclr-pge-ae", "uclr.variant=pge-ae"},
                {"uclr-lightgcn", "uclr.backbone=lightgcn"},
                {"uclr-stage1", "uclr.domain.model=stage1"},
                {"uclr-lightgcn-route", "uclr.backbone=lightgcn", "uclr.domain.model=route"},
                {"uclr-pge-lightgcn-route", "uclr.variant=pge", "uclr.backbone=lightgcn", "uclr.domain.model=route"},
                {"uclr", "uclr.domain.model=off"}};
        for (String[] c : cases) {
            List<String> keys = new java.util.ArrayList<>(List.of(c).subList(1, c.length));
            keys.add("rec.recommender.class=uclr");
            assertEquals(c[0], new RecJob(tiny(dir, "out", keys.toArray(String[]::new))).plan().runName(), keys.toString());
        }
    }

    @Test
    void anotherModelsRuleBindsOnlyThatModelsJobs() {
        // uclr.lora.rank=32 above bprmf.factors=16: a UCLR rule, so a bprmf job given it (a leaderboard's -D) runs ...
        assertEquals("bprmf", new RecJob(tiny(dir, "out", "uclr.lora.rank=32")).plan().runName());
        // ... and the UCLR job with the same keys is refused, naming both
        ConfigException e = assertThrows(ConfigException.class, () -> new RecJob(tiny(dir, "out",
                "rec.recommender.class=uclr", "uclr.lora.rank=32")).plan());
        assertTrue(e.getMessage().startsWith("uclr.lora.rank=32 (-D) is above bprmf.factors=16 (tiny.properties:1)"),
                e.getMessage());
    }

    @Test
    void anotherModelsKeyIsNotPartOfTheEffectiveConfigurationSoALeaderboardGivenItStillReusesTheRun() {
        Map<String, String> plain = new RecJob(tiny(dir, "out")).plan().configuration();
        Map<String, String> given = new RecJob(tiny(dir, "out", "uclr.lora.rank=8", "bprmf.lambda=0.001")).plan().configuration();
        assertFalse(given.containsKey("uclr.lora.rank"), given.toString());
        assertEquals("0.001", given.get("bprmf.lambda"));
        Map<String, String> withoutOwn = new java.util.TreeMap<>(given);
        withoutOwn.put("bprmf.lambda", plain.get("bprmf.lambda"));
        assertEquals(plain, withoutOwn);
    }

    @Test
    void aRatingMetricIsRefusedBeforeAnyDataIsLoaded() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new RecJob(tiny(dir, "out", "rec.eval.classes=ndcg,net.librec.eval.rating.RMSEEvaluator")).run());
        assertTrue(e.getMessage().startsWith("-D: rec.eval.classes: 'net.librec.eval.rating.RMSEEvaluator' is a "
                + "rating-prediction metric"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("splits")), "no data loaded, no split made");
        assertFalse(anyFileNamed(dir, "results.json"));
    }

    @Test
    void anOutputDirectoryThatIsAFileFailsBeforeTraining() throws IOException {
        Files.writeString(dir.resolve("taken"), "x");
        UclrException e = assertThrows(UclrException.class, () -> new RecJob(tiny(dir, "taken/run")).run());
        assertTrue(e.getMessage().contains("is a file, not a directory"), e.getMessage());
        assertFalse(anyFileNamed(dir, "results.json"));
    }

    static Set<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    static boolean anyFileNamed(Path root, String name) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.anyMatch(p -> p.getFileName().toString().equals(name));
        }
    }
}
