package org.uclr.engine;

import java.util.Locale;

/** Why a stage stopped training (written to results.json and training.tsv as {@link #label()}). */
public enum StopReason {
    /** Validation did not improve for {@code patience} epochs: the normal end. */
    PATIENCE,
    /** The epoch cap was reached while validation was still improving within the patience window. */
    CAP,
    /** No served domain has validation users: the stage trained to its cap and kept the last epoch. */
    NO_VALIDATION,
    /** The stage selects nothing on validation ({@code Trainer.keepLastEpoch()}): it trained to its cap and kept the last epoch. */
    FIXED;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
