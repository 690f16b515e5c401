package org.uclr.baselines.crossdomain;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DomainStepsTest {
    @Test
    void stepsCoverEveryExampleWithBatchesInProportionAndEveryDomainInEveryStep() {
        // 5,000 + 1,000 examples at 2,048 per step: ceil(6000 / 2048) = 3 steps; batches ceil(5000 / 3) = 1667, ceil(1000 / 3) = 334
        int steps = DomainSteps.steps(new int[]{5000, 1000}, 2048);
        assertEquals(3, steps);
        assertEquals(1667, DomainSteps.domainBatchSize(5000, steps));
        assertEquals(334, DomainSteps.domainBatchSize(1000, steps));
        assertEquals(1, DomainSteps.domainBatchSize(0, steps));
        assertEquals(1, DomainSteps.steps(new int[]{0, 0}, 2048));
    }

    @Test
    void zipPutsTheKthBatchOfEveryDomainIntoStepKAndNullWhereADomainRanOut() {
        List<List<String>> steps = DomainSteps.zip(List.of(List.of("a1", "a2", "a3"), List.of("b1", "b2")));
        assertEquals(List.of(List.of("a1", "b1"), List.of("a2", "b2"), Arrays.asList("a3", null)), steps);
    }
}
