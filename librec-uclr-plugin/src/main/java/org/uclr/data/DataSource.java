package org.uclr.data;

/** Where a job's interactions come from. */
public enum DataSource {
    /** TSV files, one per domain ({@code data.domain.<name>.path}). */
    FILES,
    /** The seeded synthetic generator ({@code data.synthetic.*}). */
    SYNTHETIC
}
