package org.uclr.baselines.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row per early-stopped training stage (label, epochs, best epoch, its validation NDCG@10, mean
 * training seconds per epoch), written next to results.json as training.tsv: where a run's time went
 * and which stages helped.
 */
public final class TrainingSummary {
    public static final String FILE_NAME = "training.tsv";

    private final List<String> rows = new ArrayList<>();

    public void add(String label, EarlyStoppedTraining.Outcome outcome) {
        rows.add(String.format(Locale.ROOT, "%s\t%d\t%d\t%.6f\t%.3f", label, outcome.epochs(), outcome.bestEpoch(),
                outcome.bestValidation(), outcome.trainSecondsPerEpoch()));
    }

    public String tsv() {
        StringBuilder sb = new StringBuilder("stage\tepochs\tbest_epoch\tbest_val_ndcg10\ttrain_seconds_per_epoch\n");
        rows.forEach(r -> sb.append(r).append('\n'));
        return sb.toString();
    }
}
