package org.uclr.job;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.data.DomainSplit;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.data.MultiDomainDataset;
import org.uclr.testing.TinyJobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a job writes for each evaluation protocol, and the recommendations every job leaves behind. */
class ProtocolsJobTest {
    @TempDir
    Path dir;

    @Test
    void bothProtocolsAreInResultsJsonEachLabelledWithItsSeconds() {
        new RecJob(RecJobTest.tiny(dir, "out", "rec.eval.protocol=both")).run();
        JsonObject j = TinyJobs.results(dir.resolve("out"));
        assertEquals("both", j.get("protocol").getAsString());
        JsonObject full = j.getAsJsonObject("full_ranking");
        assertEquals(List.of("MRR@10", "HR@10", "NDCG@10", "Recall@10", "MRR@20", "HR@20", "NDCG@20", "Recall@20"),
                List.copyOf(full.getAsJsonArray("domains").get(0).getAsJsonObject().getAsJsonObject("metrics").keySet()));
        for (var d : full.getAsJsonArray("domains")) {
            JsonObject m = d.getAsJsonObject().getAsJsonObject("metrics");
            assertEquals(m.get("HR@10").getAsDouble(), m.get("Recall@10").getAsDouble(), 0.0);
            JsonObject sampled = j.getAsJsonArray("domains").asList().stream().map(x -> x.getAsJsonObject())
                    .filter(x -> x.get("name").equals(d.getAsJsonObject().get("name"))).findFirst().orElseThrow()
                    .getAsJsonObject("metrics");
            // every sampled negative is one of the full ranking's items: the positive can only rank lower there
            assertTrue(m.get("HR@10").getAsDouble() <= sampled.get("HR@10").getAsDouble());
        }
        JsonObject seconds = j.getAsJsonObject("protocol_seconds");
        assertEquals(List.of("sampled", "full"), List.copyOf(seconds.keySet()));
        assertEquals(j.get("eval_seconds").getAsDouble(),
                seconds.get("sampled").getAsDouble() + seconds.get("full").getAsDouble(), 0.002);
    }

    @Test
    void theDefaultProtocolIsSampledAndFullAloneHasNoSampledMetrics() {
        new RecJob(RecJobTest.tiny(dir, "sampled")).run();
        JsonObject sampled = TinyJobs.results(dir.resolve("sampled"));
        assertEquals("sampled", sampled.get("protocol").getAsString());
        assertNull(sampled.get("full_ranking"));
        new RecJob(RecJobTest.tiny(dir, "full", "rec.eval.protocol=full")).run();
        JsonObject full = TinyJobs.results(dir.resolve("full"));
        assertNull(full.get("domains"));
        assertTrue(full.getAsJsonObject("full_ranking").has("macro"));
    }

    @Test
    void recommendationsListTheTopItemsOfEveryUserWithoutTheirTrainingOrValidationItems() throws IOException {
        RecJob job = new RecJob(RecJobTest.tiny(dir, "out", "rec.recommender.ranking.topn=4"));
        job.run();
        MultiDomainDataModel dm = new MultiDomainDataModel();
        dm.setConf(job.configuration());
        dm.buildDataModel(); // the job's split, from the split store
        MultiDomainDataset data = dm.dataset();
        List<String> lines = Files.readAllLines(dir.resolve("out").resolve(RecommendationList.FILE_NAME));
        assertEquals("domain\tuser\trank\titem\tscore", lines.get(0));
        assertEquals(1 + data.numDomains() * data.numUsers() * 4, lines.size());
        Map<String, Integer> users = new HashMap<>();
        for (int u = 0; u < data.numUsers(); u++) {
            users.put(data.userIds()[u], u);
        }
        float previous = Float.POSITIVE_INFINITY;
        for (int k = 1; k < lines.size(); k++) {
            String[] f = lines.get(k).split("\t");
            int d = data.domainIndex(f[0]);
            int u = users.get(f[1]);
            int rank = Integer.parseInt(f[2]);
            int item = List.of(data.domain(d).itemIds()).indexOf(f[3]);
            float score = Float.parseFloat(f[4]);
            DomainSplit split = dm.split().domain(d);
            assertEquals((k - 1) % 4 + 1, rank);
            assertFalse(split.train().contains(u, item), lines.get(k));
            assertFalse(split.validItem()[u] == item, lines.get(k));
            assertTrue(rank == 1 || score <= previous, "best first: " + lines.get(k));
            previous = score;
        }
    }
}
