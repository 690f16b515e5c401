package org.uclr.config;

/**
 * A configuration's values as a {@link KeyConstraint} sees them: every key of the catalog already
 * parsed and range-checked, with its default where it was not given.
 */
public interface KeyValues {

    /** The key's value, or its default when not given (null for a required key that is missing). */
    <T> T get(ConfigKey<T> key);

    /** Whether the key was given (a pattern key such as {@code data.domain.*.path}: any instance of it). */
    boolean isSet(ConfigKey<?> key);

    /** Whether the key was given as a -D override (a pattern key: any instance of it). */
    boolean fromCommandLine(ConfigKey<?> key);

    /**
     * The key as an error message shows it: {@code name=value (origin)}, the origin being a file and
     * line, {@code -D}, or {@code default}.
     */
    String show(ConfigKey<?> key);
}
