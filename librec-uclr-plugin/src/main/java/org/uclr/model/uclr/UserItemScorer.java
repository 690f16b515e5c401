package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.uclr.model.backbone.DotProduct;

/**
 * How one domain is scored at the current stage of UCLR: every stage dots a user vector (W0[u],
 * dec(enc(W0[u])), W_d[u] or dec(enc(W_d[u]))) with the domain's item embeddings.
 */
interface UserItemScorer {
    /** users [n] to their vectors [n, m]. */
    NDArray userVectors(NDManager step, NDArray users);

    /** The domain's item embeddings [numItems, m] (a view or a step-owned array). */
    NDArray itemVectors(NDManager step);

    /** users [n], items [n, width] (local item indices) to scores [n, width]. */
    default NDArray score(NDManager step, NDArray users, NDArray items) {
        return DotProduct.score(userVectors(step, users), itemVectors(step), items);
    }
}
