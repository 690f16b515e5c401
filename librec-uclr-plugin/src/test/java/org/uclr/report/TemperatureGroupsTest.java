package org.uclr.report;

import org.junit.jupiter.api.Test;
import org.uclr.eval.EvaluationReport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TemperatureGroupsTest {

    private static RunRecord run(long seed, int[] interactions, double[] taus) {
        List<RunRecord.UserTemperature> users = new ArrayList<>();
        for (int i = 0; i < taus.length; i++) {
            users.add(new RunRecord.UserTemperature("u" + i, interactions[i], taus[i]));
        }
        return new RunRecord("uclr", "d", false, "f", seed, Map.of(), new EvaluationReport(List.of(), List.of(), Map.of()),
                0, 0, Map.of(), "", Path.of("."), users, List.of(), false, Map.of());
    }

    @Test
    void usersAreGroupedMostActiveFirstAndPooledOverSeeds() {
        // seed 1: six users, three groups of two by interactions: {50, 40}, {10, 9}, {2, 1}
        RunRecord s1 = run(1, new int[]{1, 50, 9, 40, 2, 10}, new double[]{0.10, 0.30, 0.20, 0.50, 0.30, 0.40});
        // seed 2: the same users with other temperatures
        RunRecord s2 = run(2, new int[]{1, 50, 9, 40, 2, 10}, new double[]{0.20, 0.40, 0.20, 0.40, 0.20, 0.20});
        List<TemperatureGroups.Group> g = TemperatureGroups.of(List.of(s1, s2), 3);
        assertEquals(3, g.size());
        // group 1 pools 0.30, 0.50 (seed 1) and 0.40, 0.40 (seed 2): mean 0.40, squared deviations 0.01+0.01+0+0 over 3
        assertEquals(1, g.get(0).group());
        assertEquals(40, g.get(0).minInteractions());
        assertEquals(50, g.get(0).maxInteractions());
        assertEquals(4, g.get(0).values());
        assertEquals(0.40, g.get(0).mean(), 1e-12);
        assertEquals(Math.sqrt(0.02 / 3), g.get(0).std(), 1e-12);
        // group 2: 0.40, 0.20, 0.20, 0.20 -> mean 0.25
        assertEquals(0.25, g.get(1).mean(), 1e-12);
        assertEquals(9, g.get(1).minInteractions());
        // group 3: 0.10, 0.30, 0.20, 0.20 -> mean 0.20
        assertEquals(0.20, g.get(2).mean(), 1e-12);
        assertEquals(1, g.get(2).minInteractions());
        assertEquals(2, g.get(2).maxInteractions());
    }

    @Test
    void runsWithoutTemperaturesGiveNoGroups() {
        assertEquals(List.of(), TemperatureGroups.of(List.of(run(1, new int[0], new double[0])), 9));
    }
}
