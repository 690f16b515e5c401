package org.uclr.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A rule between configuration keys that no single key's range can express, such as
 * {@code uclr.tau.min <= uclr.tau.max}. A {@link KeySet} declares its rules next to its keys; the
 * {@link KeyCatalog} checks every rule once each key has passed its own check, before anything is
 * loaded or trained. A broken rule is one line naming every key involved with its value and where
 * it came from. A rule is an error, or a warning when the configuration still means one thing but
 * part of it has no effect (a key the chosen variant never reads).
 */
public final class KeyConstraint {
    private final String rule;
    private final List<ConfigKey<?>> keys;
    private final Function<KeyValues, String> broken;
    private final boolean warning;

    private KeyConstraint(String rule, List<ConfigKey<?>> keys, Function<KeyValues, String> broken, boolean warning) {
        this.rule = Objects.requireNonNull(rule);
        this.keys = List.copyOf(keys);
        this.broken = broken;
        this.warning = warning;
    }

    /**
     * A rule written by hand.
     *
     * @param rule   the rule as the documentation states it
     * @param keys   every key the rule reads
     * @param broken the one-line message when the rule is broken, else null
     */
    public static KeyConstraint of(String rule, List<ConfigKey<?>> keys, Function<KeyValues, String> broken) {
        return new KeyConstraint(rule, keys, broken, false);
    }

    /** {@code lower <= upper}; the message names both keys, their values and origins, and why. */
    public static <T extends Comparable<? super T>> KeyConstraint atMost(ConfigKey<T> lower, ConfigKey<T> upper,
                                                                         String why) {
        return of("`" + lower + "` <= `" + upper + "`: " + why, List.of(lower, upper),
                v -> v.get(lower).compareTo(v.get(upper)) > 0
                        ? v.show(lower) + " is above " + v.show(upper) + ": " + why : null);
    }

    /**
     * Two values that contradict each other.
     *
     * @param onlyIfGiven the rule applies only when {@code a} was given (its default is no contradiction)
     */
    public static <A, B> KeyConstraint notTogether(ConfigKey<A> a, A aValue, ConfigKey<B> b, B bValue,
                                                   boolean onlyIfGiven, String why) {
        return of("not `" + a + "=" + label(aValue) + "` with `" + b + "=" + label(bValue) + "`: " + why, List.of(a, b),
                v -> (!onlyIfGiven || v.isSet(a)) && aValue.equals(v.get(a)) && bValue.equals(v.get(b))
                        ? v.show(a) + " contradicts " + v.show(b) + ": " + why : null);
    }

    /**
     * A warning: when {@code unused} holds for {@code switchKey}'s value, the listed keys are not read,
     * so giving any of them has no effect.
     */
    public static <S> KeyConstraint unusedWhen(ConfigKey<S> switchKey, Predicate<S> unused, String when,
                                               List<ConfigKey<?>> ignored) {
        String names = ignored.stream().map(k -> "`" + k + "`").collect(Collectors.joining(", "));
        List<ConfigKey<?>> all = new java.util.ArrayList<>(ignored);
        all.add(0, switchKey);
        return new KeyConstraint(names + " have no effect when " + when, all, v -> {
            if (!unused.test(v.get(switchKey))) {
                return null;
            }
            List<String> given = ignored.stream().filter(v::isSet).map(v::show).toList();
            return given.isEmpty() ? null : v.show(switchKey) + " does not read " + String.join(", ", given)
                    + ": they have no effect";
        }, true);
    }

    /** The same rule, reported as a warning instead of an error. */
    public KeyConstraint asWarning() {
        return new KeyConstraint(rule, keys, broken, true);
    }

    /** The rule as the documentation states it (Markdown). */
    public String rule() {
        return rule;
    }

    public List<ConfigKey<?>> keys() {
        return keys;
    }

    public boolean isWarning() {
        return warning;
    }

    /** The one-line message when the rule is broken, else null. */
    public String check(KeyValues values) {
        return broken.apply(values);
    }

    private static String label(Object value) {
        return value instanceof Enum<?> e ? ConfigKey.enumLabel(e) : String.valueOf(value);
    }

    @Override
    public String toString() {
        return rule;
    }
}
