package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import org.uclr.engine.ModelArchive;
import org.uclr.engine.TrainingOutcome;
import org.uclr.engine.Validation;

/**
 * A user and item embedding model trained with BPR (BPR-MF, LightGCN): what a baseline trains per domain
 * and what UCLR pretrains over all domains as its stage 1 (paper section 3.3 and appendix A.4). The
 * score of (user, item) is the dot product of their final embeddings.
 */
public interface Backbone extends AutoCloseable {

    /**
     * Trains until validation stops improving, keeping the best epoch (epoch 0 included).
     *
     * @param triples    the training triples (negatives from each positive's own domain)
     * @param validation the early-stopping signal (joint over its domains)
     * @param label      stage name for logs and training.tsv; also names the batch order's random stream
     */
    TrainingOutcome train(BprTriples triples, Validation validation, String label);

    /** Final user embeddings [numUsers, m] (for UCLR: W0); owned by the model, do not close. */
    NDArray users();

    /** Final item embeddings [numItems, m]; owned by the model, do not close. */
    NDArray items();

    /** Scores: users [n], items [n, width] (indices into this model's tables) to [n, width]. */
    default NDArray score(NDArray userIdx, NDArray itemIdx) {
        return DotProduct.score(users(), userIdx, items(), itemIdx);
    }

    /** Puts the trained parameters into a saved model, under {@code prefix/...}. */
    void save(ModelArchive out, String prefix);

    /** Restores the parameters {@link #save} put under {@code prefix} (this model must have the same shapes). */
    void load(ModelArchive in, String prefix);

    @Override
    void close();
}
