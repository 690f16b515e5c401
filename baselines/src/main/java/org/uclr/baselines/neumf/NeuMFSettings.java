package org.uclr.baselines.neumf;

import org.uclr.config.Settings;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.EpochLimits;

/**
 * NeuMF's hyperparameters, read once from the neumf.* keys.
 *
 * @param factors   embedding size m of each branch
 * @param negatives sampled negatives per positive
 * @param batchSize labelled pairs per step
 * @param adam      optimizer settings
 * @param initStd   Gaussian init standard deviation of the embeddings
 * @param epochs    epoch cap and patience
 */
public record NeuMFSettings(int factors, int negatives, int batchSize, AdamConfig adam, double initStd,
                            EpochLimits epochs) {

    public static NeuMFSettings from(Settings s) {
        return new NeuMFSettings(s.get(NeuMFKeys.FACTORS), s.get(NeuMFKeys.NEGATIVES), s.get(NeuMFKeys.BATCH_SIZE),
                AdamConfig.of(s.get(NeuMFKeys.LEARN_RATE)), s.get(NeuMFKeys.INIT_STD),
                new EpochLimits(s.get(NeuMFKeys.MAX_EPOCHS), s.get(NeuMFKeys.PATIENCE), NeuMFKeys.MAX_EPOCHS.name()));
    }
}
