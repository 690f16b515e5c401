package org.uclr.data;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.UclrException;
import org.uclr.config.Settings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

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

    private static MultiDomainDataset synthetic(Settings s) {
        MultiDomainDataset generated = new SyntheticGenerator(s.get(DataKeys.SYNTHETIC_PRESET),
                s.get(DataKeys.SYNTHETIC_SCALE), s.get(DataKeys.SYNTHETIC_SEED)).generate();
        String name = s.get(DataKeys.NAME);
        if (name.isBlank()) {
            return generated;
        }
        // a synthetic dataset's name always says so, whatever it was called
        String labelled = name.contains("synthetic") ? name : "synthetic-" + name;
        return new MultiDomainDataset(labelled, true, generated.userIds(), generated.domains());
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
        LinkedHashMap<String, RawInteractions> raw = new LinkedHashMap<>();
        Path first = null;
        for (String d : domains) {
            Path path = Path.of(s.get(DataKeys.DOMAIN_PATH.instance(d)));
            first = first == null ? path : first;
            raw.put(d, TsvInteractionReader.read(path));
        }
        String name = s.get(DataKeys.NAME);
        if (name.isBlank()) {
            Path parent = first.toAbsolutePath().normalize().getParent();
            name = parent == null || parent.getFileName() == null ? "dataset" : parent.getFileName().toString();
        }
        return DatasetAssembler.assemble(name, raw, s.get(DataKeys.USERS));
    }
}
