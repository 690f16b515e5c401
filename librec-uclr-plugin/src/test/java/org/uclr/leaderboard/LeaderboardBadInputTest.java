package org.uclr.leaderboard;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code librec leaderboard} with inputs of issue 10: each fails before any job trains, as one line
 * with exit status 2, and leaves no run, split or report file behind.
 */
class LeaderboardBadInputTest {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path tmp;
    private Path leaderboard;

    @BeforeEach
    void writeConfigs() throws IOException {
        Files.writeString(tmp.resolve("bprmf.properties"), String.join("\n",
                "rec.recommender.class=org.uclr.model.bprmf.BPRMFRecommender", "rec.device=cpu", "bprmf.factors=8",
                "bprmf.epochs.max=1", ""));
        leaderboard = tmp.resolve("leaderboard.properties");
        Files.writeString(leaderboard, String.join("\n",
                "leaderboard.models=bprmf.properties",
                "leaderboard.seeds=1",
                "leaderboard.metrics=HR@10,NDCG@10",
                "leaderboard.output.root=" + tmp.resolve("reports"),
                "data.source=synthetic",
                "data.synthetic.scale=0.05",
                "data.split.dir=" + tmp.resolve("splits"), ""));
    }

    private String rejected(String... overrides) throws IOException {
        List<String> args = new ArrayList<>(List.of("leaderboard", "-conf", leaderboard.toString()));
        for (String o : overrides) {
            args.add("-D");
            args.add(o);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, message);
        assertEquals(1, message.lines().count(), "one line: " + message);
        try (Stream<Path> files = Files.walk(tmp)) {
            List<String> written = files.filter(Files::isRegularFile).map(p -> tmp.relativize(p).toString())
                    .filter(p -> !p.endsWith(".properties") && !p.equals("taken")).toList();
            assertEquals(List.of(), written, "no run, split or report written");
        }
        return message.strip();
    }

    @Test
    void theSparkExecutorWithoutTheSparkBuildFailsBeforeAnyJobTrains() throws IOException {
        boolean sparkBuild;
        try {
            Class.forName("org.uclr.leaderboard.spark.SparkExecutor");
            sparkBuild = true;
        } catch (ClassNotFoundException e) {
            sparkBuild = false;
        }
        assumeTrue(!sparkBuild, "this build has the Spark executor (mvn -Pspark)");
        String message = rejected("leaderboard.executor=spark", "leaderboard.spark.master=local[2]");
        assertTrue(message.startsWith("error: -D: leaderboard.executor=spark needs the Spark build"),
                message);
        assertTrue(message.contains("mvn -Pspark -DskipTests package"), message);
    }

    @Test
    void anUnwritableReportDirectoryFailsBeforeAnyJobTrains() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        assertEquals("error: report directory /proc/x/synthetic-small-x0.05: cannot create /proc/x: No such file or "
                + "directory (set leaderboard.output.root)", rejected("leaderboard.output.root=/proc/x"));
    }

    @Test
    void aReportRootUnderAFileFailsBeforeAnyJobTrains() throws IOException {
        Files.writeString(tmp.resolve("taken"), "x");
        assertTrue(rejected("leaderboard.output.root=" + tmp.resolve("taken")).startsWith("error: report directory "
                + tmp.resolve("taken/synthetic-small-x0.05") + ": " + tmp.resolve("taken") + " is a file, not a directory"));
        Files.delete(tmp.resolve("taken"));
    }

    @Test
    void theFirstKeyAfterAByteOrderMarkIsRead() throws IOException {
        byte[] rest = Files.readAllBytes(leaderboard);
        byte[] first = "leaderboard.alpha=0.9\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[BOM.length + first.length + rest.length];
        System.arraycopy(BOM, 0, all, 0, BOM.length);
        System.arraycopy(first, 0, all, BOM.length, first.length);
        System.arraycopy(rest, 0, all, BOM.length + first.length, rest.length);
        Files.write(leaderboard, all);
        assertEquals("error: " + leaderboard + ":1: leaderboard.alpha=0.9 is out of range: expected a number in [1.0E-9, 0.5]",
                rejected());
    }

    @Test
    void aLeaderboardFileThatIsNotUtf8IsAnErrorAtItsLine() throws IOException {
        Files.write(leaderboard, "leaderboard.reference=ucl\u00e9\n".getBytes(StandardCharsets.ISO_8859_1),
                java.nio.file.StandardOpenOption.APPEND);
        assertTrue(rejected().startsWith("error: " + leaderboard + ":8: not valid UTF-8 (byte 0xE9 at byte 26 of the line"));
    }

    @Test
    void aRatingMetricFailsThePlanBeforeAnyJobTrains() throws IOException {
        assertTrue(rejected("rec.eval.classes=rmse").startsWith("error: -D: rec.eval.classes: 'rmse' "
                + "(net.librec.eval.rating.RMSEEvaluator) is a rating-prediction metric"));
    }

    @Test
    void aColumnNoJobComputesFailsBeforeAnyJobTrains() throws IOException {
        assertEquals("error: -D: leaderboard.metrics names NDCG@5, which bprmf seed 1 does not compute (it computes "
                        + "MRR@10,HR@10,NDCG@10,MRR@20,HR@20,NDCG@20; rec.eval.classes and rec.eval.topn decide)",
                rejected("leaderboard.metrics=NDCG@5"));
        assertTrue(rejected("rec.eval.enable=false").contains("(it computes none: rec.eval.enable=false;"));
    }

    @Test
    void relationsBetweenKeysOfTheSharedOverridesAreCheckedForEveryJobThatReadsThem() throws IOException {
        Files.writeString(tmp.resolve("uclr.properties"), String.join("\n",
                "rec.recommender.class=uclr", "rec.device=cpu", "bprmf.factors=8", "uclr.lora.rank=4", ""));
        assertTrue(rejected("leaderboard.models=bprmf.properties,uclr.properties", "uclr.tau.min=0.5", "uclr.tau.max=0.1")
                .startsWith("error: uclr.tau.min=0.5 (-D) is above uclr.tau.max=0.1 (-D)"));
    }
}
