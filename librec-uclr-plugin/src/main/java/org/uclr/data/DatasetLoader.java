package org.uclr.data;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.UclrException;
import org.uclr.config.Settings;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the configured dataset: from per-domain files or from the synthetic generator. */
public final class DatasetLoader {
    private static final Logger LOG = LogManager.getLogger(DatasetLoader.class);

    private DatasetLoader() {
    }

    public static MultiDomainDataset load(Settings s) {
        return switch (s.get(DataKeys.SOURCE)) {
            case SYNTHETIC -> synthetic(s);
            case FILES -> fromFiles(s);
        };
    }

    /**
     * The name {@link #load} gives the dataset, worked out from the keys alone (no file is read), so a
     * job's output directory is known before its data is loaded.
     */
    public static String name(Settings s) {
        return switch (s.get(DataKeys.SOURCE)) {
            case SYNTHETIC -> syntheticName(s);
            case FILES -> filesName(s);
        };
    }

    private static SyntheticGenerator generator(Settings s) {
        return new SyntheticGenerator(s.get(DataKeys.SYNTHETIC_PRESET), s.get(DataKeys.SYNTHETIC_SCALE),
                s.get(DataKeys.SYNTHETIC_SEED));
    }

    private static String syntheticName(Settings s) {
        String name = s.get(DataKeys.NAME);
        if (name.isBlank()) {
            return generator(s).datasetName();
        }
        // a synthetic dataset's name always says so, whatever it was called
        return name.contains("synthetic") ? name : "synthetic-" + name;
    }

    private static String filesName(Settings s) {
        String name = s.get(DataKeys.NAME);
        if (!name.isBlank()) {
            return name;
        }
        Path first = Path.of(s.get(DataKeys.DOMAIN_PATH.instance(s.get(DataKeys.DOMAINS).get(0))));
        Path parent = first.toAbsolutePath().normalize().getParent();
        return parent == null || parent.getFileName() == null ? "dataset" : parent.getFileName().toString();
    }

    private static MultiDomainDataset synthetic(Settings s) {
        MultiDomainDataset generated = generator(s).generate();
        return new MultiDomainDataset(syntheticName(s), true, generated.userIds(), generated.domains());
    }

    /** One file given for two domains is most likely a copy-paste slip: the two domains would be identical. */
    static Optional<String> sharedFileWarning(Settings s, List<String> domains) {
        Map<Path, String> seen = new HashMap<>();
        for (String d : domains) {
            Path p = Path.of(s.get(DataKeys.DOMAIN_PATH.instance(d))).toAbsolutePath().normalize();
            String other = seen.putIfAbsent(p, d);
            if (other != null) {
                return Optional.of("data.domain." + other + ".path and data.domain." + d + ".path name the same file "
                        + p + ": the two domains are identical");
            }
        }
        return Optional.empty();
    }

    private static MultiDomainDataset fromFiles(Settings s) {
        List<String> domains = s.get(DataKeys.DOMAINS);
        if (domains.stream().distinct().count() != domains.size()) {
            throw new UclrException("data.domains=" + String.join(",", domains) + " names a domain twice");
        }
        for (String key : s.entries("data.domain.").keySet()) {
            if (DataKeys.DOMAIN_PATH.matches(key) && !domains.contains(key.split("\\.")[2])) {
                LOG.warn("ignoring {}: '{}' is not in data.domains={}", key, key.split("\\.")[2], String.join(",", domains));
            }
        }
        sharedFileWarning(s, domains).ifPresent(LOG::warn);
        LinkedHashMap<String, RawInteractions> raw = new LinkedHashMap<>();
        for (String d : domains) {
            raw.put(d, TsvInteractionReader.read(Path.of(s.get(DataKeys.DOMAIN_PATH.instance(d)))));
        }
        return DatasetAssembler.assemble(filesName(s), raw, s.get(DataKeys.USERS));
    }
}
