package org.uclr.leaderboard;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A leaderboard of two BPR-MF variants (per-domain and global) over seeds 1 and 2 on 5% of the small
 * synthetic preset, each job a few seconds; and what "the same report" means when comparing two runs of it
 * (the local runner against {@code leaderboard.parallel=2} here, against Spark in org.uclr.leaderboard.spark).
 */
public final class TinyLeaderboard {
    public static final String DATASET = "synthetic-small-x0.05";
    private static final String FAST = String.join("\n",
            "rec.recommender.class=org.uclr.model.bprmf.BPRMFRecommender",
            "rec.device=cpu",
            "rec.threads=1",
            "bprmf.factors=8",
            "bprmf.batch.size=512",
            "bprmf.learn.rate=0.01",
            "bprmf.epochs.max=2",
            "bprmf.patience=1", "");

    public final Path file;

    /** Writes the model files and the leaderboard file into {@code dir}; {@code extraModelLines} add a third row. */
    public TinyLeaderboard(Path dir, String... extraModelLines) {
        try {
            Files.writeString(dir.resolve("bprmf.properties"), FAST + "bprmf.mode=per-domain\n");
            Files.writeString(dir.resolve("bprmf-global.properties"), FAST + "bprmf.mode=global\n");
            String models = "bprmf.properties,bprmf-global.properties";
            if (extraModelLines.length > 0) {
                Files.writeString(dir.resolve("extra.properties"), String.join("\n", extraModelLines) + "\n");
                models += ",extra.properties";
            }
            file = dir.resolve("leaderboard.properties");
            Files.writeString(file, String.join("\n",
                    "leaderboard.models=" + models,
                    "leaderboard.seeds=1,2",
                    "leaderboard.metrics=HR@10,NDCG@10",
                    "data.source=synthetic",
                    "data.synthetic.preset=small",
                    "data.synthetic.scale=0.05",
                    "data.split.dir=" + dir.resolve("splits"), ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the leaderboard with {@code outputRoot} and the overrides. */
    public LeaderboardRunner.Outcome run(Path outputRoot, String... overrides) {
        List<String> all = new ArrayList<>(List.of("leaderboard.output.root=" + outputRoot));
        all.addAll(List.of(overrides));
        return new LeaderboardRunner(LeaderboardConfig.read(file, all)).run();
    }

    /**
     * The tables of leaderboard.md, by section, without the two sections that report wall times and
     * dates (Runs; Machine and software), which differ between any two runs.
     */
    public static Map<String, List<String>> mdTables(Path outputRoot) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String section = "";
        for (String line : read(outputRoot.resolve(DATASET).resolve("leaderboard.md")).split("\n")) {
            if (line.startsWith("#")) {
                section = line;
            } else if (line.startsWith("|") && !section.startsWith("## Runs")
                    && !section.startsWith("## Machine and software")) {
                out.computeIfAbsent(section, k -> new ArrayList<>()).add(line);
            }
        }
        return out;
    }

    public static String csv(Path outputRoot) {
        return read(outputRoot.resolve(DATASET).resolve("leaderboard.csv"));
    }

    /** A run's metrics as results.json records them (every domain and protocol; no times). */
    public static String metrics(Path outputRoot, String model, int seed) {
        JsonObject o = JsonParser.parseString(read(runDir(outputRoot, model, seed).resolve("results.json")))
                .getAsJsonObject();
        JsonObject kept = new JsonObject();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            if (e.getKey().equals("domains") || e.getKey().startsWith("full")) {
                kept.add(e.getKey(), e.getValue());
            }
        }
        assertTrue(kept.has("domains"), "results.json without domains: " + o.keySet());
        return kept.toString();
    }

    public static Path runDir(Path outputRoot, String model, int seed) {
        return outputRoot.resolve("runs").resolve(DATASET).resolve(model).resolve("seed-" + seed);
    }

    /** The report of {@code actual} has the tables, CSV and per-run metrics of {@code expected}, to the bit. */
    public static void assertSameReport(Path expected, Path actual) {
        Map<String, List<String>> tables = mdTables(expected);
        assertTrue(tables.size() >= 3, "too few tables to compare: " + tables.keySet());
        assertEquals(tables, mdTables(actual));
        assertEquals(csv(expected), csv(actual));
        for (String model : List.of("bprmf", "bprmf-global")) {
            for (int seed : List.of(1, 2)) {
                assertEquals(metrics(expected, model, seed), metrics(actual, model, seed), model + " seed " + seed);
                assertEquals(read(runDir(expected, model, seed).resolve("recommendations.tsv")),
                        read(runDir(actual, model, seed).resolve("recommendations.tsv")), model + " seed " + seed);
            }
        }
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
