package org.uclr.baselines;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.data.Domain;
import org.uclr.data.MultiDomainDataset;
import org.uclr.job.RecJob;
import org.uclr.testing.Fixtures;
import org.uclr.testing.TinyJobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every model end to end on four domains, as on the four-domain Amazon benchmark (issue 12): planted
 * data written as four TSV files (150 users, three taste groups shared by all domains, 6-20
 * interactions per domain), read by the job, trained, evaluated under both protocols. Each model must
 * report the four domains in file order with every user evaluated, train (or build) each of them, and
 * beat MostPop's sampled NDCG@10 in the macro average, which on this data needs the user's group.
 */
class FourDomainJobsTest {
    private static final List<String> DOMAINS = List.of("a", "b", "c", "d");
    private static final int USERS = 150;

    @TempDir
    static Path dir;
    private static double mostPopMacro;

    private static final Map<String, String[]> MODELS = Map.of(
            "bprmf", new String[]{"rec.recommender.class=bprmf", "bprmf.factors=16", "bprmf.batch.size=256",
                    "bprmf.learn.rate=0.01", "bprmf.epochs.max=30", "bprmf.patience=5"},
            "bprmf-global", new String[]{"rec.recommender.class=bprmf", "bprmf.mode=global", "bprmf.factors=16",
                    "bprmf.batch.size=256", "bprmf.learn.rate=0.01", "bprmf.epochs.max=30", "bprmf.patience=5"},
            "neumf", new String[]{"rec.recommender.class=neumf", "neumf.factors=16", "neumf.batch.size=512",
                    "neumf.learn.rate=0.01", "neumf.epochs.max=15", "neumf.patience=5"},
            "lightgcn", new String[]{"rec.recommender.class=lightgcn", "lightgcn.factors=16", "lightgcn.batch.size=256",
                    "lightgcn.learn.rate=0.01", "lightgcn.epochs.max=30", "lightgcn.patience=5"},
            "catart", new String[]{"rec.recommender.class=catart", "catart.factors=16", "catart.batch.size=256",
                    "catart.learn.rate=0.01", "catart.epochs.max=30", "catart.patience=5", "catart.cat.epochs.max=3",
                    "catart.art.epochs.max=5", "catart.cat.batch.size=64"},
            "uclr", new String[]{"rec.recommender.class=uclr", "bprmf.factors=16", "bprmf.batch.size=256",
                    "bprmf.learn.rate=0.01", "bprmf.epochs.max=30", "bprmf.patience=5", "uclr.hidden=16,8",
                    "uclr.batch.size=64", "uclr.epochs.max=3", "uclr.finetune.epochs.max=3",
                    "uclr.finetune.contrast.users=32"},
            "uclr-lightgcn", new String[]{"rec.recommender.class=uclr", "uclr.backbone=lightgcn", "lightgcn.factors=16",
                    "lightgcn.batch.size=256", "lightgcn.learn.rate=0.01", "lightgcn.epochs.max=30",
                    "lightgcn.patience=5", "uclr.lora.rank=8", "uclr.hidden=16,8", "uclr.batch.size=64",
                    "uclr.epochs.max=3", "uclr.finetune.epochs.max=3", "uclr.finetune.contrast.users=32"});

    @BeforeAll
    static void writeFourDomainsAndRunMostPop() throws IOException {
        MultiDomainDataset data = Fixtures.planted(USERS, 3, 40, 11L,
                new int[][]{{6, 20}, {6, 20}, {6, 20}, {6, 20}});
        for (Domain d : data.domains()) {
            List<String> lines = new ArrayList<>(List.of("user\titem\trating"));
            for (int u = 0; u < data.userIds().length; u++) {
                for (int i : d.interactions().row(u)) {
                    lines.add(data.userIds()[u] + "\t" + d.itemIds()[i] + "\t1");
                }
            }
            Files.write(dir.resolve(d.name() + ".tsv"), lines, StandardCharsets.UTF_8);
        }
        JsonObject mostPop = run("mostpop", "rec.recommender.class=mostpop");
        mostPopMacro = mostPop.getAsJsonObject("macro").get("NDCG@10").getAsDouble();
    }

    private static JsonObject run(String name, String... modelKeys) {
        List<String> keys = new ArrayList<>(List.of("data.source=files", "data.domains=" + String.join(",", DOMAINS),
                "data.name=planted4", "rec.eval.protocol=both"));
        for (String d : DOMAINS) {
            keys.add("data.domain." + d + ".path=" + dir.resolve(d + ".tsv"));
        }
        keys.addAll(List.of(modelKeys));
        new RecJob(TinyJobs.source(dir, name, keys.toArray(String[]::new))).run();
        JsonObject results = TinyJobs.results(dir.resolve(name));
        for (String protocol : new String[]{"sampled", "full"}) {
            JsonArray domains = protocol.equals("sampled") ? results.getAsJsonArray("domains")
                    : results.getAsJsonObject("full_ranking").getAsJsonArray("domains");
            assertEquals(DOMAINS.size(), domains.size(), name + " " + protocol);
            for (int d = 0; d < DOMAINS.size(); d++) {
                JsonObject domain = domains.get(d).getAsJsonObject();
                assertEquals(DOMAINS.get(d), domain.get("name").getAsString(), name + " " + protocol);
                assertEquals(USERS, domain.get("users").getAsInt(), name + " " + protocol + ": every user has a test item");
                double ndcg = domain.getAsJsonObject("metrics").get("NDCG@10").getAsDouble();
                assertTrue(ndcg >= 0 && ndcg <= 1, name + " " + protocol + " " + DOMAINS.get(d) + ": " + ndcg);
            }
        }
        return results;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bprmf", "bprmf-global", "neumf", "lightgcn", "catart", "uclr", "uclr-lightgcn"})
    void everyModelTrainsAndEvaluatesFourDomainsAndBeatsMostPop(String model) {
        JsonObject results = run(model, MODELS.get(model));
        List<String> trained = new ArrayList<>();
        for (JsonElement stage : results.getAsJsonArray("training")) {
            JsonElement domains = stage.getAsJsonObject().get("domains");
            if (domains != null) {
                domains.getAsJsonArray().forEach(d -> trained.add(d.getAsJsonObject().get("name").getAsString()));
            }
        }
        for (String d : DOMAINS) {
            assertTrue(trained.contains(d), model + ": no training stage names domain " + d + " in " + results.get("training"));
        }
        double macro = results.getAsJsonObject("macro").get("NDCG@10").getAsDouble();
        assertTrue(macro > mostPopMacro, String.format("%s: macro sampled NDCG@10 %.4f, MostPop %.4f", model, macro,
                mostPopMacro));
    }
}
