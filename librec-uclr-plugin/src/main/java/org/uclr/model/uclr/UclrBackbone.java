package org.uclr.model.uclr;

/** {@code uclr.backbone}: the model UCLR's stage 1 pretrains over all domains (paper appendix A.4, Table 6). */
public enum UclrBackbone {
    /** Global BPR-MF: one user table and one item table over every domain (the paper's default, eq. 2). */
    BPRMF,
    /** LightGCN on the joint graph of the shared users and every domain's items. */
    LIGHTGCN
}
