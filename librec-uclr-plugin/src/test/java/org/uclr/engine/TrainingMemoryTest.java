package org.uclr.engine;

import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.model.bprmf.BPRMFRecommender;
import org.uclr.testing.Fixtures;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Training must not accumulate native memory: every epoch leaves the engine as it found it. */
class TrainingMemoryTest {
    private static final int EPOCHS = 40;

    @Test
    void rootManagerOwnsTheSameArraysAfterEveryEpochAndResidentMemoryStaysFlat() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs Linux /proc");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // its own JVM with a pre-touched heap: the heap's first use must not look like growth
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xms384m", "-Xmx384m", "-XX:+AlwaysPreTouch",
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile", ""),
                "-cp", System.getProperty("java.class.path"), RssHarness.class.getName(), "0.1", String.valueOf(EPOCHS), "64");
        pb.environment().putIfAbsent("DJL_CACHE_DIR", System.getProperty("DJL_CACHE_DIR", "target/djl-cache"));
        // one malloc arena: arenas created by threads as they come would otherwise look like growth
        pb.environment().put("MALLOC_ARENA_MAX", "1");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        List<long[]> epochs = new ArrayList<>(); // domain, epoch, rss kB, arrays
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("epoch ")) {
                    String[] f = line.split(" ");
                    epochs.add(new long[]{Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])});
                }
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "harness finished");
        assertEquals(0, p.exitValue());
        assertEquals(3 * (EPOCHS + 1), epochs.size());

        for (int d = 0; d < 3; d++) {
            int domain = d;
            // after epoch 1 (the first best-epoch snapshot), the root manager's arrays never change in number
            List<Long> arrays = epochs.stream().filter(e -> e[0] == domain && e[1] >= 1).map(e -> e[3]).toList();
            assertEquals(1, arrays.stream().distinct().count(), "domain " + d + " root arrays per epoch " + arrays);
        }
        // Resident memory climbs while the JIT and the allocator warm up (about 30-45 MB during the
        // first domain here), then levels off; a leak keeps growing. After two domains of warm-up,
        // the last domain's 40 epochs (about 360 steps) grew by 0.1-4.5 MB in trials; leaking one
        // [128, 64] float tensor (32 kB) per step would add 11.5 MB.
        List<Long> last = epochs.stream().filter(e -> e[0] == 2).map(e -> e[2]).toList();
        long growth = last.get(last.size() - 1) - last.get(0);
        List<Long> rss = epochs.stream().map(e -> e[2]).toList();
        assertTrue(growth < 10 * 1024, "VmRSS grew by " + growth + " kB over the last domain's epochs: " + rss);
    }

    @Test
    void threadsKeyReachesPyTorch() {
        DjlRuntime.engine();
        int before = JniUtils.getNumThreads();
        int[] seen = new int[1];
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(0.05), 2, Map.of(
                "rec.device", "cpu", "rec.threads", "1", "bprmf.factors", "8", "bprmf.epochs.max", "1"));
        try {
            Fixtures.train(new BPRMFRecommender() {
                @Override
                protected void trainModel() {
                    seen[0] = JniUtils.getNumThreads();
                    super.trainModel();
                }
            }, dm);
        } finally {
            JniUtils.setNumThreads(before);
        }
        assertEquals(1, seen[0]);
    }
}
