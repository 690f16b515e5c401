package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * {@code uclr.domain.model=route} in one domain: a user with more than t training interactions there is scored
 * by the domain's own model (the per-domain baseline), any other user by UCLR's pipeline. Each user's candidates
 * all come from one model, so the per-user ranking metrics see one model per user. Beyond the paper: UCLR's
 * premise is that ordinary per-domain embeddings serve inactive users badly; active users are the ones they do
 * serve.
 */
final class ActivityRouting {
    private final int[] activity;
    private final double threshold;

    /**
     * @param activity  per user (global index), training interactions in the domain
     * @param threshold t: users with more than t go to the domain's own model (+infinity: none do)
     */
    ActivityRouting(int[] activity, double threshold) {
        this.activity = activity;
        this.threshold = threshold;
    }

    double threshold() {
        return threshold;
    }

    /**
     * Row-wise choice between the two models' scores.
     *
     * @param users        [n] global user indices (int64)
     * @param ownScores    [n, w] the per-domain model's scores of the rows' candidates
     * @param uclrScores   [n, w] UCLR's scores of the same candidates
     * @return [n, w] row r from ownScores where users[r] has more than t training interactions, else from uclrScores
     */
    NDArray pick(NDManager step, NDArray users, NDArray ownScores, NDArray uclrScores) {
        long[] rows = users.toLongArray();
        boolean[] own = new boolean[rows.length];
        for (int r = 0; r < rows.length; r++) {
            own[r] = activity[(int) rows[r]] > threshold;
        }
        // DJL's where does not broadcast: the [n, 1] mask is expanded (a view) to the scores' shape
        NDArray mask = step.create(own, new Shape(rows.length, 1)).broadcast(ownScores.getShape());
        return NDArrays.where(mask, ownScores, uclrScores.toType(ownScores.getDataType(), false));
    }

    /** Users (of {@code users}) the per-domain model scores. */
    int routed(int[] users) {
        int n = 0;
        for (int u : users) {
            n += activity[u] > threshold ? 1 : 0;
        }
        return n;
    }
}
