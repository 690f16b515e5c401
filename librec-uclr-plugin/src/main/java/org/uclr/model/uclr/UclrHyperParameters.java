package org.uclr.model.uclr;

import org.uclr.config.Settings;

import java.util.List;

/**
 * UCLR's hyperparameters after the pretraining stage (whose settings are the backbone's own keys),
 * read once, grouped by stage.
 *
 * @param variant       ablation variant
 * @param autoencoder   stage 2
 * @param temperatures  the temperature optimizer of the contrastive loss
 * @param finetune      stage 3
 * @param scoring       decoded, raw or shrunk user vectors for scoring
 * @param shrinkGrid    candidate prior weights k of shrunk scoring (0 and +infinity allowed)
 * @param keepBestStage whether each domain keeps the best stage on validation (else every stage replaces
 *                      the previous one, as the paper's pipeline reads)
 */
public record UclrHyperParameters(UclrVariant variant, AutoencoderSettings autoencoder,
                                  TemperatureSettings temperatures, FinetuneSettings finetune, UserScoring scoring,
                                  List<Double> shrinkGrid, boolean keepBestStage) {

    public static UclrHyperParameters from(Settings s) {
        UclrVariant variant = s.get(UclrKeys.VARIANT);
        // CL-AE is defined by its single global temperature
        TemperatureMode mode = variant == UclrVariant.PGE_CL_AE ? TemperatureMode.GLOBAL : s.get(UclrKeys.TEMPERATURE);
        return new UclrHyperParameters(variant, AutoencoderSettings.from(s), TemperatureSettings.from(s, mode),
                FinetuneSettings.from(s), s.get(UclrKeys.SCORE_USER), s.get(UclrKeys.SHRINK_GRID),
                s.get(UclrKeys.KEEP_BEST_STAGE));
    }

    /** The same hyperparameters with stage 3's replaced. */
    public UclrHyperParameters withFinetune(FinetuneSettings f) {
        return new UclrHyperParameters(variant, autoencoder, temperatures, f, scoring, shrinkGrid, keepBestStage);
    }
}
