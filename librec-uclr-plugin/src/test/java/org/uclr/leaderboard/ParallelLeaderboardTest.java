package org.uclr.leaderboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.UclrException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code leaderboard.parallel=2} end to end: real jobs, two at a time, each in a JVM of its own started by
 * {@link JobLauncher} from this (surefire's) JVM, against the same leaderboard one job at a time in this JVM.
 */
class ParallelLeaderboardTest {
    @TempDir
    Path tmp;

    private static List<String> labels(List<LeaderboardJob> jobs) {
        return jobs.stream().map(LeaderboardJob::label).sorted().toList();
    }

    @Test
    void twoJobsAtATimeWriteTheReportOfOneAtATimeBitForBit() {
        TinyLeaderboard lb = new TinyLeaderboard(tmp);
        LeaderboardRunner.Outcome one = lb.run(tmp.resolve("one"));
        LeaderboardRunner.Outcome two = lb.run(tmp.resolve("two"), "leaderboard.parallel=2");
        assertEquals(4, one.trained().size());
        assertEquals(labels(one.trained()), labels(two.trained()));
        assertEquals(List.of(), two.failed());
        TinyLeaderboard.assertSameReport(tmp.resolve("one"), tmp.resolve("two"));
        // the jobs of parallel=2 ran in JVMs of their own (their output is in job.log), those of parallel=1 did not
        for (String model : List.of("bprmf", "bprmf-global")) {
            for (int seed : List.of(1, 2)) {
                assertTrue(Files.isRegularFile(TinyLeaderboard.runDir(tmp.resolve("two"), model, seed)
                        .resolve(JobLauncher.LOG_FILE)), model + " seed " + seed);
                assertFalse(Files.exists(TinyLeaderboard.runDir(tmp.resolve("one"), model, seed)
                        .resolve(JobLauncher.LOG_FILE)), model + " seed " + seed);
            }
        }
        // resume: every run is reused, no JVM is started
        LeaderboardRunner.Outcome again = lb.run(tmp.resolve("two"), "leaderboard.parallel=2");
        assertEquals(List.of(), again.trained());
        assertEquals(4, again.reused().size());
    }

    @Test
    void aJobThatFailsInItsJvmIsReportedWithItsLogWhileTheOthersFinish() {
        // the third model's job plans fine but fails when it runs: the saved model it loads does not exist
        TinyLeaderboard lb = new TinyLeaderboard(tmp, "rec.recommender.class=org.uclr.model.uclr.UCLRRecommender",
                "rec.device=cpu", "rec.threads=1", "rec.model.load=" + tmp.resolve("no-such-model"));
        Path out = tmp.resolve("two");
        LeaderboardRunner.Outcome outcome = lb.run(out, "leaderboard.parallel=2", "leaderboard.seeds=1");
        assertEquals(List.of("bprmf seed 1", "bprmf-global seed 1"), labels(outcome.trained()));
        assertEquals(1, outcome.failed().size());
        JobExecutor.Failure f = outcome.failed().get(0);
        assertEquals(tmp.resolve("extra.properties"), f.job().modelFile());
        assertEquals(1, f.attempts());
        assertTrue(f.reason().startsWith("error: ") && f.reason().contains("no-such-model"), f.reason());
        assertEquals(f.job().plan().outputDir().toAbsolutePath().resolve(JobLauncher.LOG_FILE), f.log());
        assertTrue(TinyLeaderboard.read(f.log()).contains("no-such-model"));
        for (String model : List.of("bprmf", "bprmf-global")) {
            assertTrue(Files.isRegularFile(TinyLeaderboard.runDir(out, model, 1).resolve("results.json")), model);
        }
        String md = TinyLeaderboard.read(out.resolve(TinyLeaderboard.DATASET).resolve("leaderboard.md"));
        assertTrue(md.contains("Missing runs"), md);
        UclrException e = assertThrows(UclrException.class, outcome::requireNoFailures);
        assertTrue(e.getMessage().startsWith("1 of 3 jobs failed") && e.getMessage().contains(f.log().toString()),
                e.getMessage());

        // the finished runs are kept: a rerun would only retry the failed job
        LeaderboardRunner.Outcome rerun = lb.run(out, "leaderboard.parallel=2", "leaderboard.seeds=1",
                "leaderboard.train=false");
        assertEquals(List.of("bprmf seed 1", "bprmf-global seed 1"), labels(rerun.reused()));
        assertEquals(List.of(f.job().label()), labels(rerun.missing()));
    }
}
