package org.uclr.model.uclr;

/** {@code uclr.score.user}: which user vector is dotted with item embeddings. */
public enum UserScoring {
    /** dec(enc(W[u])): the autoencoder's reconstruction of the user embedding. */
    DECODED,
    /** W[u] itself (the PGE or LoRA-adapted embedding). */
    EMBEDDING
}
