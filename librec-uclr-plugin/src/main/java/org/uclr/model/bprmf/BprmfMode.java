package org.uclr.model.bprmf;

/** {@code bprmf.mode}. */
public enum BprmfMode {
    /** One model per domain: the single-domain baseline. */
    PER_DOMAIN,
    /** One user table and one item table over all domains: the paper's pretrained global embedding (PGE). */
    GLOBAL
}
