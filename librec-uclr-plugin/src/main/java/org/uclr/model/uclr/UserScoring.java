package org.uclr.model.uclr;

/** {@code uclr.score.user}: which user vector is dotted with item embeddings. */
public enum UserScoring {
    /** dec(enc(W[u])): the autoencoder's reconstruction of the user embedding. */
    DECODED,
    /** W[u] itself (the PGE or LoRA-adapted embedding). */
    EMBEDDING,
    /**
     * W[u] + beta_u (dec(enc(W[u])) - W[u]) with beta_u = k_d / (n_u + k_d), n_u the user's training
     * interactions in the domain: the decoded vector as a prior worth k_d interactions; k_d chosen per domain
     * on validation from {@code uclr.shrink.grid} (0: W[u], inf: decoded). Beyond the paper.
     */
    SHRUNK
}
