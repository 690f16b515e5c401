package org.uclr.engine;

import java.util.List;

/**
 * What one early-stopped stage did ({@link Trainer#fit()}).
 *
 * @param label             the stage, e.g. "bprmf/books" or "uclr/autoencoder"
 * @param domains           the domains it served (validation order)
 * @param perDomain         whether each domain kept its own best epoch
 * @param epochs            epochs trained
 * @param bestEpoch         epoch of the kept parameters by the stage's selection signal (0: the starting
 *                          point; with per-domain selection, the best macro epoch); -1 when unvalidated
 * @param bestValidation    the selection signal at bestEpoch (mean validation NDCG@10 over the domains
 *                          with validation users); NaN when unvalidated
 * @param domainBestEpoch   per domain, the epoch it keeps (per-domain selection) or bestEpoch (joint)
 * @param domainValidation  per domain, its validation NDCG@10 at the epoch it keeps (NaN: no validation users)
 * @param domainStates      per domain, the saved parameters of the epoch it keeps
 * @param ownBestStates     per domain, the parameters of the stage's own best epoch (per domain with per-domain
 *                          selection, else the best macro epoch), the starting point excluded: where the stage did
 *                          not beat its start these are what it learned, not the start it keeps (the start's
 *                          parameters only when no epoch was validated or none improved on the first)
 * @param stoppedBy         why training ended
 * @param trainSeconds      wall time of the training steps (validation excluded), seconds
 * @param validationSeconds wall time of validation, seconds
 */
public record TrainingOutcome(String label, List<String> domains, boolean perDomain, int epochs, int bestEpoch,
                              double bestValidation, int[] domainBestEpoch, double[] domainValidation,
                              List<Checkpoint.State> domainStates, List<Checkpoint.State> ownBestStates,
                              StopReason stoppedBy, double trainSeconds, double validationSeconds) {

    /** The same outcome recorded under another stage label (e.g. a second training of one model). */
    public TrainingOutcome withLabel(String newLabel) {
        return new TrainingOutcome(newLabel, domains, perDomain, epochs, bestEpoch, bestValidation, domainBestEpoch,
                domainValidation, domainStates, ownBestStates, stoppedBy, trainSeconds, validationSeconds);
    }

    /**
     * The same outcome without its saved parameters (empty state lists), for a record kept as long as the job: the
     * states are host copies of every trained table (45 MB per Douban Books item table and state), which a
     * report never reads.
     */
    public TrainingOutcome withoutStates() {
        return new TrainingOutcome(label, domains, perDomain, epochs, bestEpoch, bestValidation, domainBestEpoch,
                domainValidation, List.of(), List.of(), stoppedBy, trainSeconds, validationSeconds);
    }

    /** Whether domain k kept the starting point (epoch 0), i.e. this stage did not improve it. */
    public boolean keptStartingPoint(int k) {
        return domainBestEpoch[k] == 0;
    }

    public double trainSecondsPerEpoch() {
        return epochs == 0 ? 0 : trainSeconds / epochs;
    }

    /** Validation runs once per epoch and once for the starting point. */
    public double validationSecondsPerEpoch() {
        return validationSeconds / (epochs + 1);
    }
}
