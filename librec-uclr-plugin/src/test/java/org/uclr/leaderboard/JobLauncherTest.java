package org.uclr.leaderboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A leaderboard job in a JVM of its own: its command line, its log, and how its failure is told. */
class JobLauncherTest {
    @TempDir
    Path tmp;

    @Test
    void theChildIsStartedLikeThisJvmAndNamesItsJob() throws IOException {
        Path file = tmp.resolve("leaderboard.properties");
        Files.writeString(file, "leaderboard.models=bprmf.properties\n");
        Files.writeString(tmp.resolve("bprmf.properties"), "rec.recommender.class=org.uclr.model.bprmf.BPRMFRecommender\n");
        JobLauncher launcher = JobLauncher.of(LeaderboardConfig.read(file, List.of("rec.threads=1", "leaderboard.seeds=3")));
        List<String> cmd = launcher.command("bprmf", 3);
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), cmd.get(0));
        int cp = cmd.indexOf("-cp");
        assertEquals(System.getProperty("java.class.path"), cmd.get(cp + 1));
        assertEquals(List.of(LeaderboardJobMain.class.getName(), file.toString(), "bprmf", "3", "rec.threads=1",
                "leaderboard.seeds=3"), cmd.subList(cp + 2, cmd.size()));
        // surefire sets these without -D on a command line: the child must get them all the same
        assertTrue(cmd.contains("-Dai.djl.offline=" + System.getProperty("ai.djl.offline")), cmd.toString());
        assertTrue(cmd.contains("-Dai.djl.pytorch.num_threads=1"), cmd.toString());
        assertEquals(Path.of("").toAbsolutePath().toString(), launcher.workingDirectory());
    }

    @Test
    void aJobGetsThisJvmsMemoryCollectorAndModuleOptionsButNoAgentsOrRecordings() {
        List<String> given = List.of("-Xmx8g", "-Xms1g", "-Xss4m", "-XX:+UseSerialGC", "-XX:-UseG1GC",
                "-XX:+UseParallelGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-XX:StartFlightRecording=filename=a.jfr",
                "-XX:NativeMemoryTracking=summary", "-XX:+UseCompressedOops", "-agentlib:jdwp=transport=dt_socket,address=5005",
                "-javaagent:jacoco.jar", "-Dfoo=bar");
        assertEquals(List.of("-Xmx8g", "-Xms1g", "-Xss4m", "-XX:+UseSerialGC", "-XX:-UseG1GC", "-XX:+UseParallelGC",
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "--add-opens=java.base/java.nio=ALL-UNNAMED"), JobLauncher.forwardedOptions(given));
    }

    @Test
    void aFailedJobIsToldByItsLastErrorLineOfTheLastAttempt() throws Exception {
        Path log = tmp.resolve("job.log");
        Files.writeString(log, String.join("\n", "=== bprmf seed 1: attempt 1", "error: disk full",
                "=== bprmf seed 1: attempt 2", "12:00:00 INFO  RecJob - loading", "error: out of memory", "12:00:01 INFO done", ""));
        assertEquals("error: out of memory (exit status 2)", JobLauncher.reason(log, 2));
        Files.writeString(log, "=== attempt 3\nKilled\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals("exit status 137", JobLauncher.reason(log, 137), "not the error of an earlier attempt");
    }

    @Test
    void aJobThatFailsInItsJvmReportsItsErrorAndKeepsItsLog() throws Exception {
        // a real child JVM: the leaderboard file is gone by the time the job starts
        JobLauncher launcher = new JobLauncher(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"), List.of("-Xmx256m"), Map.of(), tmp.toString(),
                "missing.properties", List.of());
        Path log = tmp.resolve("run/job.log");
        JobLauncher.Result r = launcher.run("bprmf", 1, log, "bprmf seed 1: attempt 1");
        assertFalse(r.ok());
        assertEquals(2, r.exitCode());
        assertEquals("error: configuration file not found: missing.properties (exit status 2)", r.reason());
        String text = Files.readString(log);
        assertTrue(text.startsWith("=== bprmf seed 1: attempt 1\n"), text);
        assertTrue(text.contains("error: configuration file not found: missing.properties"), text);
    }
}
