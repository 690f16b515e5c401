package org.uclr.leaderboard.spark;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.UclrException;
import org.uclr.leaderboard.JobExecutor;
import org.uclr.leaderboard.JobLauncher;
import org.uclr.leaderboard.LeaderboardJob;
import org.uclr.leaderboard.LeaderboardRunner;
import org.uclr.leaderboard.TinyLeaderboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spark executor on a local[2] master (two tasks at a time in this JVM's Spark, each job in a JVM of its own). */
class SparkLeaderboardTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void loopbackOnly() {
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        System.setProperty("spark.ui.enabled", "false");
    }

    @AfterAll
    static void clear() {
        System.clearProperty("spark.driver.host");
        System.clearProperty("spark.driver.bindAddress");
        System.clearProperty("spark.ui.enabled");
    }

    private static List<String> labels(List<LeaderboardJob> jobs) {
        return jobs.stream().map(LeaderboardJob::label).sorted().toList();
    }

    @Test
    void sparkWritesTheReportOfTheLocalRunnerBitForBit() {
        TinyLeaderboard lb = new TinyLeaderboard(tmp);
        LeaderboardRunner.Outcome local = lb.run(tmp.resolve("local"));
        LeaderboardRunner.Outcome spark = lb.run(tmp.resolve("spark"), "leaderboard.executor=spark",
                "leaderboard.spark.master=local[2]");
        assertEquals(4, local.trained().size());
        assertEquals(labels(local.trained()), labels(spark.trained()));
        assertEquals(List.of(), spark.failed());
        TinyLeaderboard.assertSameReport(tmp.resolve("local"), tmp.resolve("spark"));
        assertTrue(Files.isRegularFile(TinyLeaderboard.runDir(tmp.resolve("spark"), "bprmf", 2).resolve(JobLauncher.LOG_FILE)));

        // resume: every run is reused, Spark is not even started
        LeaderboardRunner.Outcome again = lb.run(tmp.resolve("spark"), "leaderboard.executor=spark",
                "leaderboard.spark.master=local[2]");
        assertEquals(List.of(), again.trained());
        assertEquals(4, again.reused().size());
    }

    @Test
    void aMasterSparkCannotUseIsAnErrorNamingTheKeyBeforeAnyJobRuns() {
        TinyLeaderboard lb = new TinyLeaderboard(tmp);
        UclrException e = assertThrows(UclrException.class, () -> lb.run(tmp.resolve("spark"),
                "leaderboard.executor=spark", "leaderboard.spark.master=nosuch://host"));
        assertTrue(e.getMessage().startsWith("-D: Spark could not start on master 'nosuch://host': "), e.getMessage());
        e = assertThrows(UclrException.class, () -> lb.run(tmp.resolve("spark"), "leaderboard.executor=spark"));
        assertTrue(e.getMessage().startsWith("leaderboard.executor=spark needs a master"), e.getMessage());
        assertFalse(Files.exists(TinyLeaderboard.runDir(tmp.resolve("spark"), "bprmf", 1).resolve("results.json")));
    }

    @Test
    void aJobThatKeepsFailingIsReportedWithItsLogAndTheOthersAreKept() {
        // the third model's jobs plan fine but fail when they run: the saved model they load does not exist
        TinyLeaderboard lb = new TinyLeaderboard(tmp, "rec.recommender.class=org.uclr.model.uclr.UCLRRecommender",
                "rec.device=cpu", "rec.threads=1", "rec.model.load=" + tmp.resolve("no-such-model"));
        LeaderboardRunner.Outcome out = lb.run(tmp.resolve("spark"), "leaderboard.executor=spark",
                "leaderboard.spark.master=local[2,2]");
        assertEquals(List.of("bprmf seed 1", "bprmf seed 2", "bprmf-global seed 1", "bprmf-global seed 2"),
                labels(out.trained()));
        assertEquals(2, out.failed().size());
        for (JobExecutor.Failure f : out.failed()) {
            assertEquals(tmp.resolve("extra.properties"), f.job().modelFile());
            assertEquals(2, f.attempts(), "local[2,2]: Spark tried twice");
            assertTrue(f.reason().startsWith("error: ") && f.reason().contains("no-such-model"), f.reason());
            String log = TinyLeaderboard.read(f.log());
            assertEquals(2, log.lines().filter(l -> l.startsWith("=== " + f.job().label() + ": attempt ")).count(), log);
            assertTrue(log.contains("no-such-model"), log);
        }
        for (String model : List.of("bprmf", "bprmf-global")) {
            for (int seed : List.of(1, 2)) {
                assertTrue(Files.isRegularFile(TinyLeaderboard.runDir(tmp.resolve("spark"), model, seed).resolve("results.json")));
            }
        }
        String md = TinyLeaderboard.read(tmp.resolve("spark").resolve(TinyLeaderboard.DATASET).resolve("leaderboard.md"));
        assertTrue(md.contains("Missing runs"), md);
        UclrException e = assertThrows(UclrException.class, out::requireNoFailures);
        assertTrue(e.getMessage().startsWith("2 of 6 jobs failed"), e.getMessage());
        String seed2Log = out.failed().stream().filter(f -> f.job().seed() == 2).findFirst().orElseThrow().log().toString();
        assertTrue(e.getMessage().contains(seed2Log), e.getMessage());
    }
}
