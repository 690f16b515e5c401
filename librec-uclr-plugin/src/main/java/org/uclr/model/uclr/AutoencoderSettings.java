package org.uclr.model.uclr;

import org.uclr.config.Settings;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.EpochLimits;

import java.util.List;

/**
 * Stage 2's settings (the contrastive dual-stream collaborative autoencoder, paper section 3.4).
 *
 * @param hidden    encoder layer sizes after the input (the decoder mirrors them)
 * @param maskMode  row or feature masking of the generative stream
 * @param maskRatio masked fraction
 * @param alpha     reconstruction weight (eq. 5)
 * @param batchSize users per step (the contrastive negatives are the batch's other users)
 * @param adam      optimizer settings
 * @param epochs    epoch cap and patience
 */
public record AutoencoderSettings(List<Integer> hidden, MaskMode maskMode, double maskRatio, double alpha,
                                  int batchSize, AdamConfig adam, EpochLimits epochs) {

    public static AutoencoderSettings from(Settings s) {
        return new AutoencoderSettings(s.get(UclrKeys.HIDDEN), s.get(UclrKeys.MASK_MODE), s.get(UclrKeys.MASK_RATIO),
                s.get(UclrKeys.ALPHA), s.get(UclrKeys.BATCH_SIZE), AdamConfig.of(s.get(UclrKeys.LEARN_RATE)),
                new EpochLimits(s.get(UclrKeys.MAX_EPOCHS), s.get(UclrKeys.PATIENCE), UclrKeys.MAX_EPOCHS.name()));
    }
}
