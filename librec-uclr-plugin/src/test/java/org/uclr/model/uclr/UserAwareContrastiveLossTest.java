package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.uclr.testing.CpuTrainContext;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
    @RegisterExtension
    static final CpuTrainContext ctx = new CpuTrainContext();

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
        try (NDManager m = ctx.get().newStep()) {
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

    // ---- the objective the surrogate optimizes, in float64, and its derivatives by finite differences ----

    /** h[i][k] = cos(z_i, z'_k) - cos(z_i, z'_i) for latents of any size. */
    static double[][] hOf(double[][] z, double[][] zPrime) {
        int b = z.length;
        double[][] h = new double[b][b];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < b; k++) {
                h[i][k] = cosine(z[i], zPrime[k]) - cosine(z[i], zPrime[i]);
            }
        }
        return h;
    }

    static double cosine(double[] a, double[] c) {
        double dot = 0;
        double na = 0;
        double nc = 0;
        for (int j = 0; j < a.length; j++) {
            dot += a[j] * c[j];
            na += a[j] * a[j];
            nc += c[j] * c[j];
        }
        return dot / Math.sqrt(na) / Math.sqrt(nc);
    }

    /** g_i = mean_{k != i} exp(h_ik / tau). */
    static double g(double[] hRow, int i, double tau) {
        double sum = 0;
        for (int k = 0; k < hRow.length; k++) {
            if (k != i) {
                sum += Math.exp(hRow[k] / tau);
            }
        }
        return sum / (hRow.length - 1);
    }

    /** iSogCLR's F_i = tau_i (log g_i + rho), whose gradients the loss and the temperature step follow. */
    static double objective(double[] hRow, int i, double tau, double rho) {
        return tau * (Math.log(g(hRow, i, tau)) + rho);
    }

    /** mean_i F_i over the batch, as a function of the latents. */
    static double objective(double[][] z, double[][] zPrime, double[] tau, double rho) {
        double[][] h = hOf(z, zPrime);
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            sum += objective(h[i], i, tau[i], rho);
        }
        return sum / z.length;
    }

    /** The loss value the code reports on a first visit (u_i = g_i): mean_i mean_{k != i} w_ik h_ik. */
    static double surrogateValue(double[][] h, double[] tau) {
        int b = h.length;
        double sum = 0;
        for (int i = 0; i < b; i++) {
            double gi = g(h[i], i, tau[i]);
            for (int k = 0; k < b; k++) {
                if (k != i) {
                    sum += Math.exp(h[i][k] / tau[i]) / gi * h[i][k] / (b - 1);
                }
            }
        }
        return sum / b;
    }

    private static double[][] randomMatrix(SplittableRandom rng, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                a[r][c] = (float) rng.nextDouble(-1, 1); // representable in float32, so both sides see the same input
            }
        }
        return a;
    }

    private static float[] flatten(double[][] a) {
        float[] f = new float[a.length * a[0].length];
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[0].length; c++) {
                f[r * a[0].length + c] = (float) a[r][c];
            }
        }
        return f;
    }

    /**
     * With u_i = g_i (gamma = 1) the surrogate's gradient in both streams and the temperature step's
     * dF/dtau equal the derivatives of iSogCLR's objective F = mean_i tau_i (log g_i + rho), taken here
     * by central differences in float64. This fails if the weights w carried gradient (extra terms),
     * if a stream were detached, or if the tau gradient lost a term. Tolerance: float32 cosines and
     * exponentials of values up to ~1/tau = 3; 2e-4 absolute on gradients of order 0.1-1.
     */
    @Test
    void gradientsAndTheTemperatureStepFollowTheObjectiveByFiniteDifferences() {
        int b = 5;
        int dim = 3;
        double rho = 0.3;
        double lr = 1e-3;
        int[] users = {3, 0, 7, 5, 1};
        // gamma 1: u_i = g_i at every visit; momentum 1: the step is -lr * dF/dtau exactly
        Temperatures temps = new Temperatures(8, new TemperatureSettings(TemperatureMode.INDIVIDUAL, 0.3, 1e-5, 1.0,
                rho, 1.0, lr, 1.0));
        SplittableRandom rng = new SplittableRandom(17);
        // earlier batches give the users different temperatures (and a non-zero moving-average gradient)
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            try (NDManager m = ctx.get().newStep()) {
                UserAwareContrastiveLoss.loss(users, m.create(flatten(randomMatrix(rng, b, dim)), new Shape(b, dim)),
                        m.create(flatten(randomMatrix(rng, b, dim)), new Shape(b, dim)), temps);
            }
        }
        double[][] z = randomMatrix(rng, b, dim);
        double[][] zPrime = randomMatrix(rng, b, dim);
        double[] tau = new double[b];
        for (int i = 0; i < b; i++) {
            tau[i] = temps.tau(users[i]);
        }

        float[] gradZ;
        float[] gradZPrime;
        float value;
        try (NDManager m = ctx.get().newStep()) {
            NDArray latent = m.create(flatten(z), new Shape(b, dim));
            NDArray masked = m.create(flatten(zPrime), new Shape(b, dim));
            latent.setRequiresGradient(true);
            masked.setRequiresGradient(true);
            try (GradientCollector gc = ctx.get().gradients()) {
                NDArray loss = UserAwareContrastiveLoss.loss(users, latent, masked, temps);
                value = loss.getFloat();
                gc.backward(loss);
            }
            gradZ = latent.getGradient().toFloatArray();
            gradZPrime = masked.getGradient().toFloatArray();
        }

        assertEquals(surrogateValue(hOf(z, zPrime), tau), value, 1e-5);
        double step = 1e-6;
        for (int r = 0; r < b; r++) {
            for (int c = 0; c < dim; c++) {
                for (int stream = 0; stream < 2; stream++) {
                    double[][] x = stream == 0 ? z : zPrime;
                    double keep = x[r][c];
                    x[r][c] = keep + step;
                    double up = objective(z, zPrime, tau, rho);
                    x[r][c] = keep - step;
                    double down = objective(z, zPrime, tau, rho);
                    x[r][c] = keep;
                    double expected = (up - down) / (2 * step);
                    float got = (stream == 0 ? gradZ : gradZPrime)[r * dim + c];
                    assertEquals(expected, got, 2e-4, (stream == 0 ? "dF/dz" : "dF/dz'") + "[" + r + "][" + c + "]");
                }
            }
        }
        assertNotEquals(0f, maxAbs(gradZPrime), "the generative stream receives gradient");
        assertNotEquals(0f, maxAbs(gradZ), "the reconstructive stream receives gradient");

        double[][] h = hOf(z, zPrime);
        for (int i = 0; i < b; i++) {
            double expected = (objective(h[i], i, tau[i] + step, rho) - objective(h[i], i, tau[i] - step, rho)) / (2 * step);
            double got = (tau[i] - temps.tau(users[i])) / lr;
            assertEquals(expected, got, 2e-4 * Math.max(1, Math.abs(expected)), "dF/dtau of user " + users[i]);
        }
    }

    private static float maxAbs(float[] a) {
        float m = 0;
        for (float x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
