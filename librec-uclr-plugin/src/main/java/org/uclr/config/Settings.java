package org.uclr.config;

import net.librec.conf.Configuration;

import java.util.Map;
import java.util.TreeMap;

/**
 * Typed, range-checked read access to LibRec's {@link Configuration}: the one way our code reads a key.
 * Every read goes through a {@link ConfigKey}, so a default and a valid range always travel with it.
 */
public final class Settings {
    private final Configuration conf;

    private Settings(Configuration conf) {
        this.conf = conf;
    }

    public static Settings of(Configuration conf) {
        return new Settings(conf);
    }

    public Configuration libRec() {
        return conf;
    }

    public boolean has(ConfigKey<?> key) {
        String raw = conf.get(key.name());
        return raw != null && !raw.isBlank();
    }

    /** The value of a key, or its default; a required key (null default) that is missing is an error. */
    public <T> T get(ConfigKey<T> key) {
        String raw = conf.get(key.name());
        if (raw == null || raw.isBlank()) {
            if (key.defaultValue() == null) {
                throw new ConfigException("missing required key '" + key.name() + "' (" + key.description() + ")");
            }
            return key.defaultValue();
        }
        return key.parse(raw, "configuration");
    }

    /** Every explicit entry whose key starts with one of the prefixes, sorted, for results files. */
    public Map<String, String> entries(String... prefixes) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : conf) {
            for (String p : prefixes) {
                if (e.getKey().startsWith(p)) {
                    out.put(e.getKey(), e.getValue());
                }
            }
        }
        return out;
    }
}
