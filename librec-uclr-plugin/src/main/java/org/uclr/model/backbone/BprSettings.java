package org.uclr.model.backbone;

import org.uclr.config.Settings;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.EpochLimits;

/**
 * How an embedding table pair is trained with BPR, read once from one model's keys ({@link BprKeys}).
 *
 * @param factors   embedding size m
 * @param batchSize triples per step
 * @param adam      optimizer settings
 * @param lambda    L2 weight ({@link org.uclr.engine.EmbeddingL2})
 * @param initStd   Gaussian init standard deviation
 * @param epochs    epoch cap and patience
 */
public record BprSettings(int factors, int batchSize, AdamConfig adam, double lambda, double initStd,
                          EpochLimits epochs) {

    /** The values of a model's BPR keys. */
    public static BprSettings from(Settings s, BprKeys keys) {
        return new BprSettings(s.get(keys.factors()), s.get(keys.batchSize()), AdamConfig.of(s.get(keys.learnRate())),
                s.get(keys.lambda()), s.get(keys.initStd()),
                new EpochLimits(s.get(keys.maxEpochs()), s.get(keys.patience()), keys.maxEpochs().name()));
    }
}
