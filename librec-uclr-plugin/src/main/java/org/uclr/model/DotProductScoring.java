package org.uclr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A model whose score of (user, item) in a domain is the dot product of a user vector and an item vector
 * (BPR-MF, LightGCN, every stage of UCLR, CAT-ART's ART, popularity). Scoring users against every item is
 * then one matrix product ({@link MultiDomainRecommender#scoreAllItems}) instead of a gather per pair.
 * Both methods must give exactly the vectors {@code scoreBatch} multiplies.
 */
public interface DotProductScoring {

    /**
     * @param step  manager of the caller's step (new arrays belong to it)
     * @param users [n] global user indices (int64)
     * @return [n, m] the users' vectors in the domain
     */
    NDArray userVectors(NDManager step, int domain, NDArray users);

    /**
     * @return [numItems, m] the domain's item vectors, in local item order (a view or a step-owned copy;
     *         the caller never closes it)
     */
    NDArray itemVectors(NDManager step, int domain);
}
