package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.EpochLimits;
import org.uclr.engine.ModelArchive;
import org.uclr.engine.TrainContext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * BPR-MF with domain offsets ({@code bprmf.user.offsets}): in domain d a user is W0[u] + V_d[u]. The loss
 * and the scores are checked against float64 values computed here from hand-set tables, including a
 * positive on a domain's first item (the boundary of the domain lookup).
 */
class DomainOffsetsTest {
    private static final int USERS = 3;
    private static final double LAMBDA = 0.1;
    /** Domain 0 has items 0-1, domain 1 items 2-4. */
    private static final int[] ITEM_OFFSETS = {0, 2};
    private static final double[][] W0 = {{0.5, -1.0}, {1.0, 0.25}, {-0.5, 0.75}};
    private static final double[][] ITEMS = {{1.0, 0.5}, {-0.25, 1.5}, {0.75, -1.0}, {2.0, 0.0}, {-1.0, -0.5}};
    /** Rows d * USERS + u. */
    private static final double[][] V = {{0.1, 0.2}, {0.0, 0.0}, {0.3, -0.4}, {-0.6, 0.5}, {0.2, 0.2}, {1.0, -0.25}};

    private static MatrixFactorization model(TrainContext ctx) {
        BprSettings hp = new BprSettings(2, 4, AdamConfig.of(0.01), LAMBDA, 0.1, new EpochLimits(1, 1, "e"));
        MatrixFactorization mf = new MatrixFactorization(ctx, USERS, ITEMS.length, hp, "t").withDomainOffsets(ITEM_OFFSETS);
        ModelArchive a = new ModelArchive();
        NDManager m = ctx.root();
        a.put("p/users", array(m, W0)).put("p/items", array(m, ITEMS)).put("p/offsets", array(m, V));
        mf.load(a, "p");
        return mf;
    }

    private static NDArray array(NDManager m, double[][] a) {
        float[] f = new float[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[0].length; c++) {
                f[i * a[0].length + c] = (float) a[i][c];
            }
        }
        return m.create(f, new Shape(a.length, a[0].length));
    }

    private static double[] plus(double[] a, double[] b) {
        return new double[]{a[0] + b[0], a[1] + b[1]};
    }

    @Test
    void theLossUsesEachTriplesDomainOffsetAndPenalizesTheSharedRowAndTheOffsetSeparately() {
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 1)) {
            MatrixFactorization mf = model(ctx);
            // user 0 with a domain-0 positive; user 2 with item 2, the first item of domain 1
            long[] users = {0, 2};
            long[] pos = {1, 2};
            long[] neg = {0, 4};
            double[][] v = {V[0], V[USERS + 2]};
            double ranking = 0;
            double norms = 0;
            for (int b = 0; b < 2; b++) {
                double[] u = plus(W0[(int) users[b]], v[b]);
                double margin = BprLossTest.dot(u, ITEMS[(int) pos[b]]) - BprLossTest.dot(u, ITEMS[(int) neg[b]]);
                ranking += BprLossTest.softplus(-margin) / 2;
                norms += (BprLossTest.dot(W0[(int) users[b]], W0[(int) users[b]]) + BprLossTest.dot(v[b], v[b])
                        + BprLossTest.dot(ITEMS[(int) pos[b]], ITEMS[(int) pos[b]])
                        + BprLossTest.dot(ITEMS[(int) neg[b]], ITEMS[(int) neg[b]])) / 2;
            }
            try (NDManager step = ctx.newStep()) {
                float loss = mf.loss(step, new BprTriples.Batch(users, pos, neg)).getFloat();
                assertEquals(ranking + LAMBDA * norms, loss, 1e-5);
            }
        }
    }

    @Test
    void eachDomainScoresWithTheSharedRowPlusItsOwnOffset() {
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 1)) {
            MatrixFactorization mf = model(ctx);
            for (int d = 0; d < 2; d++) {
                try (NDArray table = mf.domainUsers(d)) {
                    float[] got = table.toFloatArray();
                    for (int u = 0; u < USERS; u++) {
                        double[] expected = plus(W0[u], V[d * USERS + u]);
                        assertArrayEquals(new float[]{(float) expected[0], (float) expected[1]},
                                new float[]{got[2 * u], got[2 * u + 1]}, 1e-6f, "domain " + d + " user " + u);
                    }
                }
            }
            try (NDManager step = ctx.newStep()) {
                // user 1 against items 3 and 4 (domain 1) and against item 3 as if it were scored in domain 0
                NDArray users = step.create(new long[]{1});
                NDArray items = step.create(new long[]{3, 4}, new Shape(1, 2));
                float[] inOne = mf.score(1, users, items).toFloatArray();
                double[] u1 = plus(W0[1], V[USERS + 1]);
                assertEquals(BprLossTest.dot(u1, ITEMS[3]), inOne[0], 1e-6);
                assertEquals(BprLossTest.dot(u1, ITEMS[4]), inOne[1], 1e-6);
                float[] inZero = mf.score(0, users, items).toFloatArray();
                assertEquals(BprLossTest.dot(plus(W0[1], V[1]), ITEMS[3]), inZero[0], 1e-6);
            }
        }
    }

    @Test
    void offsetsStartAtZeroSoAnUntrainedModelScoresAsPlainBprMf() {
        try (TrainContext ctx = new TrainContext(DeviceMode.CPU, 1)) {
            BprSettings hp = new BprSettings(2, 4, AdamConfig.of(0.01), LAMBDA, 0.1, new EpochLimits(1, 1, "e"));
            MatrixFactorization plain = new MatrixFactorization(ctx, USERS, ITEMS.length, hp, "t");
            MatrixFactorization offset = new MatrixFactorization(ctx, USERS, ITEMS.length, hp, "t")
                    .withDomainOffsets(ITEM_OFFSETS);
            assertFalse(plain.hasDomainOffsets());
            try (NDManager step = ctx.newStep()) {
                NDArray users = step.create(new long[]{0, 1, 2});
                NDArray items = step.create(new long[]{0, 2, 4, 1, 3, 4, 2, 0, 1}, new Shape(3, 3));
                assertArrayEquals(plain.score(users, items).toFloatArray(), offset.score(1, users, items).toFloatArray());
            }
        }
    }
}
