package org.uclr.model.uclr;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The user-dependent temperature rules (uclr.tau.rho.power, uclr.temperature=prior), against values worked
 * out by hand: signals 1 and 4 have geometric mean 2, so their relative signals are 1/2 and 2.
 */
class PersonalizedTemperaturesTest {
    private static final double[] SIGNAL = {1, 4};

    private static TemperatureSettings settings(TemperatureMode mode, double rhoPower, double priorPower) {
        return new TemperatureSettings(mode, 0.1, 1e-5, 1.0, 0.3, 0.9, 0.01, 0.9, TauSignal.ACTIVITY, rhoPower,
                priorPower);
    }

    @Test
    void aRhoPowerGivesTheLessActiveUserTheLargerRhoAndMovesEachTemperatureByItsOwnRho() {
        Temperatures t = new Temperatures(2, settings(TemperatureMode.INDIVIDUAL, 1, 0));
        t.personalize(SIGNAL);
        assertEquals(0.3 * 2, t.rho(0), 1e-12);                          // rho (1/2)^-1
        assertEquals(0.3 / 2, t.rho(1), 1e-12);                          // rho 2^-1
        // first step from zero momentum: tau -= eta * beta_u * (log u + rho_i - weightedScaled)
        t.step(new int[]{0, 1}, new double[]{-0.2, -0.2}, new double[]{0.1, 0.1});
        assertEquals(0.1 - 0.01 * 0.9 * (-0.2 + 0.6 - 0.1), t.tau(0), 1e-12);
        assertEquals(0.1 - 0.01 * 0.9 * (-0.2 + 0.15 - 0.1), t.tau(1), 1e-12);
    }

    @Test
    void withoutARhoPowerEveryUserKeepsTheOneRho() {
        Temperatures t = new Temperatures(2, settings(TemperatureMode.INDIVIDUAL, 0, 0.5));
        t.personalize(SIGNAL);
        assertEquals(0.3, t.rho(0), 0.0);
        assertEquals(0.3, t.rho(1), 0.0);
        assertEquals(0.1, t.tau(0), 0.0, "individual temperatures start at tau.init");
    }

    @Test
    void priorTemperaturesFollowTheSignalAndNeverMove() {
        Temperatures t = new Temperatures(2, settings(TemperatureMode.PRIOR, 0, 0.5));
        t.personalize(SIGNAL);
        assertEquals(0.1 * Math.sqrt(0.5), t.tau(0), 1e-12);
        assertEquals(0.1 * Math.sqrt(2), t.tau(1), 1e-12);
        t.step(new int[]{0, 1}, new double[]{-3, 2}, new double[]{1, -1});
        assertEquals(0.1 * Math.sqrt(0.5), t.tau(0), 1e-12);
        assertEquals(0.1 * Math.sqrt(2), t.tau(1), 1e-12);
        Temperatures clipped = new Temperatures(2, settings(TemperatureMode.PRIOR, 0, 10));
        clipped.personalize(SIGNAL);
        assertEquals(1.0, clipped.tau(1), 0.0, "clipped at tau.max");
    }

    @Test
    void aSignalThatIsNotPositiveIsRejected() {
        Temperatures t = new Temperatures(2, settings(TemperatureMode.PRIOR, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> t.personalize(new double[]{1, 0}));
        assertThrows(IllegalArgumentException.class, () -> t.personalize(new double[]{1}));
    }
}
