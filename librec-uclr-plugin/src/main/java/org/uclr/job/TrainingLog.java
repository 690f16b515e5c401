package org.uclr.job;

import org.uclr.engine.TrainingOutcome;

import java.util.List;
import java.util.Locale;

/**
 * training.tsv, written next to results.json by every job: one row per training stage and domain it
 * served (epochs run, the epoch kept and its validation NDCG@10, why training stopped, mean seconds of
 * training and of validation per epoch), to see where a run's time went and which stages helped.
 */
public final class TrainingLog {
    public static final String FILE_NAME = "training.tsv";

    private TrainingLog() {
    }

    public static String tsv(List<TrainingOutcome> outcomes) {
        StringBuilder sb = new StringBuilder(
                "stage\tdomain\tepochs\tbest_epoch\tbest_val_ndcg10\tstopped_by\ttrain_seconds_per_epoch\tvalidation_seconds_per_epoch\n");
        for (TrainingOutcome t : outcomes) {
            for (int k = 0; k < t.domains().size(); k++) {
                sb.append(String.format(Locale.ROOT, "%s\t%s\t%d\t%d\t%.6f\t%s\t%.3f\t%.3f%n", t.label(),
                        t.domains().get(k), t.epochs(), t.domainBestEpoch()[k], t.domainValidation()[k],
                        t.stoppedBy().label(), t.trainSecondsPerEpoch(), t.validationSecondsPerEpoch()));
            }
        }
        return sb.toString();
    }
}
