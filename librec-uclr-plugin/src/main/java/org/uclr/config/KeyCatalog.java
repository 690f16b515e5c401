package org.uclr.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every key every component declared, found through {@link KeySet} services. It validates a job's
 * configuration before anything runs: unknown keys in an owned namespace (with the closest valid
 * key as a suggestion), unparsable values and values out of range.
 */
public final class KeyCatalog {
    private final List<ConfigKey<?>> keys = new ArrayList<>();
    private final List<String> ownedPrefixes = new ArrayList<>();

    public KeyCatalog(Iterable<? extends KeySet> sets) {
        for (KeySet set : sets) {
            keys.addAll(set.keys());
            ownedPrefixes.addAll(set.ownedPrefixes());
        }
    }

    /** The catalog of every KeySet on the classpath. */
    public static KeyCatalog discover() {
        return new KeyCatalog(ServiceLoader.load(KeySet.class));
    }

    public List<ConfigKey<?>> keys() {
        return Collections.unmodifiableList(keys);
    }

    public Optional<ConfigKey<?>> find(String name) {
        return keys.stream().filter(k -> !k.isPattern() && k.name().equals(name)).findFirst()
                .or(() -> keys.stream().filter(k -> k.matches(name)).findFirst())
                .map(k -> (ConfigKey<?>) k);
    }

    private boolean owned(String name) {
        return ownedPrefixes.stream().anyMatch(name::startsWith);
    }

    /** Checks every given key; throws {@link ConfigException} naming the first problem and where it is. */
    public void validate(PropertiesSource source) {
        for (Map.Entry<String, String> e : source.values().entrySet()) {
            String name = e.getKey();
            KeyOrigin origin = source.origin(name);
            Optional<ConfigKey<?>> key = find(name);
            if (key.isPresent()) {
                key.get().parse(e.getValue(), origin.toString());
            } else if (owned(name)) {
                throw new ConfigException(origin + ": unknown key '" + name + "'" + suggestion(name));
            }
        }
    }

    private String suggestion(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey<?> k : keys) {
            String candidate = k.isPattern() ? instantiate(k.name(), name) : k.name();
            int d = Levenshtein.distance(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(3, name.length() / 3) ? "; did you mean '" + best + "'?" : "";
    }

    /** A pattern key filled in with the typed key's own segment, e.g. data.domain.books.path for "data.domian.books.path". */
    private static String instantiate(String pattern, String typed) {
        String[] p = pattern.split("\\.");
        String[] t = typed.split("\\.");
        if (p.length != t.length) {
            return pattern;
        }
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals("*")) {
                p[i] = t[i];
            }
        }
        return String.join(".", p);
    }
}
