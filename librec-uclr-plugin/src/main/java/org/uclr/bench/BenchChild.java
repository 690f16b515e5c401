package org.uclr.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import net.librec.conf.Configuration;
import org.uclr.config.PropertiesSource;
import org.uclr.config.Settings;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.data.MultiDomainDataset;
import org.uclr.engine.EngineKeys;
import org.uclr.job.MachineInfo;
import org.uclr.job.RecJob;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LibRec 2.0's BPRRecommender on one domain of a job's data, in its own process (so its peak resident memory
 * is its own), started by {@link BenchRunner} with the benchmark's JVM options. It prints one line,
 * {@code BENCH-RESULT <json>}, on standard output: the iterations' seconds, the triples per iteration, and
 * the training interactions of every domain of the job's split (which our runs' steps per epoch follow).
 * <pre>
 *   BenchChild FILE DOMAIN ITERATIONS
 * </pre>
 */
public final class BenchChild {
    static final String PREFIX = "BENCH-RESULT ";
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private BenchChild() {
    }

    public static void main(String[] args) {
        Map<String, Object> out = libRecBpr(Path.of(args[0]), args[1], Integer.parseInt(args[2]));
        out.put("peak_rss_mb", MachineInfo.peakRssMb());
        System.out.println(PREFIX + GSON.toJson(out));
        System.exit(0);
    }

    private static Map<String, Object> libRecBpr(Path properties, String domainName, int iterations) {
        Configuration conf = new RecJob(PropertiesSource.read(properties)).configuration();
        Settings s = Settings.of(conf);
        MultiDomainDataModel dm = new MultiDomainDataModel();
        dm.setConf(conf);
        dm.buildDataModel();
        MultiDomainDataset data = dm.dataset();
        Map<String, Integer> trainByDomain = new LinkedHashMap<>();
        for (int d = 0; d < data.numDomains(); d++) {
            trainByDomain.put(data.domain(d).name(), dm.split().domain(d).train().nnz());
        }
        int d = data.domainIndex(domainName);
        int factors = factors(s);
        LibRecBpr.Timing t = LibRecBpr.run(dm.split().domain(d).train(), factors, iterations, s.get(EngineKeys.SEED));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("domain", domainName);
        out.put("factors", factors);
        out.put("train_interactions", dm.split().domain(d).train().nnz());
        out.put("train_interactions_by_domain", trainByDomain);
        out.put("iteration_seconds", t.iterationSeconds());
        out.put("triples_per_iteration", t.triplesPerIteration());
        return out;
    }

    /** The reference job's embedding size (the first *.factors key it sets), else 128. */
    private static int factors(Settings s) {
        for (Map.Entry<String, String> e : s.entries("").entrySet()) {
            if (e.getKey().endsWith(".factors")) {
                return Integer.parseInt(e.getValue().trim());
            }
        }
        return 128;
    }
}
