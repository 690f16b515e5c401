package org.uclr.bench;

import net.librec.conf.Configuration;
import org.uclr.config.ConfigException;
import org.uclr.config.KeyCatalog;
import org.uclr.config.KeyOrigin;
import org.uclr.config.PropertiesSource;
import org.uclr.config.Settings;
import org.uclr.job.JobsFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark file: {@code bench.model.<name>} lines (one per model: its configuration file and optional
 * overrides), the {@code bench.*} settings, and shared overrides given to every job. When the shared
 * overrides set {@code data.*} keys, they define the data of every model (the models' own are dropped), so
 * every model is timed on the same interactions.
 */
public final class BenchConfig {
    private static final String OWN_PREFIX = "bench.";

    private final Path file;
    private final List<String> overrides;
    private final PropertiesSource source;
    private final JobsFile jobs;
    private final Settings settings;
    private final KeyCatalog catalog;
    private final Map<String, Model> models = new LinkedHashMap<>();

    /**
     * One benchmarked model.
     *
     * @param name      its bench.model.* name
     * @param file      its configuration file
     * @param overrides its own key=value overrides, in order
     * @param origin    where it was declared
     */
    public record Model(String name, Path file, List<String> overrides, KeyOrigin origin) {
    }

    private BenchConfig(Path file, List<String> overrides, PropertiesSource source, KeyCatalog catalog) {
        this.file = file;
        this.overrides = List.copyOf(overrides);
        this.source = source;
        this.jobs = new JobsFile(file, source, OWN_PREFIX);
        this.catalog = catalog;
        catalog.validate(source);
        Configuration conf = new Configuration();
        source.values().forEach(conf::set);
        settings = Settings.of(conf);
        source.values().forEach((key, value) -> {
            if (BenchKeys.MODEL.matches(key)) {
                String name = key.split("\\.")[2];
                String[] parts = value.split("\\|", 2);
                List<String> own = parts.length < 2 ? List.of()
                        : List.of(parts[1].trim().split("\\s+")).stream().filter(s -> !s.isEmpty()).toList();
                for (String o : own) {
                    if (o.indexOf('=') <= 0) {
                        throw new ConfigException(source.origin(key) + ": " + key + ": '" + o + "' is not key=value");
                    }
                }
                models.put(name, new Model(name, jobs.modelFile(parts[0].trim(), key), own, source.origin(key)));
            }
        });
        if (models.isEmpty()) {
            throw new ConfigException(file + ": no bench.model.<name> line: nothing to benchmark");
        }
        String reference = settings.get(BenchKeys.REFERENCE);
        if (!models.containsKey(reference)) {
            throw new ConfigException(jobs.originOf(BenchKeys.REFERENCE.name()) + ": bench.reference=" + reference
                    + " is not one of the bench.model.* names " + models.keySet());
        }
    }

    /** Reads a benchmark file with command-line overrides ({@code key=value}). */
    public static BenchConfig read(Path file, List<String> overrides) {
        PropertiesSource source = PropertiesSource.read(file);
        overrides.forEach(source::putOverride);
        return new BenchConfig(file, overrides, source, KeyCatalog.discover());
    }

    /** The command that reproduces this benchmark, overrides included. */
    public String command() {
        StringBuilder sb = new StringBuilder("bin/librec bench -conf ").append(file);
        overrides.forEach(o -> sb.append(" -D ").append(o));
        return sb.toString();
    }

    public Settings settings() {
        return settings;
    }

    public Map<String, Model> models() {
        return Map.copyOf(models);
    }

    /** Model names in file order. */
    public List<String> modelNames() {
        return new ArrayList<>(models.keySet());
    }

    public Path outputDir() {
        return Path.of(settings.get(BenchKeys.OUTPUT_DIR));
    }

    /**
     * A model's job: its file (minus its data keys when this file defines the data), the shared overrides,
     * its own overrides, then {@code extra} (e.g. the output directory); checked against the key catalog.
     */
    public PropertiesSource jobSource(String modelName, List<String> extra) {
        Model model = models.get(modelName);
        PropertiesSource job = jobs.jobBase(model.file());
        for (String o : model.overrides()) {
            int eq = o.indexOf('=');
            job.put(o.substring(0, eq).trim(), o.substring(eq + 1).trim(), model.origin());
        }
        extra.forEach(job::putOverride);
        catalog.validate(job);
        return job;
    }

    /** The keys of this file every job gets (everything outside {@code bench.*}). */
    public Map<String, String> sharedOverrides() {
        return jobs.sharedOverrides();
    }
}
