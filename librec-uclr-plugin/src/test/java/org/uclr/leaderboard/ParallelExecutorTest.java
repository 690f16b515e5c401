package org.uclr.leaderboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.config.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ParallelExecutor}'s scheduling, failures and progress with a stand-in for java: a shell script that
 * logs when it starts and ends, sleeps, and exits with a status chosen by its seed. No JVM, no training.
 */
class ParallelExecutorTest {
    @TempDir
    Path tmp;

    /**
     * A "java" that appends + and - lines to {@code events} around a sleep of 1 s; its 6th argument is the
     * seed (java -cp CP MAIN FILE RUN SEED), and seed 2 exits with status 3 after an "error:" line.
     */
    private JobLauncher fakeJava(Path events) throws IOException {
        Path script = tmp.resolve("fake-java");
        Files.writeString(script, String.join("\n", "#!/bin/sh",
                "echo \"+ $5 $6\" >> '" + events + "'",
                "sleep 1",
                "echo \"- $5 $6\" >> '" + events + "'",
                "if [ \"$6\" = 2 ]; then echo 'error: seed 2 is cursed'; exit 3; fi",
                "exit 0", ""));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new JobLauncher(script.toString(), "no-classpath", List.of(), Map.of(), tmp.toString(),
                tmp.resolve("leaderboard.properties").toString(), List.of());
    }

    private List<LeaderboardJob> jobs(String seeds) {
        TinyLeaderboard lb = new TinyLeaderboard(tmp);
        return LeaderboardPlan.of(LeaderboardConfig.read(lb.file,
                List.of("leaderboard.seeds=" + seeds, "leaderboard.output.root=" + tmp.resolve("out")))).jobs();
    }

    /** The most jobs running at once, from the + and - lines. */
    private static int mostAtOnce(List<String> events) {
        int running = 0;
        int most = 0;
        for (String e : events) {
            running += e.startsWith("+") ? 1 : -1;
            most = Math.max(most, running);
        }
        return most;
    }

    @Test
    void upToNJobsRunAtOnceAndAFailedJobDoesNotStopTheOthers() throws IOException {
        Path events = tmp.resolve("events");
        List<LeaderboardJob> jobs = jobs("1,2,3"); // 6 jobs, both of seed 2 fail
        List<JobExecutor.Failure> failed = new ParallelExecutor(fakeJava(events), 2).run(jobs, new JobProgress(6, 0));

        List<String> lines = Files.readAllLines(events);
        assertEquals(12, lines.size(), "every job started and ended: " + lines);
        assertEquals(2, mostAtOnce(lines), "two slots, six jobs of 1 s: " + lines);
        assertEquals(List.of("bprmf seed 2", "bprmf-global seed 2"),
                failed.stream().map(f -> f.job().label()).toList(), "in the plan's order");
        for (JobExecutor.Failure f : failed) {
            assertEquals(1, f.attempts());
            assertEquals("error: seed 2 is cursed (exit status 3)", f.reason());
            assertEquals(f.job().plan().outputDir().toAbsolutePath().resolve(JobLauncher.LOG_FILE), f.log());
            assertTrue(Files.readString(f.log()).contains("error: seed 2 is cursed"));
        }
    }

    @Test
    void theEtaDividesTheJobsLeftAmongTheSlots() throws IOException {
        JobProgress progress = new JobProgress(8, 0);
        List<JobExecutor.Failure> failed = new ParallelExecutor(fakeJava(tmp.resolve("events")), 2)
                .run(jobs("1,3"), progress); // 4 jobs done, 4 left
        assertEquals(List.of(), failed);
        double twoSlots = progress.etaSeconds(); // 2 rounds of the mean job
        progress.slots(1);
        assertEquals(progress.etaSeconds() / 2, twoSlots, 1e-9, "4 jobs left in 2 rounds of 2, not 4 rounds");
    }

    @Test
    void oneJobAtATimeStaysInThisJvmAndMoreGoToJvmsOfTheirOwn() {
        TinyLeaderboard lb = new TinyLeaderboard(tmp);
        assertInstanceOf(LocalExecutor.class, new LeaderboardRunner(LeaderboardConfig.read(lb.file, List.of())).executor());
        JobExecutor three = new LeaderboardRunner(LeaderboardConfig.read(lb.file, List.of("leaderboard.parallel=3")))
                .executor();
        assertEquals(3, assertInstanceOf(ParallelExecutor.class, three).slots());
        assertThrows(IllegalArgumentException.class, () -> new ParallelExecutor(JobLauncher.of(
                LeaderboardConfig.read(lb.file, List.of())), 1));
    }

    @Test
    void parallelBelowOneIsAnErrorNamingTheKeyAndItsRange() {
        TinyLeaderboard lb = new TinyLeaderboard(tmp);
        ConfigException e = assertThrows(ConfigException.class,
                () -> LeaderboardConfig.read(lb.file, List.of("leaderboard.parallel=0")));
        assertTrue(e.getMessage().contains("leaderboard.parallel") && e.getMessage().contains("[1, 256]"), e.getMessage());
    }
}
