package org.uclr.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.config.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchTest {
    private static final String MODEL = String.join("\n",
            "rec.recommender.class=org.uclr.model.bprmf.BPRMFRecommender",
            "rec.device=cpu",
            "bprmf.factors=8",
            "bprmf.batch.size=256",
            "bprmf.epochs.max=2",
            "bprmf.patience=100", "");

    @TempDir
    Path tmp;

    private Path benchFile(String... lines) throws IOException {
        Files.writeString(tmp.resolve("bprmf.properties"), MODEL);
        Path file = tmp.resolve("bench.properties");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void aModelLineIsItsFileAndItsOwnOverridesAfterTheSharedOnes() throws IOException {
        BenchConfig c = BenchConfig.read(benchFile(
                "bench.model.bprmf = bprmf.properties | bprmf.epochs.max=3 rec.threads=2",
                "rec.threads = 1",
                "data.source = synthetic"), List.of());
        assertEquals(List.of("bprmf"), c.modelNames());
        Map<String, String> job = c.jobSource("bprmf", List.of("rec.output.dir=/x")).values();
        assertEquals("3", job.get("bprmf.epochs.max"));
        assertEquals("2", job.get("rec.threads"), "the model's own override wins over the shared one");
        assertEquals("synthetic", job.get("data.source"));
        assertEquals("/x", job.get("rec.output.dir"));
        assertEquals("8", job.get("bprmf.factors"));
    }

    @Test
    void aReferenceThatIsNotAModelIsAnError() throws IOException {
        Path file = benchFile("bench.model.bprmf = bprmf.properties", "bench.reference = neumf");
        ConfigException e = assertThrows(ConfigException.class, () -> BenchConfig.read(file, List.of()));
        assertTrue(e.getMessage().contains("bench.reference=neumf is not one of the bench.model.* names [bprmf]"),
                e.getMessage());
    }

    @Test
    void aMisspelledModelOverrideIsCaughtBeforeAnythingRuns() throws IOException {
        BenchConfig c = BenchConfig.read(benchFile("bench.model.bprmf = bprmf.properties | bprmf.epoch.max=3"), List.of());
        ConfigException e = assertThrows(ConfigException.class, () -> c.jobSource("bprmf", List.of()));
        assertTrue(e.getMessage().contains("unknown key 'bprmf.epoch.max'; did you mean 'bprmf.epochs.max'?"),
                e.getMessage());
    }

    @Test
    void theTorchPeersEpochLinesAreReadPerDomain() {
        TorchPeer.Run run = TorchPeer.parse(List.of(
                "torch 1.13.0a0 threads 1 numpy 1.24.2 python 3.11.2",
                "training per-domain model: Books",
                "  [Books] ep   1 loss 0.6963 train 0.71s val Books 4.82 crit 4.82 *",
                "  [Books] ep   2 loss 0.6840 train 0.69s val Books 4.78 crit 4.78",
                "  [Music] ep   1 loss 0.6965 train 0.17s val Music 4.18 crit 4.18 *",
                "data prep 6.1 s; total 20.0 s; peak RSS 812 MiB"));
        assertTrue(run.ran());
        assertEquals("1.13.0a0", run.torch());
        assertEquals(1, run.threads());
        assertEquals(List.of(0.71, 0.69), run.epochSeconds().get("Books"));
        assertEquals(List.of(0.17), run.epochSeconds().get("Music"));
        assertEquals(812, run.peakRssMb());
        assertFalse(TorchPeer.parse(List.of("Traceback (most recent call last):")).ran());
    }

    @Test
    void aMissingPeerIsReportedNotFatal() {
        TorchPeer.Run run = TorchPeer.run("/nonexistent/python3 peer.py", tmp);
        assertFalse(run.ran());
        assertEquals("/nonexistent/python3 is not installed", run.reason());
    }

    /** The peer runs from the working directory, also given as Path.of("") (which, as is, no process can start in). */
    @Test
    void thePeerRunsFromTheWorkingDirectory() {
        TorchPeer.Run run = TorchPeer.run("/bin/echo [Books] ep 1 loss 0.5 train 0.25s", Path.of(""));
        assertTrue(run.ran(), String.valueOf(run.reason()));
        assertEquals(List.of(0.25), run.epochSeconds().get("Books"));
    }

    @Test
    void medianIgnoresMissingValues() {
        assertEquals(2.0, BenchResult.median(new double[]{3, Double.NaN, 1, 2}));
        assertEquals(2.5, BenchResult.median(new double[]{4, 1, 2, 3}));
        assertTrue(Double.isNaN(BenchResult.median(new double[]{Double.NaN})));
    }

    /**
     * End to end on small synthetic data: one round (our BPR-MF as a rec job and LibRec's BPR, each in its own
     * JVM; no PyTorch peer), the report with its ratio, steps per epoch ceil(train interactions / 256), and
     * every stage's 2 epochs as the job's results.json gives them.
     */
    @Test
    void aBenchmarkRunWritesTheComparisonAndEveryModelsTimes() throws IOException {
        Path out = tmp.resolve("out");
        Path file = benchFile(
                "bench.model.bprmf = bprmf.properties",
                "bench.rounds = 1",
                "bench.librec.iterations = 2",
                "bench.peer.command = none",
                "bench.output.dir = " + out,
                "rec.threads = 1",
                "data.source = synthetic",
                "data.synthetic.preset = small",
                "data.synthetic.scale = 0.05",
                "data.split.dir = " + tmp.resolve("splits"));
        new BenchRunner(BenchConfig.read(file, List.of())).run();
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("bench.json"))).getAsJsonObject();
        JsonObject round = json.getAsJsonObject("reference").getAsJsonArray("rounds").get(0).getAsJsonObject();
        long interactions = round.get("train_interactions").getAsLong();
        assertEquals((interactions + 255) / 256, round.get("ours_steps_per_epoch").getAsLong());
        assertEquals(round.get("ours_us_per_triple").getAsDouble() / round.get("librec_us_per_triple").getAsDouble(),
                round.get("ours_over_librec_per_triple").getAsDouble(), 1e-9);
        assertEquals("bench.peer.command=none", round.get("peer_not_run").getAsString());
        JsonObject bprmf = json.getAsJsonObject("models").getAsJsonObject("bprmf");
        List<String> stages = new java.util.ArrayList<>();
        for (var e : bprmf.getAsJsonArray("training")) {
            stages.add(e.getAsJsonObject().get("stage").getAsString());
            assertEquals(2, e.getAsJsonObject().get("epochs").getAsInt());
        }
        assertEquals(List.of("bprmf/books", "bprmf/movies", "bprmf/music"), stages);
        assertTrue(bprmf.get("peak_rss_mb").getAsLong() > 0);
        assertTrue(bprmf.get("whole_process_seconds").getAsDouble() > bprmf.get("train_seconds").getAsDouble());
        long books = json.getAsJsonObject("train_interactions").get("books").getAsLong();
        assertEquals(interactions, books, "LibRec's BPR trained on the books training interactions");
        String md = Files.readString(out.resolve("bench.md"));
        assertTrue(md.contains("| bprmf | bprmf/books | 2 |"), md);
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "| %d | %.3f | %.2f |", 1,
                round.get("ours_train_seconds_per_epoch").getAsDouble(), round.get("ours_ms_per_step").getAsDouble())), md);
        assertTrue(md.contains("not run (bench.peer.command=none)"), md);
    }
}
