package org.uclr.model.backbone;

import org.uclr.config.ConfigKey;

import java.util.List;

/**
 * The keys one model uses to train BPR embeddings (bprmf.*, catart.*), so every model reads the same
 * setting from its own namespace through {@link BprSettings#from} and none passes them positionally.
 */
public record BprKeys(ConfigKey<Integer> factors, ConfigKey<Integer> batchSize, ConfigKey<Double> learnRate,
                      ConfigKey<Double> lambda, ConfigKey<Double> initStd, ConfigKey<Integer> maxEpochs,
                      ConfigKey<Integer> patience) {

    public List<ConfigKey<?>> all() {
        return List.of(factors, batchSize, learnRate, lambda, initStd, maxEpochs, patience);
    }
}
