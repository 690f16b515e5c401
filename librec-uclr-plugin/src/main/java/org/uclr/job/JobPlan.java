package org.uclr.job;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a {@link RecJob} will produce, known before it runs.
 *
 * @param runName       the run's name ("bprmf", "uclr", ...)
 * @param dataset       the dataset's name
 * @param seed          rec.random.seed
 * @param outputDir     where results.json will be written
 * @param configuration the effective configuration results.json will record
 */
public record JobPlan(String runName, String dataset, long seed, Path outputDir, Map<String, String> configuration) {
    public JobPlan {
        configuration = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(configuration));
    }
}
