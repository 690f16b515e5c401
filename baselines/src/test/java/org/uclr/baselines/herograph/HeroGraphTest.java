package org.uclr.baselines.herograph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamConfig;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.EpochLimits;
import org.uclr.engine.TrainContext;
import org.uclr.model.backbone.BprTriples;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeroGraphTest {
    /** The toy graph of SharedGraphTest: 3 users, domains A and B of 2 items each. */
    private static final List<UserItemMatrix> TRAINS = List.of(
            UserItemMatrix.fromRows(2, new int[][]{{0, 1}, {0}, {}}),
            UserItemMatrix.fromRows(2, new int[][]{{1}, {}, {0, 1}}));
    private static final int M = 2;
    /** Two hops, so the reference checks that the second hop's query adds the first hop's result. */
    private static final int HOPS = 2;

    @Test
    void scoreIsWithinDomainPlusGraphDotProductWithAttentionOverDomainsFloat64Reference() {
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1);
             HeroGraph model = new HeroGraph(engine, TRAINS, settings(HOPS), "toy");
             NDManager step = engine.newStep()) {
            for (int d = 0; d < 2; d++) {
                double[][] expected = referenceScores(model, d);
                NDArray users = step.create(new long[]{0, 1, 2});
                NDArray items = step.create(new long[]{0, 1, 0, 1, 0, 1}, new Shape(3, 2));
                float[] got = model.score(d, users, items).toFloatArray();
                for (int u = 0; u < 3; u++) {
                    for (int i = 0; i < 2; i++) {
                        // float32 sums of a few terms of size ~1: 1e-5
                        assertEquals(expected[u][i], got[u * 2 + i], 1e-5, "domain " + d + " user " + u + " item " + i);
                    }
                }
            }
        }
    }

    @Test
    void attentionWeightsSumToOneForEveryUserAndDiscriminateBetweenDomains() {
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1);
             HeroGraph model = new HeroGraph(engine, TRAINS, settings(2), "toy");
             NDManager step = engine.newStep()) {
            for (int d = 0; d < 2; d++) {
                float[] w = model.attentionWeights(d, step.create(new long[]{0, 1, 2})).toFloatArray(); // [3, 2]
                boolean anyUneven = false;
                for (int u = 0; u < 3; u++) {
                    assertEquals(1.0, w[u * 2] + w[u * 2 + 1], 1e-6, "user " + u);
                    assertTrue(w[u * 2] > 0 && w[u * 2 + 1] > 0);
                    anyUneven |= Math.abs(w[u * 2] - 0.5) > 1e-3;
                }
                assertTrue(anyUneven, "weights are all 1/2: the attention ignores its inputs");
            }
        }
    }

    @Test
    void lossIsTheSumOverTheStepsDomainsOfBprWithL2OnTheConcatenatedVectorsFloat64Reference() {
        double lambda = 0.1;
        BprTriples.Batch a = new BprTriples.Batch(new long[]{0, 1, 0}, new long[]{1, 0, 0}, new long[]{0, 1, 1});
        BprTriples.Batch b = new BprTriples.Batch(new long[]{2, 0}, new long[]{0, 1}, new long[]{1, 0});
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1);
             HeroGraph model = new HeroGraph(engine, TRAINS, settings(HOPS, lambda), "toy");
             NDManager step = engine.newStep()) {
            double both = referenceBpr(model, 0, a, lambda) + referenceBpr(model, 1, b, lambda);
            // float32 sums of a few terms of size ~1: 1e-5
            assertEquals(both, model.loss(step, Arrays.asList(a, b)).getFloat(), 1e-5);
            assertEquals(referenceBpr(model, 1, b, lambda), model.loss(step, Arrays.asList(null, b)).getFloat(), 1e-5,
                    "a domain without a batch adds nothing");
        }
    }

    /** m = 2, init std 0.5 (scores of order 1), no L2. */
    private static HeroGraphSettings settings(int hops) {
        return settings(hops, 0);
    }

    private static HeroGraphSettings settings(int hops, double lambda) {
        return new HeroGraphSettings(M, 16, AdamConfig.of(1e-3), lambda, 0.5, hops,
                new EpochLimits(1, 1, "herograph.epochs.max"));
    }

    /** y[u][i] = e_u^d . e_i + z_u^d . z_i computed in float64 from the model's tables ({@link #HOPS} hops). */
    private static double[][] referenceScores(HeroGraph model, int d) {
        double[][][] v = referenceVectors(model, d);
        double[][] y = new double[3][2];
        for (int u = 0; u < 3; u++) {
            for (int i = 0; i < 2; i++) {
                y[u][i] = dot(v[0][u], v[1][i]);
            }
        }
        return y;
    }

    /** {[e_u^d; z_u^d] of the 3 users, [e_i; z_i] of domain d's 2 items}, in float64 from the model's tables. */
    private static double[][][] referenceVectors(HeroGraph model, int d) {
        NDArray[] t = model.tables(d);
        double[][] eu = rows(t[0].toFloatArray());
        double[][] ei = rows(t[1].toFloatArray());
        double[][] gu = rows(t[2].toFloatArray());
        double[][][] gi = {rows(model.tables(0)[3].toFloatArray()), rows(model.tables(1)[3].toFloatArray())};
        double[][][] n = new double[2][3][M];        // n[s][u]: user u's neighbourhood in domain s
        double[][] zi = new double[2][];             // z_i of domain d's items
        for (int s = 0; s < 2; s++) {
            UserItemMatrix r = TRAINS.get(s);
            int[] itemDeg = new int[r.numItems()];
            for (int i : r.entryItems()) {
                itemDeg[i]++;
            }
            for (int u = 0; u < 3; u++) {
                for (int i : r.row(u)) {
                    double w = 1 / Math.sqrt((double) r.rowSize(u) * itemDeg[i]);
                    for (int c = 0; c < M; c++) {
                        n[s][u][c] += w * gi[s][i][c];
                    }
                }
            }
            if (s == d) {
                for (int i = 0; i < r.numItems(); i++) {
                    zi[i] = gi[s][i].clone();
                }
                for (int u = 0; u < 3; u++) {
                    for (int i : r.row(u)) {
                        double w = 1 / Math.sqrt((double) r.rowSize(u) * itemDeg[i]);
                        for (int c = 0; c < M; c++) {
                            zi[i][c] += w * gu[u][c];
                        }
                    }
                }
            }
        }
        double[][] users = new double[3][];
        for (int u = 0; u < 3; u++) {
            // q_0 = e_u^d; c_t = sum_s softmax_s(q_t . n_s / sqrt(m)) n_s; q_{t+1} = q_t + c_t
            double[] q = eu[u].clone();
            double[] context = new double[M];
            for (int hop = 0; hop < HOPS; hop++) {
                double l0 = dot(q, n[0][u]) / Math.sqrt(M);
                double l1 = dot(q, n[1][u]) / Math.sqrt(M);
                double max = Math.max(l0, l1);
                double a0 = Math.exp(l0 - max);
                double a1 = Math.exp(l1 - max);
                for (int c = 0; c < M; c++) {
                    context[c] = (a0 * n[0][u][c] + a1 * n[1][u][c]) / (a0 + a1);
                    q[c] += context[c];
                }
            }
            double[] zu = new double[M];
            for (int c = 0; c < M; c++) {
                zu[c] = gu[u][c] + context[c];
            }
            users[u] = concat(eu[u], zu);
        }
        double[][] items = new double[2][];
        for (int i = 0; i < 2; i++) {
            items[i] = concat(ei[i], zi[i]);
        }
        return new double[][][]{users, items};
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** BPR of one domain's triples on the reference vectors: mean softplus(-(u.p - u.n)) + lambda mean(|u|^2 + |p|^2 + |n|^2). */
    private static double referenceBpr(HeroGraph model, int d, BprTriples.Batch b, double lambda) {
        double[][][] v = referenceVectors(model, d);
        double sum = 0;
        for (int k = 0; k < b.size(); k++) {
            double[] u = v[0][(int) b.users()[k]];
            double[] p = v[1][(int) b.positives()[k]];
            double[] n = v[1][(int) b.negatives()[k]];
            double margin = dot(u, p) - dot(u, n);
            sum += Math.log1p(Math.exp(-margin)) + lambda * (dot(u, u) + dot(p, p) + dot(n, n));
        }
        return sum / b.size();
    }

    private static double[][] rows(float[] flat) {
        double[][] out = new double[flat.length / M][M];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < M; c++) {
                out[r][c] = flat[r * M + c];
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < a.length; c++) {
            s += a[c] * b[c];
        }
        return s;
    }
}
