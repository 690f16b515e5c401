package org.uclr.model.uclr;

import org.uclr.config.Settings;

import java.util.List;

/**
 * UCLR's hyperparameters after the pretraining stage, read once.
 *
 * @param variant           ablation variant
 * @param hidden            encoder layer sizes (decoder mirrored)
 * @param maskMode          row or feature masking
 * @param maskRatio         masked fraction
 * @param alpha             reconstruction weight (eq. 5)
 * @param batchSize         users per autoencoder step
 * @param learningRate      Adam learning rate of the autoencoder stage
 * @param maxEpochs         autoencoder epoch limit
 * @param patience          autoencoder early-stopping patience
 * @param temperatures      temperature optimizer settings
 * @param scoring           decoded or raw user vectors for scoring
 * @param loraRank          r
 * @param loraInitStd       std of A_d's init
 * @param finetuneItems     whether item embeddings are finetuned
 * @param finetuneRate      Adam learning rate of the finetune
 * @param finetuneBatch     BPR triples per finetune step
 * @param contrastUsers     users in the combined loss per finetune step
 * @param combinedWeight    weight of the combined loss in the finetune
 * @param finetuneAutoencoder whether the autoencoder copy is trained in the finetune
 * @param finetuneEpochs    finetune epoch limit per domain
 * @param finetunePatience  finetune early-stopping patience
 */
public record UclrHyperParameters(UclrVariant variant, List<Integer> hidden, MaskMode maskMode, double maskRatio,
                                  double alpha, int batchSize, double learningRate, int maxEpochs, int patience,
                                  TemperatureSettings temperatures, UserScoring scoring, int loraRank,
                                  double loraInitStd, boolean finetuneItems, double finetuneRate, int finetuneBatch,
                                  int contrastUsers, double combinedWeight, boolean finetuneAutoencoder, int finetuneEpochs, int finetunePatience) {

    public static UclrHyperParameters from(Settings s) {
        UclrVariant variant = s.get(UclrKeys.VARIANT);
        // CL-AE is defined by its single global temperature
        TemperatureMode mode = variant == UclrVariant.PGE_CL_AE ? TemperatureMode.GLOBAL : s.get(UclrKeys.TEMPERATURE);
        return new UclrHyperParameters(variant, s.get(UclrKeys.HIDDEN), s.get(UclrKeys.MASK_MODE),
                s.get(UclrKeys.MASK_RATIO), s.get(UclrKeys.ALPHA), s.get(UclrKeys.BATCH_SIZE),
                s.get(UclrKeys.LEARN_RATE), s.get(UclrKeys.MAX_EPOCHS), s.get(UclrKeys.PATIENCE),
                TemperatureSettings.from(s, mode), s.get(UclrKeys.SCORE_USER), s.get(UclrKeys.LORA_RANK),
                s.get(UclrKeys.LORA_INIT_STD), s.get(UclrKeys.FINETUNE_ITEMS), s.get(UclrKeys.FINETUNE_LEARN_RATE),
                s.get(UclrKeys.FINETUNE_BATCH_SIZE), s.get(UclrKeys.FINETUNE_CONTRAST_USERS),
                s.get(UclrKeys.FINETUNE_COMBINED_WEIGHT), s.get(UclrKeys.FINETUNE_AUTOENCODER),
                s.get(UclrKeys.FINETUNE_MAX_EPOCHS), s.get(UclrKeys.FINETUNE_PATIENCE));
    }
}
