package org.uclr.leaderboard;

import net.librec.conf.Configuration;
import org.uclr.config.KeyCatalog;
import org.uclr.config.KeyOrigin;
import org.uclr.config.PropertiesSource;
import org.uclr.config.Settings;
import org.uclr.engine.EngineKeys;
import org.uclr.job.JobsFile;
import org.uclr.report.ReportOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A leaderboard file: the {@code leaderboard.*} keys say which models (configuration files), seeds
 * and metrics; every other key is a shared override applied to every job. When the file sets any
 * {@code data.*} key it defines the dataset for all models: the models' own {@code data.*} keys are
 * dropped, so every row is trained and ranked on exactly the same data, split and negatives.
 *
 * <p>A job's properties are, in order (later wins): the model file (minus its data keys when the
 * leaderboard defines the data), the shared overrides, {@code rec.random.seed}, and the standard
 * output directory {@code <root>/runs/<dataset>/<run>/seed-<seed>}.
 */
public final class LeaderboardConfig {
    private static final String OWN_PREFIX = "leaderboard.";

    private final Path file;
    private final List<String> overrides;
    private final JobsFile jobs;
    private final Settings settings;
    private final List<Path> modelFiles;

    private LeaderboardConfig(Path file, List<String> overrides, PropertiesSource source, KeyCatalog catalog) {
        this.file = file;
        this.overrides = List.copyOf(overrides);
        this.jobs = new JobsFile(file, source, OWN_PREFIX);
        // a model's rules (uclr.lora.rank <= bprmf.factors) are checked by each job with its model file's values
        catalog.validate(source, ns -> ns.equals(OWN_PREFIX) || ns.equals("data.") || ns.equals("rec."));
        Configuration conf = new Configuration();
        source.values().forEach(conf::set);
        this.settings = Settings.of(conf);
        this.modelFiles = new ArrayList<>();
        for (String name : settings.get(LeaderboardKeys.MODELS)) {
            modelFiles.add(jobs.modelFile(name, LeaderboardKeys.MODELS.name()));
        }
    }

    /** Reads a leaderboard file with command-line overrides ({@code key=value}). */
    public static LeaderboardConfig read(Path file, List<String> overrides) {
        PropertiesSource source = PropertiesSource.read(file);
        overrides.forEach(source::putOverride);
        return new LeaderboardConfig(file, overrides, source, KeyCatalog.discover());
    }

    /** The command that reproduces this leaderboard, overrides included. */
    public String command() {
        StringBuilder sb = new StringBuilder("bin/librec leaderboard -conf ").append(file);
        overrides.forEach(o -> sb.append(" -D ").append(o));
        return sb.toString();
    }

    /** What the report shows, from this file's leaderboard.* keys. */
    public ReportOptions reportOptions() {
        return new ReportOptions(settings.get(LeaderboardKeys.METRICS), settings.get(LeaderboardKeys.GROUP_METRIC),
                settings.get(LeaderboardKeys.REFERENCE), settings.get(LeaderboardKeys.ALPHA), command());
    }

    public Path file() {
        return file;
    }

    /** The command-line {@code key=value} overrides, in order. */
    public List<String> overrides() {
        return overrides;
    }

    public Settings settings() {
        return settings;
    }

    public List<Path> modelFiles() {
        return List.copyOf(modelFiles);
    }

    public List<Long> seeds() {
        return settings.get(LeaderboardKeys.SEEDS).stream().map(Integer::longValue).distinct().toList();
    }

    public Path outputRoot() {
        return Path.of(settings.get(LeaderboardKeys.OUTPUT_ROOT));
    }

    /** Where a job's run goes: the same place {@code librec rec} writes it when the root is "reports". */
    public Path runDir(String dataset, String runName, long seed) {
        return outputRoot().resolve("runs").resolve(dataset).resolve(runName).resolve("seed-" + seed);
    }

    public Path reportDir(String dataset) {
        return outputRoot().resolve(dataset);
    }

    /** The keys of this file that every job gets (everything outside {@code leaderboard.*}). */
    public Map<String, String> sharedOverrides() {
        return jobs.sharedOverrides();
    }

    /** The job's properties for one model file and seed, before the output directory is known. */
    public PropertiesSource jobSource(Path modelFile, long seed) {
        PropertiesSource job = jobs.jobBase(modelFile);
        job.put(EngineKeys.SEED.name(), Long.toString(seed), originOf(LeaderboardKeys.SEEDS.name()));
        return job;
    }

    /** Where {@code key} was set (file:line, or -D), for an error message; the file itself when it is not set. */
    public KeyOrigin originOf(String key) {
        return jobs.originOf(key);
    }
}
