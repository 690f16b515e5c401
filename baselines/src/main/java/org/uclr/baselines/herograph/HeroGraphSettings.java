package org.uclr.baselines.herograph;

import org.uclr.config.Settings;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.EpochLimits;

/**
 * HeroGraph's hyperparameters, read once from the herograph.* keys.
 *
 * @param factors   embedding size m of every table
 * @param batchSize BPR triples per step over all domains
 * @param adam      optimizer settings
 * @param lambda    L2 weight ({@link org.uclr.engine.EmbeddingL2}) on the batch's user and item vectors
 * @param initStd   Gaussian init standard deviation of every table
 * @param hops      steps of the recurrent attention (&gt;= 1)
 * @param epochs    epoch cap and patience
 */
public record HeroGraphSettings(int factors, int batchSize, AdamConfig adam, double lambda, double initStd, int hops,
                                EpochLimits epochs) {

    public static HeroGraphSettings from(Settings s) {
        return new HeroGraphSettings(s.get(HeroGraphKeys.FACTORS), s.get(HeroGraphKeys.BATCH_SIZE),
                AdamConfig.of(s.get(HeroGraphKeys.LEARN_RATE)), s.get(HeroGraphKeys.LAMBDA),
                s.get(HeroGraphKeys.INIT_STD), s.get(HeroGraphKeys.HOPS),
                new EpochLimits(s.get(HeroGraphKeys.MAX_EPOCHS), s.get(HeroGraphKeys.PATIENCE),
                        HeroGraphKeys.MAX_EPOCHS.name()));
    }
}
