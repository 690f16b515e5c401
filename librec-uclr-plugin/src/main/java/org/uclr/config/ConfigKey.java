package org.uclr.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One typed configuration key: its name, default, valid range and a one-line description.
 * A name may contain one {@code *} segment (for example {@code data.domain.*.path}) that matches
 * any single dot-free segment.
 *
 * @param <T> the value type
 */
public final class ConfigKey<T> {
    private final String name;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final Predicate<T> valid;
    private final String expected;
    private final String description;

    private ConfigKey(String name, T defaultValue, Function<String, T> parser, Predicate<T> valid,
                      String expected, String description) {
        this.name = Objects.requireNonNull(name);
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.valid = valid;
        this.expected = expected;
        this.description = description;
    }

    public static ConfigKey<Integer> ofInt(String name, Integer def, int min, int max, String description) {
        return new ConfigKey<>(name, def, s -> Integer.valueOf(s.trim()), v -> v >= min && v <= max,
                "an integer in [" + min + ", " + max + "]", description);
    }

    public static ConfigKey<Long> ofLong(String name, Long def, String description) {
        return new ConfigKey<>(name, def, s -> Long.valueOf(s.trim()), v -> true, "an integer", description);
    }

    public static ConfigKey<Double> ofDouble(String name, Double def, double min, double max, String description) {
        return new ConfigKey<>(name, def, s -> Double.valueOf(s.trim()),
                v -> !v.isNaN() && v >= min && v <= max, "a number in [" + min + ", " + max + "]", description);
    }

    public static ConfigKey<Boolean> ofBoolean(String name, Boolean def, String description) {
        return new ConfigKey<>(name, def, ConfigKey::parseBoolean, v -> true, "true or false", description);
    }

    public static ConfigKey<String> ofString(String name, String def, String description) {
        return new ConfigKey<>(name, def, String::trim, v -> !v.isEmpty(), "a non-empty string", description);
    }

    public static ConfigKey<List<String>> ofList(String name, List<String> def, String description) {
        return new ConfigKey<>(name, def, ConfigKey::parseList, v -> !v.isEmpty(),
                "a non-empty comma-separated list", description);
    }

    public static ConfigKey<List<Integer>> ofIntList(String name, List<Integer> def, int min, int max,
                                                     String description) {
        return new ConfigKey<>(name, def,
                s -> parseList(s).stream().map(Integer::valueOf).collect(Collectors.toList()),
                v -> !v.isEmpty() && v.stream().allMatch(x -> x >= min && x <= max),
                "a comma-separated list of integers in [" + min + ", " + max + "]", description);
    }

    /** A list of numbers in [min, max]; "inf" (or "infinity") is +infinity, allowed when max is. */
    public static ConfigKey<List<Double>> ofDoubleList(String name, List<Double> def, double min, double max,
                                                       String description) {
        return new ConfigKey<>(name, def,
                s -> parseList(s).stream().map(ConfigKey::parseDouble).collect(Collectors.toList()),
                v -> !v.isEmpty() && v.stream().allMatch(x -> !x.isNaN() && x >= min && x <= max),
                "a comma-separated list of numbers in [" + min + ", " + max + "]", description);
    }

    private static Double parseDouble(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        return v.equals("inf") || v.equals("infinity") ? Double.POSITIVE_INFINITY : Double.valueOf(v);
    }

    /** An enumeration key; values are matched case-insensitively, with '-' and '_' interchangeable. */
    public static <E extends Enum<E>> ConfigKey<E> ofEnum(String name, Class<E> type, E def, String description) {
        E[] constants = type.getEnumConstants();
        String choices = Arrays.stream(constants).map(ConfigKey::enumLabel).collect(Collectors.joining("|"));
        return new ConfigKey<>(name, def, s -> {
            String wanted = normalize(s);
            for (E e : constants) {
                if (normalize(e.name()).equals(wanted)) {
                    return e;
                }
            }
            throw new IllegalArgumentException(s);
        }, v -> true, "one of " + choices, description);
    }

    /** The spelling of an enum constant in a properties file: lower case, '-' for '_'. */
    public static String enumLabel(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String normalize(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Boolean parseBoolean(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true")) {
            return Boolean.TRUE;
        }
        if (v.equals("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException(s);
    }

    private static List<String> parseList(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toList());
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String expected() {
        return expected;
    }

    public String description() {
        return description;
    }

    public boolean isPattern() {
        return name.contains("*");
    }

    /** Whether a concrete key name is this key (or an instance of this pattern key). */
    public boolean matches(String candidate) {
        if (!isPattern()) {
            return name.equals(candidate);
        }
        String[] want = name.split("\\.");
        String[] got = candidate.split("\\.");
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!want[i].equals("*") && !want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }

    /** The concrete key for a pattern key, e.g. {@code data.domain.*.path} with "books". */
    public ConfigKey<T> instance(String segment) {
        if (!isPattern()) {
            throw new IllegalStateException(name + " is not a pattern key");
        }
        return new ConfigKey<>(name.replace("*", segment), defaultValue, parser, valid, expected, description);
    }

    /**
     * Parses and range-checks a raw value.
     *
     * @param raw    the text from the properties file or -D
     * @param origin where the value came from, for the error message
     */
    public T parse(String raw, String origin) {
        T value;
        try {
            value = parser.apply(raw);
        } catch (RuntimeException e) {
            throw new ConfigException(origin + ": " + name + "=" + raw + " is not " + expected);
        }
        if (!valid.test(value)) {
            throw new ConfigException(origin + ": " + name + "=" + raw + " is out of range: expected " + expected);
        }
        return value;
    }

    @Override
    public String toString() {
        return name;
    }
}
