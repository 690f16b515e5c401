package org.uclr.model.uclr;

/** {@code uclr.variant}: the ablation chain of the paper's Tables 4-5, each adding one sub-module. */
public enum UclrVariant {
    /** Pretrained global embedding only (global BPR-MF). */
    PGE,
    /** + a single-stream autoencoder trained with reconstruction only. */
    PGE_AE,
    /** + the dual stream with the contrastive loss and one global temperature. */
    PGE_CL_AE,
    /** + individual, learnable temperatures (user-aware contrastive learning). */
    PGE_UCL_AE,
    /** + the per-domain LoRA finetune: the full method. */
    UCLR;

    boolean hasAutoencoder() {
        return this != PGE;
    }

    boolean hasContrast() {
        return this == PGE_CL_AE || this == PGE_UCL_AE || this == UCLR;
    }

    boolean hasFinetune() {
        return this == UCLR;
    }
}
