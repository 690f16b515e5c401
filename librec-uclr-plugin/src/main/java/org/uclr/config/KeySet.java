package org.uclr.config;

import java.util.List;

/**
 * A group of configuration keys that one component owns (the data layer, the engine, a model).
 * Implementations are found with {@link java.util.ServiceLoader}, so a model in another module
 * registers its keys by listing its KeySet in {@code META-INF/services/org.uclr.config.KeySet}.
 */
public interface KeySet {

    /** The keys, each with its default and valid range. */
    List<ConfigKey<?>> keys();

    /**
     * Prefixes this set owns, such as {@code "bprmf."}: an unknown key under an owned prefix is an error.
     * Keys outside every owned prefix belong to LibRec or to nobody and pass through.
     */
    List<String> ownedPrefixes();

    /**
     * Rules between keys that no single range expresses (such as {@code uclr.tau.min <= uclr.tau.max}),
     * checked together once every key has passed its own check. They may name keys of other sets.
     */
    default List<KeyConstraint> constraints() {
        return List.of();
    }
}
