package org.uclr.model.uclr;

/** {@code uclr.mask.mode}: how the generative stream's input is masked. */
public enum MaskMode {
    /** The paper's text: a ratio of the batch's user rows replaced by zero vectors. */
    ROW,
    /** A ratio of each row's entries zeroed (every user keeps a partial view of itself). */
    FEATURE
}
