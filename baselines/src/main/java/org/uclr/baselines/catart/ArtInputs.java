package org.uclr.baselines.catart;

/** {@code catart.art.inputs}: what ART adds to the target-domain user embedding (for ablations). */
public enum ArtInputs {
    /** Attention over the other domains and the CAT encoding: the model. */
    BOTH,
    /** Only attention over the other domains' embeddings (CAT is not trained). */
    ATTENTION,
    /** Only the map of the CAT encoding. */
    CAT,
    /** Nothing: ART is a plain BPR finetune of stage 1 (isolates the effect of training on). */
    NONE;

    boolean attention() {
        return this == BOTH || this == ATTENTION;
    }

    boolean cat() {
        return this == BOTH || this == CAT;
    }
}
