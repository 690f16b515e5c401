package org.uclr.model.uclr;

/**
 * {@code uclr.shrink.weights}: with {@code uclr.score.user=shrunk}, which autoencoder weights a domain's shrunk
 * vectors mix in where the autoencoder stage did not beat the previous stage's validation on its own (decoded
 * scoring). Beyond the paper. In every case k = 0 of {@code uclr.shrink.grid} is the previous stage's scoring, so
 * shrinkage never lowers a domain's validation.
 */
public enum ShrinkWeights {
    /**
     * The weights the stage keeps for its mean over domains (the behaviour before this key existed): when no epoch
     * beat the starting point, its untrained initialization, whose decoded vectors are noise. k = 0 usually wins, but
     * validation may pick a small k &gt; 0 inside its noise, and then a user without training interactions in the
     * domain (k / (0 + k) = 1; never a validation user) is scored by the untrained network alone.
     */
    KEPT,
    /**
     * The stage's own best epoch, the starting point excluded: what it learned, offered to the shrunk mix even
     * where the decoded vectors alone score below the previous stage.
     */
    TRAINED,
    /**
     * None: a domain whose autoencoder lost keeps the previous stage's scoring (k = 0 without a search), so no user is
     * ever scored by an untrained network and the finetune starts from the previous stage, as without the stage.
     */
    NONE
}
