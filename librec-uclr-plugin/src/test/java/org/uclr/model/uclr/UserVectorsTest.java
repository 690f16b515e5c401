package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shrunk scoring's user vectors W[u] + k/(n_u + k) (dec(enc(W[u])) - W[u]), against the weights and the
 * mix worked out here in float64; k = 0 must be W itself and k = inf the decoded vector.
 */
class UserVectorsTest {

    @Test
    void theDecodedVectorWeighsKOverActivityPlusK() {
        int[] activity = {0, 2, 6};
        assertArrayEquals(new float[]{1f, 0.5f, 0.25f}, UserVectors.decodedWeights(activity, 2));
        assertArrayEquals(new float[]{0f, 0f, 0f}, UserVectors.decodedWeights(activity, 0));
        assertArrayEquals(new float[]{1f, 1f, 1f}, UserVectors.decodedWeights(activity, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> UserVectors.shrunk(activity, -1));
        assertThrows(IllegalArgumentException.class, () -> UserVectors.of(UserScoring.SHRUNK));
    }

    @Test
    void theMixIsTheEmbeddingAtKZeroTheDecodedVectorAtInfinityAndTheirWeightedSumBetween() {
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 1);
             NDManager step = ctx.newStep()) {
            DualStreamAutoencoder ae = new DualStreamAutoencoder(ctx, 4, List.of(3, 2), new SplittableRandom(3));
            NDArray w = ctx.gaussian(3, 4, 1.0, ctx.random("w"));
            w.attach(step);
            long[] users = {2, 0, 1};                                      // rows of w: users 2, 0, 1
            int[] activity = {6, 0, 2};                                    // n_u by user index
            float[] wv = w.toFloatArray();
            float[] dec = ae.decode(ae.encode(w)).toFloatArray();
            assertFalse(java.util.Arrays.equals(wv, dec), "the autoencoder moves W");

            assertArrayEquals(wv, UserVectors.shrunk(activity, 0).apply(w, users, ae).toFloatArray());
            assertArrayEquals(dec, UserVectors.shrunk(activity, Double.POSITIVE_INFINITY).apply(w, users, ae)
                    .toFloatArray(), 1e-7f);
            assertArrayEquals(dec, UserVectors.of(UserScoring.DECODED).apply(w, users, ae).toFloatArray(), 1e-7f);
            assertArrayEquals(wv, UserVectors.of(UserScoring.EMBEDDING).apply(w, users, ae).toFloatArray());

            float[] mixed = UserVectors.shrunk(activity, 2).apply(w, users, ae).toFloatArray();
            double[] beta = {2.0 / (2 + 2), 2.0 / (6 + 2), 2.0 / (0 + 2)};   // rows' users 2, 0, 1: n = 2, 6, 0
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    int i = 4 * r + c;
                    assertEquals(wv[i] + beta[r] * (dec[i] - wv[i]), mixed[i], 1e-6, "row " + r + " col " + c);
                }
            }
            assertTrue(UserVectors.shrunk(activity, 2).usesAutoencoder());
            assertFalse(UserVectors.shrunk(activity, 0).usesAutoencoder());
        }
    }
}
