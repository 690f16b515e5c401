package org.uclr.engine;

/**
 * How long a stage may train.
 *
 * @param maxEpochs the cap (&gt;= 1)
 * @param patience  epochs without a better validation NDCG@10 before stopping (&gt;= 1)
 * @param capKey    the configuration key that sets the cap, named when training ends at it
 */
public record EpochLimits(int maxEpochs, int patience, String capKey) {
    public EpochLimits {
        if (maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("maxEpochs and patience must be at least 1");
        }
    }
}
