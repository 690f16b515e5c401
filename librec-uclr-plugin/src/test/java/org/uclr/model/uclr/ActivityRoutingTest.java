package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ActivityRoutingTest {
    /** Training interactions in the domain of global users 0..4. */
    private static final int[] ACTIVITY = {0, 1, 2, 5, 0};

    /**
     * Each user's row from the model the threshold gives it: own score row r = 10 + r, UCLR's = -(10 + r), so the
     * sign says which model scored the row. The rows are users 4, 3, 0, 2, 1 (not in index order).
     */
    private static float[] pickedSigns(double threshold) {
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 1); NDManager m = ctx.newStep()) {
            long[] users = {4, 3, 0, 2, 1};
            float[] own = new float[users.length * 2];
            for (int k = 0; k < own.length; k++) {
                own[k] = 10 + k / 2;
            }
            NDArray ownScores = m.create(own, new Shape(users.length, 2));
            NDArray picked = new ActivityRouting(ACTIVITY, threshold).pick(m, m.create(users), ownScores, ownScores.neg());
            float[] values = picked.toFloatArray();
            float[] signs = new float[users.length];
            for (int r = 0; r < users.length; r++) {
                assertEquals(Math.abs(values[2 * r]), Math.abs(values[2 * r + 1]), "both candidates of a row from one model");
                assertEquals(10 + r, Math.abs(values[2 * r]), "row " + r + " keeps its own candidates");
                signs[r] = Math.signum(values[2 * r]);
            }
            return signs;
        }
    }

    @Test
    void usersWithMoreThanTTrainingInteractionsGetTheDomainsOwnModelAndTheOthersUclr() {
        // rows: users 4 (0 interactions), 3 (5), 0 (0), 2 (2), 1 (1)
        assertArrayEquals(new float[]{-1, 1, -1, 1, 1}, pickedSigns(0));
        assertArrayEquals(new float[]{-1, 1, -1, 1, -1}, pickedSigns(1));
        assertArrayEquals(new float[]{-1, 1, -1, -1, -1}, pickedSigns(4));
        assertArrayEquals(new float[]{-1, -1, -1, -1, -1}, pickedSigns(Double.POSITIVE_INFINITY));
    }

    @Test
    void aUserWithoutTrainingInteractionsInTheDomainIsNeverRoutedWhateverTheGridHolds() {
        // the domain's own model has only its random start for such a user; validation cannot show it (a user
        // needs 3 interactions in a domain for a validation item), so no threshold of the grid's range may route one
        for (double t : new double[]{0, 0.5, 1, 128}) {
            float[] signs = pickedSigns(t);
            assertEquals(-1, signs[0], "user 4 at t=" + t);
            assertEquals(-1, signs[2], "user 0 at t=" + t);
        }
        assertEquals(3, new ActivityRouting(ACTIVITY, 0).routed(new int[]{0, 1, 2, 3, 4}));
        assertEquals(1, new ActivityRouting(ACTIVITY, 2).routed(new int[]{0, 1, 2, 3, 4}));
        assertEquals(0, new ActivityRouting(ACTIVITY, Double.POSITIVE_INFINITY).routed(new int[]{0, 1, 2, 3, 4}));
    }
}
