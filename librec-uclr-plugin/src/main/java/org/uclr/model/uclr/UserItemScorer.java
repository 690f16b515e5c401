package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** How one domain's candidates are scored at the current stage of UCLR. */
@FunctionalInterface
interface UserItemScorer {
    /** users [n], items [n, width] (local item indices) to scores [n, width]. */
    NDArray score(NDManager step, NDArray users, NDArray items);
}
