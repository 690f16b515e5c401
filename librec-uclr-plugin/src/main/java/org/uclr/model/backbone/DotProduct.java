package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/** Batched dot-product scoring of candidate items, the score of every MF-style model. */
public final class DotProduct {
    private DotProduct() {
    }

    /**
     * Arrays made here belong to the index arrays' manager (a step manager), never to the tables'.
     *
     * @param userTable [numUsers, m]
     * @param userIdx   [n] rows of userTable
     * @param itemTable [numItems, m]
     * @param itemIdx   [n, width] rows of itemTable
     * @return [n, width] dot products
     */
    public static NDArray score(NDArray userTable, NDArray userIdx, NDArray itemTable, NDArray itemIdx) {
        NDArray u = userTable.get(userIdx.getManager(), new NDIndex("{}", userIdx)); // [n, m]
        return score(u, itemTable, itemIdx);
    }

    /** Same, with the users' vectors already gathered: userVectors [n, m]. */
    public static NDArray score(NDArray userVectors, NDArray itemTable, NDArray itemIdx) {
        long n = itemIdx.getShape().get(0);
        long width = itemIdx.getShape().get(1);
        NDArray it = itemTable.get(itemIdx.getManager(), new NDIndex("{}", itemIdx.reshape(-1))) // [n * width, m]
                .reshape(n, width, -1);                                          // [n, width, m]
        return it.batchMatMul(userVectors.expandDims(2)).squeeze(2);             // [n, width]
    }
}
