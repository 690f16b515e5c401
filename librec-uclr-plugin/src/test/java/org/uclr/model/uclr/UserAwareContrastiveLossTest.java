package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The iSogCLR temperature objective on a 4 x 4 example, against a float64 reference written out here
 * from the formulas (cosine similarities, h_ik = s_ik - s_ii, mean over the 3 negatives).
 * Tolerances: the loss runs in float32 on latents of norm ~1, so 1e-5 relative is ample.
 */
class UserAwareContrastiveLossTest {
    private static final double[][] E = {{1, 0}, {0.6, 0.8}, {-0.5, 0.5}, {0.2, -1}};
    private static final double[][] E_PRIME = {{0.9, 0.1}, {0.5, 0.9}, {-0.2, 0.7}, {0.4, -0.8}};
    private static final int[] USERS = {0, 1, 2, 3};
    private static TrainContext ctx;

    @BeforeAll
    static void open() {
        ctx = new TrainContext(DeviceMode.CPU, 1);
    }

    @AfterAll
    static void close() {
        ctx.close();
    }

    private static TemperatureSettings settings(TemperatureMode mode, double gamma) {
        return new TemperatureSettings(mode, 0.1, 1e-5, 1.0, 0.3, gamma, 0.01, 0.9);
    }

    /** h[i][k] = cos(e_i, e'_k) - cos(e_i, e'_i). */
    private static double[][] h() {
        double[][] h = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int k = 0; k < 4; k++) {
                h[i][k] = cos(E[i], E_PRIME[k]) - cos(E[i], E_PRIME[i]);
            }
        }
        return h;
    }

    private static double cos(double[] a, double[] b) {
        return (a[0] * b[0] + a[1] * b[1]) / Math.hypot(a[0], a[1]) / Math.hypot(b[0], b[1]);
    }

    private static float loss(Temperatures temps) {
        try (NDManager m = ctx.newStep()) {
            NDArray e = m.create(flat(E), new Shape(4, 2));
            NDArray ep = m.create(flat(E_PRIME), new Shape(4, 2));
            return UserAwareContrastiveLoss.loss(USERS, e, ep, temps).getFloat();
        }
    }

    private static float[] flat(double[][] a) {
        float[] f = new float[8];
        for (int i = 0; i < 4; i++) {
            f[2 * i] = (float) a[i][0];
            f[2 * i + 1] = (float) a[i][1];
        }
        return f;
    }

    @Test
    void firstStepMatchesTheFloat64Reference() {
        Temperatures temps = new Temperatures(4, settings(TemperatureMode.INDIVIDUAL, 0.9));
        float loss = loss(temps);

        double[][] h = h();
        double tau = 0.1;
        double expectedLoss = 0;
        for (int i = 0; i < 4; i++) {
            double g = 0;
            for (int k = 0; k < 4; k++) {
                if (k != i) {
                    g += Math.exp(h[i][k] / tau) / 3;
                }
            }
            // first visit: u_i = g_i
            double wh = 0;
            double whOverTau = 0;
            for (int k = 0; k < 4; k++) {
                if (k != i) {
                    double w = Math.exp(h[i][k] / tau) / g;
                    wh += w * h[i][k] / 3;
                    whOverTau += w * h[i][k] / tau / 3;
                }
            }
            expectedLoss += wh / 4;
            assertEquals(Math.log(g), temps.logU(i), 1e-4 * Math.max(1, Math.abs(Math.log(g))), "log u_" + i);
            double grad = Math.log(g) + 0.3 - whOverTau;
            // moving-average gradient starts at 0: m = 0.9 * grad; tau <- clip(tau - 0.01 * m)
            double expectedTau = Math.min(1, Math.max(1e-5, tau - 0.01 * 0.9 * grad));
            assertEquals(expectedTau, temps.tau(i), 1e-6, "tau_" + i);
        }
        assertEquals(expectedLoss, loss, 1e-5 * Math.max(1, Math.abs(expectedLoss)));
    }

    @Test
    void movingAverageBlendsTheSecondVisitWithGamma() {
        Temperatures temps = new Temperatures(4, settings(TemperatureMode.INDIVIDUAL, 0.9));
        loss(temps);
        double logU1 = temps.logU(0);
        double tauAfterFirst = temps.tau(0);
        loss(temps);
        double g2 = 0;
        double[][] h = h();
        for (int k = 1; k < 4; k++) {
            g2 += Math.exp(h[0][k] / tauAfterFirst) / 3;
        }
        double expected = Math.log(0.1 * Math.exp(logU1) + 0.9 * g2);
        assertEquals(expected, temps.logU(0), 1e-4 * Math.max(1, Math.abs(expected)));
    }

    @Test
    void temperaturesStayInsideTheirBounds() {
        // a huge step size drives every tau to a clip bound; none may leave [min, max]
        TemperatureSettings wild = new TemperatureSettings(TemperatureMode.INDIVIDUAL, 0.1, 1e-5, 1.0, 5.0, 0.9, 100, 1.0);
        Temperatures temps = new Temperatures(4, wild);
        for (int step = 0; step < 20; step++) {
            loss(temps);
            for (int u = 0; u < 4; u++) {
                assertTrue(temps.tau(u) >= 1e-5 && temps.tau(u) <= 1.0, "tau_" + u + " = " + temps.tau(u));
            }
        }
        TemperatureSettings down = new TemperatureSettings(TemperatureMode.INDIVIDUAL, 0.1, 1e-5, 1.0, 0.0, 0.9, 100, 1.0);
        Temperatures low = new Temperatures(4, down);
        for (int step = 0; step < 20; step++) {
            assertTrue(Float.isFinite(loss(low)), "loss stays finite near the lower bound");
        }
    }

    @Test
    void globalModeSharesOneTemperatureMovedByTheMeanGradient() {
        Temperatures individual = new Temperatures(4, settings(TemperatureMode.INDIVIDUAL, 0.9));
        Temperatures global = new Temperatures(4, settings(TemperatureMode.GLOBAL, 0.9));
        loss(individual);
        loss(global);
        double meanStep = 0;
        for (int u = 0; u < 4; u++) {
            meanStep += (individual.tau(u) - 0.1) / 4;
            assertEquals(global.tau(0), global.tau(u), 0.0);
        }
        // with no clipping, the global step is the mean of the individual steps
        assertEquals(0.1 + meanStep, global.tau(0), 1e-9);
    }
}
