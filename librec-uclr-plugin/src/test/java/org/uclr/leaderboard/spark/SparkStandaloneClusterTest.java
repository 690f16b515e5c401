package org.uclr.leaderboard.spark;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.leaderboard.LeaderboardRunner;
import org.uclr.leaderboard.TinyLeaderboard;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The acceptance test: a real standalone master and two one-core workers on 127.0.0.1, each a
 * JVM started from the Maven jars; the tiny leaderboard through it has the local runner's report.
 */
class SparkStandaloneClusterTest {
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

    @Test
    void aStandaloneClusterWritesTheReportOfTheLocalRunnerBitForBit() throws Exception {
        TinyLeaderboard lb = new TinyLeaderboard(tmp);
        LeaderboardRunner.Outcome local = lb.run(tmp.resolve("local"));
        try (StandaloneCluster cluster = new StandaloneCluster(tmp.resolve("cluster"), 2)) {
            long t0 = System.nanoTime();
            LeaderboardRunner.Outcome spark = lb.run(tmp.resolve("spark"), "leaderboard.executor=spark",
                    "leaderboard.spark.master=" + cluster.masterUrl);
            System.out.printf("standalone cluster (%s, 2 workers x 1 core): %d jobs in %.1f s%n", cluster.masterUrl,
                    spark.trained().size(), (System.nanoTime() - t0) / 1e9);
            assertEquals(List.of(), spark.failed(), cluster.logs());
            assertEquals(local.trained().stream().map(j -> j.label()).sorted().toList(),
                    spark.trained().stream().map(j -> j.label()).sorted().toList());
            TinyLeaderboard.assertSameReport(tmp.resolve("local"), tmp.resolve("spark"));
        }
    }
}
