package org.uclr.baselines.herograph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SharedGraphTest {
    /**
     * Three users, two domains of two items each:
     * A: u0-a0, u0-a1, u1-a0 (degrees in A: u0 2, u1 1, u2 0; a0 2, a1 1);
     * B: u0-b1, u2-b0, u2-b1 (degrees in B: u0 1, u1 0, u2 2; b0 1, b1 2).
     */
    private static final UserItemMatrix A = UserItemMatrix.fromRows(2, new int[][]{{0, 1}, {0}, {}});
    private static final UserItemMatrix B = UserItemMatrix.fromRows(2, new int[][]{{1}, {}, {0, 1}});
    private static final float R2 = (float) Math.sqrt(2);

    @Test
    void aggregationOfEveryBlockEqualsTheHandComputedToyGraph() {
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1);
             SharedGraph graph = new SharedGraph(engine.root(), List.of(A, B));
             NDManager m = engine.newStep()) {
            NDArray users = m.create(new float[]{1, 1, 0, 3, 5, 0}, new Shape(3, 2));
            NDArray itemsA = m.create(new float[]{1, 0, 0, 1}, new Shape(2, 2));
            NDArray itemsB = m.create(new float[]{2, 0, 0, 2}, new Shape(2, 2));
            NDArray[][] out = graph.aggregate(users, List.of(itemsA, itemsB));
            // users in A: u0 = a0/sqrt(2*2) + a1/sqrt(2*1); u1 = a0/sqrt(1*2); u2 has no A neighbour
            assertClose(new float[]{0.5f, 1 / R2, 1 / R2, 0, 0, 0}, out[0][0]);
            // items of A: a0 = u0/sqrt(2*2) + u1/sqrt(1*2); a1 = u0/sqrt(2*1)
            assertClose(new float[]{0.5f, 0.5f + 3 / R2, 1 / R2, 1 / R2}, out[0][1]);
            // users in B: u0 = b1/sqrt(1*2); u2 = b0/sqrt(2*1) + b1/sqrt(2*2)
            assertClose(new float[]{0, 2 / R2, 0, 0, 2 / R2, 1}, out[1][0]);
            // items of B: b0 = u2/sqrt(2*1); b1 = u0/sqrt(1*2) + u2/sqrt(2*2)
            assertClose(new float[]{5 / R2, 0, 1 / R2 + 2.5f, 1 / R2}, out[1][1]);
        }
    }

    @Test
    void domainsOverDifferentUsersAreRejected() {
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1)) {
            UserItemMatrix twoUsers = UserItemMatrix.fromRows(2, new int[][]{{0}, {1}});
            assertThrows(IllegalArgumentException.class, () -> new SharedGraph(engine.root(), List.of(A, twoUsers)));
        }
    }

    /** Float32 sums of two terms: within 1e-6 of the exact values. */
    private static void assertClose(float[] expected, NDArray got) {
        assertArrayEquals(expected, got.toFloatArray(), 1e-6f);
    }
}
