package org.uclr.baselines.crossdomain;

import org.uclr.engine.Scalars;
import ai.djl.ndarray.NDArray;

/**
 * Scaled dot-product attention over a user's representations in several domains (Vaswani et al.,
 * 2017, eq. 1, with one query per user): weights softmax_s(q . k_s / sqrt(m)) over the S domains, and
 * the weighted sum of the values. CAT-ART's ART (Li et al., WSDM 2023) and HeroGraph's cross-domain
 * aggregation both attend this way; each row's weights sum to one.
 */
public final class DomainAttention {
    private DomainAttention() {
    }

    /**
     * @param query [n, m] one query per user
     * @param keys  [n, S, m] the user's key in each of S domains
     * @return [n, S] softmax over S of query . key / sqrt(m)
     */
    public static NDArray weights(NDArray query, NDArray keys) {
        float scale = (float) (1 / Math.sqrt(query.getShape().get(1)));
        return Scalars.mul(keys.batchMatMul(query.expandDims(2)).squeeze(2), scale).softmax(1);
    }

    /**
     * @param values  [n, S, m]
     * @param weights [n, S], e.g. from {@link #weights}
     * @return [n, m] sum_s weights[:, s] values[:, s, :]
     */
    public static NDArray pool(NDArray values, NDArray weights) {
        return values.mul(weights.expandDims(2)).sum(new int[]{1});
    }
}
