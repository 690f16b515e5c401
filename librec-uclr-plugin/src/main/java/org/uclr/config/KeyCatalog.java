package org.uclr.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Predicate;

/**
 * Every key and every {@link KeyConstraint} every component declared, found through {@link KeySet}
 * services. It validates a job's configuration before anything runs: unknown keys in an owned
 * namespace (with the closest valid key as a suggestion), keys outside them that look like a typo
 * of a known key, unparsable values, values out of range, and then the rules between keys.
 */
public final class KeyCatalog {
    /** Edit distance up to which a key outside our namespaces is taken for a typo of one of ours. */
    private static final int TYPO_DISTANCE = 2;

    private final List<ConfigKey<?>> keys = new ArrayList<>();
    private final List<String> ownedPrefixes = new ArrayList<>();
    private final List<KeyConstraint> constraints = new ArrayList<>();
    /** The namespaces of the key set that declared each constraint, in the order of {@link #constraints}. */
    private final List<List<String>> constraintOwners = new ArrayList<>();

    public KeyCatalog(Iterable<? extends KeySet> sets) {
        for (KeySet set : sets) {
            keys.addAll(set.keys());
            ownedPrefixes.addAll(set.ownedPrefixes());
            for (KeyConstraint c : set.constraints()) {
                constraints.add(c);
                constraintOwners.add(List.copyOf(set.ownedPrefixes()));
            }
        }
    }

    /** The catalog of every KeySet on the classpath. */
    public static KeyCatalog discover() {
        return new KeyCatalog(ServiceLoader.load(KeySet.class));
    }

    public List<ConfigKey<?>> keys() {
        return Collections.unmodifiableList(keys);
    }

    public List<KeyConstraint> constraints() {
        return Collections.unmodifiableList(constraints);
    }

    /** The namespaces the key sets own ("data.", "rec.", "bprmf.", ...). */
    public List<String> ownedPrefixes() {
        return Collections.unmodifiableList(ownedPrefixes);
    }

    public Optional<ConfigKey<?>> find(String name) {
        return keys.stream().filter(k -> !k.isPattern() && k.name().equals(name)).findFirst()
                .or(() -> keys.stream().filter(k -> k.matches(name)).findFirst())
                .map(k -> (ConfigKey<?>) k);
    }

    private boolean owned(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ownedPrefixes.stream().anyMatch(lower::startsWith);
    }

    /**
     * Checks every given key, then every constraint; throws {@link ConfigException} naming the first
     * problem and where it is.
     *
     * @return the warnings of constraints that are warnings (keys given that have no effect), one line each
     */
    public List<String> validate(PropertiesSource source) {
        return validate(source, namespace -> true);
    }

    /**
     * As {@link #validate(PropertiesSource)}, but a rule declared by a key set whose namespaces the run
     * does not read is skipped: {@code uclr.lora.rank <= bprmf.factors} binds a UCLR job, not a bprmf job
     * of a leaderboard given {@code -D uclr.lora.rank=256}. Rules of sets that own no namespace always apply.
     *
     * @param reads whether the run reads a namespace ("uclr."); asked only once every key has passed its
     *              own check
     */
    public List<String> validate(PropertiesSource source, Predicate<String> reads) {
        for (Map.Entry<String, String> e : source.values().entrySet()) {
            String name = e.getKey();
            KeyOrigin origin = source.origin(name);
            Optional<ConfigKey<?>> key = find(name);
            if (key.isPresent()) {
                key.get().parse(e.getValue(), origin.toString());
            } else if (owned(name)) {
                throw new ConfigException(origin + ": unknown key '" + name + "'" + wildcardSpansDots(name)
                        .orElseGet(() -> suggestion(name)));
            } else {
                String typo = closest(name, TYPO_DISTANCE);
                if (typo != null) {
                    throw new ConfigException(origin + ": unknown key '" + name + "'; did you mean '" + typo
                            + "'? (keys outside this project's namespaces go to LibRec unchecked, but this one looks "
                            + "like a typo)");
                }
            }
        }
        KeyValues values = new SourceValues(source);
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < constraints.size(); i++) {
            KeyConstraint c = constraints.get(i);
            List<String> owners = constraintOwners.get(i);
            if (!owners.isEmpty() && owners.stream().noneMatch(reads)) {
                continue;
            }
            String broken = c.check(values);
            if (broken == null) {
                continue;
            }
            if (!c.isWarning()) {
                throw new ConfigException(broken);
            }
            warnings.add(broken);
        }
        return warnings;
    }

    /**
     * The hint for a key that a pattern key would match if its {@code *} could hold dots, such as
     * data.domain.books.v2.path: the name in the middle must be one segment.
     */
    private Optional<String> wildcardSpansDots(String name) {
        for (ConfigKey<?> k : keys) {
            if (!k.isPattern()) {
                continue;
            }
            String[] p = k.name().split("\\*", -1);
            if (p.length == 2 && name.startsWith(p[0]) && name.endsWith(p[1]) && name.length() > p[0].length() + p[1].length()) {
                String middle = name.substring(p[0].length(), name.length() - p[1].length());
                if (middle.contains(".")) {
                    return Optional.of(": in " + k.name() + " the * is one name without dots, and '" + middle
                            + "' has one (rename it in data.domains too)");
                }
            }
        }
        return Optional.empty();
    }

    private String suggestion(String name) {
        String best = closest(name, Math.max(3, name.length() / 3));
        return best != null ? "; did you mean '" + best + "'?" : "";
    }

    /** The known key closest to {@code name} (case-insensitive edit distance), if within {@code limit}. */
    private String closest(String name, int limit) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey<?> k : keys) {
            String candidate = k.isPattern() ? instantiate(k.name(), name) : k.name();
            int d = Levenshtein.distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= limit ? best : null;
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

    /** The values of a validated source, with each key's default where it was not given. */
    private static final class SourceValues implements KeyValues {
        private final PropertiesSource source;

        SourceValues(PropertiesSource source) {
            this.source = source;
        }

        /** The given name of the key (the first instance of a pattern key), or null. */
        private String given(ConfigKey<?> key) {
            if (!key.isPattern()) {
                return source.values().containsKey(key.name()) ? key.name() : null;
            }
            return source.values().keySet().stream().filter(key::matches).findFirst().orElse(null);
        }

        @Override
        public <T> T get(ConfigKey<T> key) {
            String name = given(key);
            if (name == null || source.values().get(name).isBlank()) {
                return key.defaultValue();
            }
            return key.parse(source.values().get(name), source.origin(name).toString());
        }

        @Override
        public boolean isSet(ConfigKey<?> key) {
            return given(key) != null;
        }

        @Override
        public boolean fromCommandLine(ConfigKey<?> key) {
            return source.values().keySet().stream().filter(key::matches)
                    .anyMatch(name -> source.origin(name).equals(KeyOrigin.commandLine()));
        }

        @Override
        public String show(ConfigKey<?> key) {
            String name = given(key);
            if (name == null) {
                return key.name() + "=" + KeyTable.renderDefault(key.defaultValue()).replace("`", "") + " (default)";
            }
            return name + "=" + source.values().get(name) + " (" + source.origin(name) + ")";
        }
    }
}
