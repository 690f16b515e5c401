package org.uclr.leaderboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.UclrException;
import org.uclr.config.ConfigException;
import org.uclr.config.PropertiesSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaderboardConfigTest {
    @TempDir
    Path tmp;

    private Path write(String name, String... lines) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    private Path douban() throws IOException {
        return write("bprmf-douban.properties", "rec.recommender.class=bprmf", "rec.random.seed=1",
                "rec.output.dir=somewhere", "data.source=files", "data.domains=books,music",
                "data.domain.books.path=b.tsv", "data.domain.music.path=m.tsv", "bprmf.factors=128");
    }

    @Test
    void theLeaderboardsDataKeysReplaceTheModelsAndTheSeedIsSet() throws IOException {
        douban();
        Path lb = write("lb.properties", "leaderboard.models=bprmf-douban.properties", "leaderboard.seeds=3,4",
                "data.source=synthetic", "data.synthetic.preset=amazon", "bprmf.factors=64");
        LeaderboardConfig c = LeaderboardConfig.read(lb, List.of("bprmf.epochs.max=7"));
        assertEquals(List.of(3L, 4L), c.seeds());
        PropertiesSource job = c.jobSource(c.modelFiles().get(0), 4);
        assertEquals("synthetic", job.values().get("data.source"));
        assertEquals("amazon", job.values().get("data.synthetic.preset"));
        assertFalse(job.values().containsKey("data.domains"), "the model's own dataset keys are dropped");
        assertFalse(job.values().containsKey("rec.output.dir"), "the leaderboard decides where runs go");
        assertEquals("64", job.values().get("bprmf.factors"));
        assertEquals("7", job.values().get("bprmf.epochs.max"));
        assertEquals("4", job.values().get("rec.random.seed"));
        assertFalse(job.values().keySet().stream().anyMatch(k -> k.startsWith("leaderboard.")));
    }

    @Test
    void withoutDataKeysTheModelsOwnDatasetIsUsed() throws IOException {
        douban();
        Path lb = write("lb.properties", "leaderboard.models=bprmf-douban.properties");
        LeaderboardConfig c = LeaderboardConfig.read(lb, List.of());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), c.seeds());
        assertEquals("books,music", c.jobSource(c.modelFiles().get(0), 1).values().get("data.domains"));
    }

    @Test
    void aMistypedLeaderboardKeyIsAnErrorWithASuggestion() throws IOException {
        douban();
        Path lb = write("lb.properties", "leaderboard.models=bprmf-douban.properties", "leaderboard.seed=1,2");
        ConfigException e = assertThrows(ConfigException.class, () -> LeaderboardConfig.read(lb, List.of()));
        assertTrue(e.getMessage().contains("lb.properties:2: unknown key 'leaderboard.seed'; did you mean 'leaderboard.seeds'?"),
                e.getMessage());
    }

    @Test
    void aMissingModelFileSaysWhereItWasLookedFor() throws IOException {
        Path lb = write("lb.properties", "leaderboard.models=nope.properties");
        UclrException e = assertThrows(UclrException.class, () -> LeaderboardConfig.read(lb, List.of()));
        assertTrue(e.getMessage().startsWith(lb + ":1: leaderboard.models names 'nope.properties', which does not exist"),
                e.getMessage());
    }

    @Test
    void twoModelFilesProducingTheSameRunAreRejected() throws IOException {
        write("a.properties", "rec.recommender.class=bprmf", "bprmf.factors=8");
        write("b.properties", "rec.recommender.class=bprmf", "bprmf.factors=16");
        Path lb = write("lb.properties", "leaderboard.models=a.properties,b.properties", "data.source=synthetic",
                "leaderboard.output.root=" + tmp);
        UclrException e = assertThrows(UclrException.class, () -> LeaderboardPlan.of(LeaderboardConfig.read(lb, List.of())));
        assertTrue(e.getMessage().contains("both produce run 'bprmf'"), e.getMessage());
        assertTrue(e.getMessage().contains("set rec.run.name in one of them"), e.getMessage());
    }

    @Test
    void aRunNameSetsTheRowAndTheRunDirectory() throws IOException {
        write("a.properties", "rec.recommender.class=bprmf", "bprmf.factors=8");
        write("b.properties", "rec.recommender.class=bprmf", "bprmf.factors=16", "rec.run.name=bprmf-16");
        Path lb = write("lb.properties", "leaderboard.models=a.properties,b.properties", "leaderboard.seeds=3",
                "data.source=synthetic", "data.synthetic.preset=amazon", "leaderboard.output.root=out");
        LeaderboardPlan plan = LeaderboardPlan.of(LeaderboardConfig.read(lb, List.of()));
        assertEquals(List.of("bprmf", "bprmf-16"), plan.models());
        assertEquals(Path.of("out/runs/synthetic-amazon/bprmf-16/seed-3"), plan.jobs().get(1).plan().outputDir());
    }

    @Test
    void aRunNameThatIsNotAFileNameIsRefusedNamingTheKey() throws IOException {
        write("a.properties", "rec.recommender.class=bprmf", "rec.run.name=../elsewhere");
        Path lb = write("lb.properties", "leaderboard.models=a.properties", "data.source=synthetic",
                "leaderboard.output.root=out");
        UclrException e = assertThrows(UclrException.class, () -> LeaderboardPlan.of(LeaderboardConfig.read(lb, List.of())));
        assertTrue(e.getMessage().contains("rec.run.name"), e.getMessage());
        assertTrue(e.getMessage().contains("../elsewhere"), e.getMessage());
    }

    @Test
    void jobsGoToTheStandardRunDirectoryUnderTheOutputRoot() throws IOException {
        write("a.properties", "rec.recommender.class=bprmf", "bprmf.mode=global");
        Path lb = write("lb.properties", "leaderboard.models=a.properties", "leaderboard.seeds=2",
                "data.source=synthetic", "data.synthetic.preset=amazon", "leaderboard.output.root=out");
        LeaderboardPlan plan = LeaderboardPlan.of(LeaderboardConfig.read(lb, List.of()));
        assertEquals("synthetic-amazon", plan.dataset());
        assertEquals(Path.of("out/runs/synthetic-amazon/bprmf-global/seed-2"), plan.jobs().get(0).plan().outputDir());
    }

    @Test
    void jobsRunSeedBySeedSoAnInterruptedLeaderboardHasWholeSeeds() throws IOException {
        write("a.properties", "rec.recommender.class=bprmf", "bprmf.mode=global");
        write("b.properties", "rec.recommender.class=bprmf", "bprmf.mode=per-domain");
        Path lb = write("lb.properties", "leaderboard.models=a.properties,b.properties", "leaderboard.seeds=2,1",
                "data.source=synthetic", "leaderboard.output.root=" + tmp);
        LeaderboardPlan plan = LeaderboardPlan.of(LeaderboardConfig.read(lb, List.of()));
        assertEquals(List.of("bprmf-global seed 2", "bprmf seed 2", "bprmf-global seed 1", "bprmf seed 1"),
                plan.jobs().stream().map(LeaderboardJob::label).toList());
        assertEquals(List.of("bprmf-global", "bprmf"), plan.models());
    }
}
