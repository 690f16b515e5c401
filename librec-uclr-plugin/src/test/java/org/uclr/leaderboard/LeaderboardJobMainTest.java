package org.uclr.leaderboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.UclrException;
import org.uclr.testing.TinyJobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a launched job's JVM runs: the job of the leaderboard it is named, exactly as the local runner would. */
class LeaderboardJobMainTest {
    @TempDir
    Path tmp;

    private Path leaderboard() throws IOException {
        String fast = "rec.recommender.class=org.uclr.model.bprmf.BPRMFRecommender\nrec.device=cpu\nrec.threads=1\n"
                + "bprmf.factors=8\nbprmf.batch.size=512\nbprmf.epochs.max=1\n";
        Files.writeString(tmp.resolve("bprmf.properties"), fast + "bprmf.mode=per-domain\n");
        Files.writeString(tmp.resolve("bprmf-global.properties"), fast + "bprmf.mode=global\n");
        Path file = tmp.resolve("leaderboard.properties");
        Files.writeString(file, String.join("\n", "leaderboard.models=bprmf.properties,bprmf-global.properties",
                "leaderboard.seeds=1,2", "leaderboard.metrics=HR@10", "data.source=synthetic",
                "data.synthetic.scale=0.05", "data.split.dir=" + tmp.resolve("splits"), ""));
        return file;
    }

    @Test
    void theNamedJobIsTheOneOfThatRunAndSeed() throws IOException {
        LeaderboardPlan plan = LeaderboardPlan.of(LeaderboardConfig.read(leaderboard(), List.of()));
        assertEquals("bprmf-global seed 2", LeaderboardJobMain.find(plan, "bprmf-global", 2).label());
        assertEquals("bprmf seed 2", LeaderboardJobMain.find(plan, "bprmf", 2).label());
        UclrException e = assertThrows(UclrException.class, () -> LeaderboardJobMain.find(plan, "bprmf", 3));
        assertEquals("the leaderboard has no job bprmf seed 3 (its jobs: bprmf seed 1, bprmf-global seed 1, "
                + "bprmf seed 2, bprmf-global seed 2); did its files change after the leaderboard was planned?", e.getMessage());
    }

    @Test
    void itRunsTheJobAsTheLocalRunnerWithTheSameOverrides() throws IOException {
        Path file = leaderboard();
        List<String> overrides = List.of("leaderboard.output.root=" + tmp.resolve("child"), "bprmf.learn.rate=0.02");
        List<String> args = new java.util.ArrayList<>(List.of(file.toString(), "bprmf", "2"));
        args.addAll(overrides);
        assertEquals(0, LeaderboardJobMain.run(args.toArray(String[]::new)));
        Path run = tmp.resolve("child/runs/synthetic-small-x0.05/bprmf/seed-2");
        assertTrue(Files.isRegularFile(run.resolve("results.json")));
        assertFalse(Files.exists(tmp.resolve("child/runs/synthetic-small-x0.05/bprmf/seed-1")), "only the named job");
        assertEquals("0.02", TinyJobs.results(run).getAsJsonObject("configuration").get("bprmf.learn.rate").getAsString());
        assertEquals("2", TinyJobs.results(run).getAsJsonObject("configuration").get("rec.random.seed").getAsString());

        // the same job through the local runner has the same metrics, to the bit
        new LeaderboardRunner(LeaderboardConfig.read(file, List.of("leaderboard.output.root=" + tmp.resolve("local"),
                "bprmf.learn.rate=0.02", "leaderboard.models=bprmf.properties", "leaderboard.seeds=2"))).run();
        assertEquals(TinyJobs.results(tmp.resolve("local/runs/synthetic-small-x0.05/bprmf/seed-2")).get("domains"),
                TinyJobs.results(run).get("domains"));
    }

    @Test
    void anErrorIsOneLineAndExitStatus2() {
        assertEquals(2, LeaderboardJobMain.run(new String[]{tmp.resolve("none.properties").toString(), "bprmf", "1"}));
        assertEquals(2, LeaderboardJobMain.run(new String[]{"too-few"}));
    }
}
