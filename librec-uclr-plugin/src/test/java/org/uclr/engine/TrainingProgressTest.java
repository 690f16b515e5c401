package org.uclr.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrainingProgressTest {

    @Test
    void stepLineProjectsTheEpochFromTheMeanStep() {
        // 30 of 120 steps in 90 s: 3 s a step, 90 steps left = 270 s
        assertEquals("[gamtcdr/node2vec/books] epoch 1/1: step 30/120 (25 %), 1m30s into the epoch, ETA of the epoch 4m30s",
                TrainingProgress.stepLine("gamtcdr/node2vec/books", 1, 1, 30, 120, 90.0));
    }

    @Test
    void stepLineWithoutAStepHasNoEta() {
        assertEquals("[x] epoch 2/5: step 0/10 (0 %), 5s into the epoch, ETA of the epoch unknown",
                TrainingProgress.stepLine("x", 2, 5, 0, 10, 5.0));
    }

    @Test
    void durationsAboveAnHourShowHoursAndMinutes() {
        assertEquals("1h01m", TrainingProgress.duration(3_700));
        assertEquals("59s", TrainingProgress.duration(59.4));
    }
}
