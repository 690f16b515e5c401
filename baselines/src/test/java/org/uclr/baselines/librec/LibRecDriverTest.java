package org.uclr.baselines.librec;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.testing.Fixtures;
import org.uclr.testing.TinyJobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a LibRec user runs: LibRec's own {@code net.librec.tool.driver.RecDriver -exec -conf} on a shipped
 * configuration file, in a JVM of its own with this project's classpath and no logging configuration but the
 * one in the plugin's jar, from a scratch directory. It must train the model named by its alias, log LibRec's
 * evaluator lines (LibRec's layout, at INFO, on stderr) with the values our results.json holds, and write
 * LibRec's result file with each user's top items; and {@code librec rec} on the same file and seed must give
 * the same numbers and the same lists.
 */
class LibRecDriverTest {
    /** LibRec's RecommenderJob line, in LibRec's conf/log4j.properties layout "yy/MM/dd HH:mm:ss LEVEL Class: message". */
    private static final Pattern EVALUATOR_LINE = Pattern.compile("^\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d INFO "
            + "RecommenderJob: Evaluator (?:info:|value:)(\\w+(?: top \\d+)?) is (\\S+)$");
    /** LibRec's names in those lines, as results.json names the metric. */
    private static final Map<String, String> METRIC = Map.of("MRREvaluator", "MRR@10", "HitRatioEvaluator", "HR@10",
            "NDCGEvaluator", "NDCG@10", "NDCG top 10", "NDCG@10", "NDCG top 20", "NDCG@20", "RR top 10", "MRR@10",
            "RR top 20", "MRR@20");
    private static final String DATASET = "synthetic-small-x0.1";
    private static final int TOP_N = 10;

    @TempDir
    Path dir;

    @Test
    void uclrUnderLibRecsDriverGivesTheLauncherNumbersAndLibRecsResultFile() throws Exception {
        check("uclr.properties", "uclr", Set.of("NDCG@10", "NDCG@20", "MRR@10", "MRR@20"), "bprmf.factors=16", "bprmf.learn.rate=0.01", "bprmf.epochs.max=4",
                "uclr.hidden=16,8", "uclr.epochs.max=3", "uclr.finetune.epochs.max=2", "uclr.lora.rank=4");
    }

    @Test
    void neumfUnderLibRecsDriverGivesTheLauncherNumbersAndLibRecsResultFile() throws Exception {
        check("neumf.properties", "neumf", Set.of("MRR@10", "HR@10", "NDCG@10"), "neumf.factors=8", "neumf.epochs.max=3", "neumf.learn.rate=0.01");
    }

    /**
     * The README's command is this test's: the same main class and arguments (-exec -conf FILE -D key=value), on
     * the classpath bin/librec runs with (the baselines jar, then baselines/target/classpath.txt).
     */
    @Test
    void theReadmeCommandIsTheOneThisTestRuns() throws IOException {
        Path root = Fixtures.projectRoot();
        String readme = Files.readString(root.resolve("README.md"));
        int at = readme.indexOf("<!-- librec-driver-command");
        assertTrue(at >= 0, "README.md marks LibRec's driver command");
        int start = readme.indexOf("```bash\n", at) + "```bash\n".length();
        String command = readme.substring(start, readme.indexOf("```", start)).replace("\\\n", " ").replaceAll("\\s+", " ").strip();
        Matcher jar = Pattern.compile("(?m)^jar=\"\\$home/([^\"]+)\"$").matcher(Files.readString(root.resolve("bin/librec")));
        assertTrue(jar.find(), "bin/librec names its jar");
        assertEquals("java -Dai.djl.offline=true -cp \"" + jar.group(1) + ":$(cat baselines/target/classpath.txt)\" "
                + "net.librec.tool.driver.RecDriver -exec -conf conf/bprmf.properties -D dfs.result.dir=result", command);
    }

    private void check(String conf, String alias, Set<String> expectedMetrics, String... tiny) throws Exception {
        List<String> keys = new ArrayList<>(List.of("rec.recommender.class=" + alias, "rec.threads=1",
                "data.synthetic.scale=0.1"));
        keys.addAll(List.of(tiny));
        Path confFile = Fixtures.projectRoot().resolve("conf").resolve(conf);

        Run driver = java(dir.resolve("driver"), "net.librec.tool.driver.RecDriver", confFile, keys);
        assertEquals(0, driver.status, driver.stderr);
        assertTrue(driver.stdout.endsWith("Finished"), driver.stdout);
        Run launcher = java(dir.resolve("launcher"), "org.uclr.cli.Main", confFile, keys);
        assertEquals(0, launcher.status, launcher.stderr);

        // LibRec's lines: one per evaluator of rec.eval.classes at rec.recommender.ranking.topn (10), or, when the
        // file names none (uclr.properties), LibRec's "all evaluators" lines of the recommender's evaluateMap()
        Map<String, Double> logged = new LinkedHashMap<>();
        for (String line : driver.stderr.split("\n")) {
            Matcher m = EVALUATOR_LINE.matcher(line);
            if (m.matches()) {
                logged.put(METRIC.get(m.group(1)), Double.parseDouble(m.group(2)));
            }
        }
        assertEquals(expectedMetrics, logged.keySet(), driver.stderr);
        JsonObject ours = TinyJobs.results(dir.resolve("driver/run"));
        JsonObject macro = ours.getAsJsonObject("macro");
        logged.forEach((metric, value) -> assertEquals(macro.get(metric).getAsDouble(), value, 0.0, metric));
        assertEquals(alias, ours.get("model").getAsString());

        // the same numbers and lists as bin/librec's launcher on the same file and seed
        JsonObject theirs = TinyJobs.results(dir.resolve("launcher/run"));
        assertEquals(configurationBut(theirs, "data.split.dir", "rec.output.dir"),
                configurationBut(ours, "data.split.dir", "rec.output.dir"), "so the leaderboard can reuse either run");
        assertEquals(theirs.get("macro"), ours.get("macro"));
        assertEquals(theirs.get("domains"), ours.get("domains"));
        assertEquals(theirs.get("full_ranking"), ours.get("full_ranking"));
        String recommendations = Files.readString(dir.resolve("launcher/run/recommendations.tsv"));
        assertEquals(recommendations, Files.readString(dir.resolve("driver/run/recommendations.tsv")));

        // LibRec's result file: "user,domain:item,score" lines, each user's top 10 of every domain, as in recommendations.tsv
        Path result = dir.resolve("driver/result/" + DATASET + "-" + alias + "-output/" + alias);
        Map<String, List<String>> libRec = new LinkedHashMap<>();
        for (String line : Files.readAllLines(result)) {
            String[] f = line.split(",");
            assertEquals(3, f.length, line);
            Float.parseFloat(f[2]);
            String[] item = f[1].split(":", 2);
            libRec.computeIfAbsent(item[0] + "\t" + f[0], k -> new ArrayList<>()).add(item[1]);
        }
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String line : recommendations.split("\n")) {
            String[] f = line.split("\t");
            if (!f[0].equals("domain")) {
                expected.computeIfAbsent(f[0] + "\t" + f[1], k -> new ArrayList<>()).add(f[3]);
            }
        }
        assertEquals(3 * 200, libRec.size(), "every user of every domain");
        assertTrue(libRec.values().stream().allMatch(l -> l.size() == TOP_N));
        assertEquals(expected, libRec);
    }

    /** results.json's effective configuration without the given keys (where the two runs' files go). */
    private static Map<String, String> configurationBut(JsonObject results, String... keys) {
        Map<String, String> out = new java.util.TreeMap<>();
        results.getAsJsonObject("configuration").entrySet().forEach(e -> out.put(e.getKey(), e.getValue().getAsString()));
        out.keySet().removeAll(List.of(keys));
        return out;
    }

    private record Run(int status, String stdout, String stderr) {
    }

    /** Runs a main class in a JVM of its own, in {@code work}, with this test's classpath; outputs under {@code work}. */
    private static Run java(Path work, String mainClass, Path conf, List<String> keys) throws IOException, InterruptedException {
        Files.createDirectories(work);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dai.djl.offline=true", "-DDJL_CACHE_DIR=" + System.getProperty("DJL_CACHE_DIR"),
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(mainClass.equals("org.uclr.cli.Main") ? List.of("rec", "-conf", conf.toString()) : List.of("-exec", "-conf", conf.toString()));
        List<String> all = new ArrayList<>(keys);
        all.addAll(List.of("data.split.dir=" + work.resolve("splits"), "rec.output.dir=" + work.resolve("run"),
                "dfs.result.dir=" + work.resolve("result")));
        if (mainClass.equals("org.uclr.cli.Main")) {
            all.removeIf(k -> k.startsWith("dfs."));
        }
        for (String kv : all) {
            cmd.add("-D");
            cmd.add(kv);
        }
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(mainClass + " did not finish in 10 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out).strip(), Files.readString(err));
    }
}
