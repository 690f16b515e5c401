package org.uclr.model.uclr;

import org.uclr.config.Settings;

/**
 * UCLR's hyperparameters after the pretraining stage (whose settings are the backbone's own keys),
 * read once, grouped by stage.
 *
 * @param variant       ablation variant
 * @param autoencoder   stage 2
 * @param temperatures  the temperature optimizer of the contrastive loss
 * @param finetune      stage 3
 * @param scoring       decoded or raw user vectors for scoring
 * @param keepBestStage whether each domain keeps the best stage on validation (else every stage replaces
 *                      the previous one, as the paper's pipeline reads)
 */
public record UclrHyperParameters(UclrVariant variant, AutoencoderSettings autoencoder,
                                  TemperatureSettings temperatures, FinetuneSettings finetune, UserScoring scoring,
                                  boolean keepBestStage) {

    public static UclrHyperParameters from(Settings s) {
        UclrVariant variant = s.get(UclrKeys.VARIANT);
        // CL-AE is defined by its single global temperature
        TemperatureMode mode = variant == UclrVariant.PGE_CL_AE ? TemperatureMode.GLOBAL : s.get(UclrKeys.TEMPERATURE);
        return new UclrHyperParameters(variant, AutoencoderSettings.from(s), TemperatureSettings.from(s, mode),
                FinetuneSettings.from(s), s.get(UclrKeys.SCORE_USER), s.get(UclrKeys.KEEP_BEST_STAGE));
    }
}
