package org.uclr.job;

import org.uclr.UclrException;
import org.uclr.config.KeyOrigin;
import org.uclr.config.PropertiesSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A file that runs many model jobs (a leaderboard, a benchmark): its own keys under one prefix, and every other
 * key a shared override given to each job. When the shared overrides set any {@code data.*} key they define the
 * data of every job: the model files' own {@code data.*} keys are dropped, so every job trains and ranks on the
 * same interactions, split and negatives.
 */
public final class JobsFile {
    private static final String DATA_PREFIX = "data.";

    private final Path file;
    private final PropertiesSource source;
    private final String ownPrefix;

    /**
     * @param file      the file, for messages and to find model files beside it
     * @param source    its properties (command-line overrides included)
     * @param ownPrefix the prefix of its own keys, e.g. "leaderboard."
     */
    public JobsFile(Path file, PropertiesSource source, String ownPrefix) {
        this.file = file;
        this.source = source;
        this.ownPrefix = ownPrefix;
    }

    /** The keys every job gets: everything outside the file's own prefix, in file order. */
    public Map<String, String> sharedOverrides() {
        Map<String, String> out = new LinkedHashMap<>();
        source.values().forEach((k, v) -> {
            if (!k.startsWith(ownPrefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /**
     * A job's properties before its own additions: the model file (minus its data keys when this file defines
     * the data, and minus its output directory, which the caller decides), then the shared overrides.
     */
    public PropertiesSource jobBase(Path modelFile) {
        PropertiesSource model = PropertiesSource.read(modelFile);
        Map<String, String> shared = sharedOverrides();
        boolean dropData = shared.keySet().stream().anyMatch(k -> k.startsWith(DATA_PREFIX));
        PropertiesSource job = new PropertiesSource();
        model.values().forEach((k, v) -> {
            if (!(dropData && k.startsWith(DATA_PREFIX)) && !k.equals(JobKeys.OUTPUT_DIR.name())) {
                job.put(k, v, model.origin(k));
            }
        });
        shared.forEach((k, v) -> job.put(k, v, source.origin(k)));
        return job;
    }

    /** Where {@code key} was set (file:line, or -D), for an error message; the file itself when it is not set. */
    public KeyOrigin originOf(String key) {
        return source.values().containsKey(key) ? source.origin(key) : new KeyOrigin(file + " (" + key + ")", 0);
    }

    /**
     * A model file named by {@code key}: beside this file, as given, or under conf/ (of the working directory
     * or of {@code uclr.home}).
     *
     * @throws UclrException naming the key, the name and every place looked in, when none holds the file
     */
    public Path modelFile(String name, String key) {
        // absolute and normalized, so one place reached two ways (beside the file and under conf/) is listed once
        Set<Path> tried = new LinkedHashSet<>();
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            tried.add(dir.resolve(name));
        }
        tried.add(Path.of(name));
        tried.add(Path.of("conf").resolve(name));
        String home = System.getProperty("uclr.home");
        if (home != null) {
            tried.add(Path.of(home, "conf").resolve(name));
        }
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        tried = tried.stream().map(p -> p.toAbsolutePath().normalize())
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
        throw new UclrException(originOf(key) + ": " + key + " names '" + name + "', which does not exist (looked in: "
                + String.join(", ", tried.stream().map(Path::toString).toList()) + ")");
    }
}
