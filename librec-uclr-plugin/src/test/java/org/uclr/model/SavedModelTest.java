package org.uclr.model;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.UclrException;
import org.uclr.job.RecJob;
import org.uclr.testing.TinyJobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A saved model evaluates exactly as it did after training (rec.model.save, then rec.model.load), for
 * BPR-MF and UCLR (the baselines module tests its models); other data or another configuration is refused.
 */
class SavedModelTest {
    private static final String[] BPRMF = {"rec.recommender.class=bprmf", "bprmf.factors=16", "bprmf.batch.size=256",
            "bprmf.learn.rate=0.01", "bprmf.epochs.max=5"};
    /** UCLR small enough for seconds; on this data seed 1 keeps pge, autoencoder and finetune in different domains. */
    private static final String[] UCLR = {"rec.recommender.class=uclr", "bprmf.factors=16", "bprmf.batch.size=256",
            "bprmf.learn.rate=0.01", "bprmf.epochs.max=5", "uclr.epochs.max=4", "uclr.finetune.epochs.max=3",
            "uclr.hidden=16,8", "uclr.batch.size=64"};

    @TempDir
    Path dir;

    @Test
    void bprmfPerDomain() {
        TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir, BPRMF);
    }

    @Test
    void bprmfGlobal() {
        TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir, with(BPRMF, "bprmf.mode=global"));
    }

    @Test
    void uclrWithTheStageEachDomainKept() {
        JsonObject loaded = TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir, UCLR);
        // the run this test depends on: every stage is some domain's choice, so each is saved and rebuilt
        assertEquals(List.of("autoencoder", "finetune"), loaded.getAsJsonObject("scores_from").entrySet().stream()
                .map(e -> e.getValue().getAsString()).distinct().sorted().toList());
    }

    @Test
    void uclrWithDomainsThatKeptTheSharedStageOne() {
        JsonObject stageOne = TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir.resolve("a"), with(UCLR,
                "bprmf.user.offsets=true", "uclr.pge.shared.candidate=true", "uclr.variant=pge"));
        // the run this test depends on: one domain kept each stage-1 model, so both are saved and rebuilt
        assertEquals(List.of("pge", "pge-shared"), stageOne.getAsJsonObject("scores_from").entrySet().stream()
                .map(e -> e.getValue().getAsString()).distinct().sorted().toList());
        TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir.resolve("b"), with(UCLR,
                "bprmf.user.offsets=true", "uclr.pge.shared.candidate=true"));
    }

    @Test
    void uclrWithDomainsThatKeptTheirOwnStageOne() {
        JsonObject stageOne = TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir.resolve("a"), with(UCLR,
                "uclr.domain.model=stage1", "uclr.variant=pge"));
        // the run this test depends on: a domain kept the backbone trained on it alone, so it is saved and rebuilt
        assertTrue(stageOne.getAsJsonObject("scores_from").toString().contains("pge-domain"), stageOne.toString());
        TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir.resolve("b"), with(UCLR, "uclr.domain.model=stage1"));
    }

    @Test
    void uclrWithDomainsRoutedByActivity() {
        // a grid without infinity routes every domain (users with more than 1 interaction: their domain's own model)
        JsonObject routed = TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir, with(UCLR, "uclr.domain.model=route",
                "uclr.route.grid=1"));
        JsonObject from = routed.getAsJsonObject("scores_from");
        assertTrue(from.entrySet().stream().allMatch(e -> e.getValue().getAsString().endsWith("+own>1.0")), from.toString());
    }

    @Test
    void uclrWithDomainsRoutedToTheirFinetunedOwnModel() {
        JsonObject routed = TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir, with(UCLR, "uclr.domain.model=route",
                "uclr.route.grid=0", "uclr.route.finetune=true", "uclr.finetune.learn.rate=0.01", "uclr.finetune.epochs.max=4"));
        // the run this test depends on: some domain kept the finetune of its own model, so it is saved and rebuilt
        assertTrue(routed.getAsJsonObject("scores_from").toString().contains("+own-finetune>0.0"), routed.toString());
    }

    @Test
    void uclrOnTheLightGcnBackboneAndThePgeAeAblation() {
        JsonObject lightgcn = TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir.resolve("a"), "rec.recommender.class=uclr",
                "uclr.backbone=lightgcn", "lightgcn.factors=16", "lightgcn.batch.size=256", "lightgcn.learn.rate=0.01",
                "lightgcn.epochs.max=4", "uclr.epochs.max=4", "uclr.finetune.epochs.max=3", "uclr.hidden=16,8",
                "uclr.batch.size=64");
        assertTrue(lightgcn.getAsJsonObject("scores_from").toString().contains("pge"), lightgcn.toString());
        TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir.resolve("b"), with(UCLR, "uclr.variant=pge-ae"));
    }

    @Test
    void aModelSavedWithAnotherConfigurationIsRefusedWithOneLine() {
        new RecJob(TinyJobs.source(dir, "saved", with(BPRMF, "rec.model.save=true"))).run();
        UclrException e = assertThrows(UclrException.class, () -> new RecJob(TinyJobs.source(dir, "loaded",
                with(BPRMF, "bprmf.factors=32", "rec.model.load=" + dir.resolve("saved")))).run());
        assertTrue(e.getMessage().contains("trained with another configuration (bprmf.factors: 16 -> 32)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Files.exists(dir.resolve("loaded")), "nothing written");

        // evaluation keys are not part of the model: another protocol or list length loads
        new RecJob(TinyJobs.source(dir, "loaded", with(BPRMF, "rec.eval.protocol=full", "rec.eval.topn=5",
                "rec.recommender.ranking.topn=3", "rec.model.load=" + dir.resolve("saved")))).run();
        assertTrue(Files.isRegularFile(dir.resolve("loaded/results.json")));
    }

    @Test
    void aModelSavedForOtherDataIsRefusedWithOneLine() throws IOException {
        Path books = dir.resolve("books.tsv");
        Files.writeString(books, "user\titem\trating\n" + ratings(0));
        String[] files = with(BPRMF, "data.source=files", "data.domains=books", "data.domain.books.path=" + books,
                "data.eval.negatives=5", "rec.eval.topn=1,5");
        new RecJob(TinyJobs.source(dir, "saved", with(files, "rec.model.save=true"))).run();
        Files.writeString(books, "user\titem\trating\n" + ratings(1)); // same path and keys, other interactions
        UclrException e = assertThrows(UclrException.class, () -> new RecJob(TinyJobs.source(dir, "loaded",
                with(files, "rec.model.load=" + dir.resolve("saved")))).run());
        assertTrue(e.getMessage().contains("the model was trained on other data"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void theSameDataUnderAnotherPathOrNameLoads() throws IOException {
        Path books = dir.resolve("books.tsv");
        Files.writeString(books, "user\titem\trating\n" + ratings(0));
        String[] files = with(BPRMF, "data.source=files", "data.domains=books", "data.eval.negatives=5", "rec.eval.topn=1,5");
        new RecJob(TinyJobs.source(dir, "saved", with(files, "data.domain.books.path=" + books, "rec.model.save=true"))).run();
        Path moved = Files.move(books, dir.resolve("moved.tsv"));
        new RecJob(TinyJobs.source(dir, "loaded", with(files, "data.domain.books.path=" + moved, "data.name=renamed",
                "rec.model.load=" + dir.resolve("saved")))).run();
        assertEquals(TinyJobs.results(dir.resolve("saved")).get("domains"), TinyJobs.results(dir.resolve("loaded")).get("domains"));
    }

    /** 30 users x 4 of 20 items; {@code shift} moves every user's items. */
    private static String ratings(int shift) {
        StringBuilder sb = new StringBuilder();
        for (int u = 0; u < 30; u++) {
            for (int k = 0; k < 4; k++) {
                sb.append("u").append(u).append("\ti").append((u + 5 * k + shift) % 20).append("\t5\n");
            }
        }
        return sb.toString();
    }

    @Test
    void loadingFromAFolderWithoutAModelOrIntoItIsRefused() {
        UclrException none = assertThrows(UclrException.class, () -> new RecJob(TinyJobs.source(dir, "loaded",
                with(BPRMF, "rec.model.load=" + dir.resolve("nothing")))).run());
        assertTrue(none.getMessage().contains("no saved model there"), none.getMessage());
        new RecJob(TinyJobs.source(dir, "saved", with(BPRMF, "rec.model.save=true"))).run();
        UclrException into = assertThrows(UclrException.class, () -> new RecJob(TinyJobs.source(dir, "saved",
                with(BPRMF, "rec.model.load=" + dir.resolve("saved")))).run());
        assertTrue(into.getMessage().contains("is the directory rec.model.load reads"), into.getMessage());
    }

    @Test
    void aRunWithoutSavingRemovesAnEarlierRunsModelSoTheyNeverDisagree() {
        new RecJob(TinyJobs.source(dir, "out", with(BPRMF, "rec.model.save=true"))).run();
        assertTrue(Files.isRegularFile(dir.resolve("out/model/model.json")));
        new RecJob(TinyJobs.source(dir, "out", with(BPRMF, "rec.random.seed=2"))).run();
        assertFalse(Files.exists(dir.resolve("out/model")));
    }

    static String[] with(String[] base, String... more) {
        String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }
}
