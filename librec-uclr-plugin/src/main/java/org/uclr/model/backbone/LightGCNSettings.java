package org.uclr.model.backbone;

import org.uclr.config.Settings;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.EpochLimits;

/**
 * LightGCN's hyperparameters, read once from the lightgcn.* keys.
 *
 * @param factors   embedding size m
 * @param layers    propagation layers K
 * @param batchSize BPR triples per step
 * @param adam      optimizer settings
 * @param lambda    weight of {@link org.uclr.engine.EmbeddingL2} on the batch's layer-0 rows: the authors'
 *                  decay / 2 (their code scales the summed squared norms by decay / (2 batch))
 * @param initStd   Gaussian init standard deviation of the layer-0 embeddings
 * @param epochs    epoch cap and patience
 */
public record LightGCNSettings(int factors, int layers, int batchSize, AdamConfig adam, double lambda, double initStd,
                               EpochLimits epochs) {

    public static LightGCNSettings from(Settings s) {
        return new LightGCNSettings(s.get(LightGCNKeys.FACTORS), s.get(LightGCNKeys.LAYERS),
                s.get(LightGCNKeys.BATCH_SIZE), AdamConfig.of(s.get(LightGCNKeys.LEARN_RATE)),
                s.get(LightGCNKeys.DECAY) / 2, s.get(LightGCNKeys.INIT_STD),
                new EpochLimits(s.get(LightGCNKeys.MAX_EPOCHS), s.get(LightGCNKeys.PATIENCE),
                        LightGCNKeys.MAX_EPOCHS.name()));
    }
}
