package org.uclr.model.bprmf;

import org.uclr.config.Settings;

/**
 * BPRMF's hyperparameters, read once from the configuration.
 *
 * @param factors      embedding size m
 * @param batchSize    triples per step
 * @param learningRate Adam learning rate
 * @param lambda       L2 weight
 * @param initStd      Gaussian init standard deviation
 * @param maxEpochs    epoch limit
 * @param patience     early-stopping patience
 */
public record BprHyperParameters(int factors, int batchSize, double learningRate, double lambda, double initStd,
                                 int maxEpochs, int patience) {

    public static BprHyperParameters from(Settings s) {
        return new BprHyperParameters(s.get(BprmfKeys.FACTORS), s.get(BprmfKeys.BATCH_SIZE),
                s.get(BprmfKeys.LEARN_RATE), s.get(BprmfKeys.LAMBDA), s.get(BprmfKeys.INIT_STD),
                s.get(BprmfKeys.MAX_EPOCHS), s.get(BprmfKeys.PATIENCE));
    }
}
