package org.uclr.model.uclr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.config.PropertiesSource;
import org.uclr.config.KeyOrigin;
import org.uclr.job.RecJob;
import org.uclr.job.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UCLRRecommenderTest {

    /** Tiny data and short schedules: this checks the plumbing of every variant, not quality. */
    private static PropertiesSource job(Path dir, String variant) {
        PropertiesSource s = new PropertiesSource();
        Map<String, String> values = Map.ofEntries(
                Map.entry("rec.recommender.class", "uclr"),
                Map.entry("rec.random.seed", "2"),
                Map.entry("rec.device", "cpu"),
                Map.entry("rec.output.dir", dir.resolve(variant).toString()),
                Map.entry("data.source", "synthetic"),
                Map.entry("data.synthetic.scale", "0.1"),
                Map.entry("data.split.dir", dir.resolve("splits").toString()),
                Map.entry("bprmf.factors", "16"),
                Map.entry("bprmf.epochs.max", "3"),
                Map.entry("bprmf.learn.rate", "0.01"),
                Map.entry("uclr.variant", variant),
                Map.entry("uclr.hidden", "16,8"),
                Map.entry("uclr.epochs.max", "3"),
                Map.entry("uclr.finetune.epochs.max", "2"),
                Map.entry("uclr.finetune.contrast.users", "32"));
        values.forEach((k, v) -> s.put(k, v, new KeyOrigin("test", 0)));
        return s;
    }

    @Test
    void everyVariantRunsAndOnlyContrastiveOnesWriteTemperatures(@TempDir Path dir) throws IOException {
        for (String variant : List.of("pge", "pge-ae", "pge-cl-ae", "pge-ucl-ae", "uclr")) {
            RunResult r = new RecJob(job(dir, variant)).run();
            assertEquals(variant.equals("uclr") ? "uclr" : "uclr-" + variant, r.model());
            assertTrue(Files.exists(r.outputDir().resolve("results.json")), variant);
            Path temps = r.outputDir().resolve("temperatures.tsv");
            boolean contrastive = variant.contains("cl") || variant.equals("uclr");
            assertEquals(contrastive, Files.exists(temps), variant + " temperatures.tsv");
            if (contrastive) {
                List<String> lines = Files.readAllLines(temps);
                assertEquals("user\ttrain_interactions\ttau", lines.get(0));
                assertEquals(201, lines.size(), "one line per user");
                for (String line : lines.subList(1, lines.size())) {
                    double tau = Double.parseDouble(line.split("\t")[2]);
                    assertTrue(tau >= 1e-5 && tau <= 1, line);
                }
                if (variant.equals("pge-cl-ae")) {
                    assertEquals(1, lines.subList(1, lines.size()).stream().map(l -> l.split("\t")[2]).distinct().count(),
                            "CL-AE has one global temperature");
                }
            }
            assertTrue(r.stageSeconds().containsKey("uclr/pge"), variant);
            assertEquals(!variant.equals("pge"), r.stageSeconds().containsKey("uclr/autoencoder"), variant);
            assertEquals(variant.equals("uclr"),
                    r.stageSeconds().keySet().stream().anyMatch(k -> k.startsWith("uclr/finetune/")), variant);
            assertFalse(Double.isNaN(r.report().macro().get("NDCG@10")), variant);
        }
    }
}
