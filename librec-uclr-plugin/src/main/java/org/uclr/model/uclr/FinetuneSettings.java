package org.uclr.model.uclr;

import org.uclr.config.Settings;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.EpochLimits;

/**
 * Stage 3's settings (the domain-aware LoRA finetune, paper section 3.5, eqs. 6-7).
 *
 * @param loraRank       rank r of W_d = W0 + B_d A_d
 * @param loraInitStd    standard deviation of A_d's Gaussian init (B_d starts at zero)
 * @param adam           optimizer settings
 * @param batchSize      BPR triples per step
 * @param contrastUsers  users in the combined loss per step
 * @param combinedWeight weight of the combined loss (eq. 7 has 1)
 * @param items          whether the domain's item embeddings are finetuned too
 * @param autoencoder    whether a per-domain copy of the autoencoder is finetuned too
 * @param epochs         epoch cap and patience, per domain
 */
public record FinetuneSettings(int loraRank, double loraInitStd, AdamConfig adam, int batchSize, int contrastUsers,
                               double combinedWeight, boolean items, boolean autoencoder, EpochLimits epochs) {

    public static FinetuneSettings from(Settings s) {
        return new FinetuneSettings(s.get(UclrKeys.LORA_RANK), s.get(UclrKeys.LORA_INIT_STD),
                AdamConfig.of(s.get(UclrKeys.FINETUNE_LEARN_RATE)), s.get(UclrKeys.FINETUNE_BATCH_SIZE),
                s.get(UclrKeys.FINETUNE_CONTRAST_USERS), s.get(UclrKeys.FINETUNE_COMBINED_WEIGHT),
                s.get(UclrKeys.FINETUNE_ITEMS), s.get(UclrKeys.FINETUNE_AUTOENCODER),
                new EpochLimits(s.get(UclrKeys.FINETUNE_MAX_EPOCHS), s.get(UclrKeys.FINETUNE_PATIENCE),
                        UclrKeys.FINETUNE_MAX_EPOCHS.name()));
    }

    /** The same settings with the combined loss off (weight 0): the BPR loss of eq. 6 alone. */
    public FinetuneSettings withoutCombinedLoss() {
        return new FinetuneSettings(loraRank, loraInitStd, adam, batchSize, contrastUsers, 0, items, autoencoder, epochs);
    }
}
