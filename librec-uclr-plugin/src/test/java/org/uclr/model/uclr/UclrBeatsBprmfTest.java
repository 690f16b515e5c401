package org.uclr.model.uclr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.config.KeyOrigin;
import org.uclr.config.PropertiesSource;
import org.uclr.eval.DomainReport;
import org.uclr.job.RecJob;
import org.uclr.job.RunResult;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * UCLR learns what it promises: on the embedded synthetic default (users share tastes across domains,
 * activity is long-tailed) the full method beats the single-domain BPRMF on NDCG@10 in every domain.
 * Both models get the same schedule (a faster learning rate and a smaller m than the confs, so the
 * test takes about a minute); the split, the negatives and the evaluators are the ones every job uses.
 */
class UclrBeatsBprmfTest {

    private static PropertiesSource job(Path dir, String recommender, Map<String, String> modelKeys) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("rec.recommender.class", recommender);
        values.put("rec.random.seed", "3");
        values.put("rec.device", "cpu");
        values.put("rec.output.dir", dir.resolve(recommender).toString());
        values.put("data.source", "synthetic");
        values.put("data.synthetic.preset", "small");
        values.put("data.split.dir", dir.resolve("splits").toString());
        values.put("bprmf.factors", "32");
        values.put("bprmf.learn.rate", "0.005");
        values.put("bprmf.patience", "5");
        values.putAll(modelKeys);
        PropertiesSource s = new PropertiesSource();
        values.forEach((k, v) -> s.put(k, v, new KeyOrigin("test", 0)));
        return s;
    }

    @Test
    void uclrBeatsPerDomainBprmfOnNdcg10InEveryDomainOfTheSyntheticDefault(@TempDir Path dir) {
        RunResult bprmf = new RecJob(job(dir, "bprmf", Map.of("bprmf.mode", "per-domain"))).run();
        RunResult uclr = new RecJob(job(dir, "uclr", Map.of("uclr.hidden", "32,16", "uclr.patience", "10",
                "uclr.finetune.epochs.max", "3"))).run();
        assertTrue(uclr.synthetic() && bprmf.synthetic(), "the synthetic default is labelled synthetic");
        assertEquals(bprmf.report().domains().size(), uclr.report().domains().size());
        for (int d = 0; d < uclr.report().domains().size(); d++) {
            DomainReport u = uclr.report().domains().get(d);
            DomainReport b = bprmf.report().domains().get(d);
            assertEquals(b.domain(), u.domain());
            assertTrue(b.all().get("NDCG@10") > 0.1, b.domain() + ": BPRMF itself learns (random is 0.045)");
            assertTrue(u.all().get("NDCG@10") > b.all().get("NDCG@10"),
                    u.domain() + ": UCLR NDCG@10 " + u.all().get("NDCG@10") + " vs BPRMF " + b.all().get("NDCG@10"));
        }
    }
}
