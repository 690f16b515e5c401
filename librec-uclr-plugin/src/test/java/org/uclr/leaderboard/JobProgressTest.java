package org.uclr.leaderboard;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobProgressTest {

    @Test
    void etaIsTheMeanWallTimeOfTrainedJobsTimesTheJobsLeft() {
        JobProgress p = new JobProgress(5, 1); // one reused run counts as done
        assertTrue(Double.isNaN(p.etaSeconds()));
        assertEquals("leaderboard: 2/5 jobs done; bprmf seed 1 took 10s; ETA 30s", p.finished("bprmf seed 1", 10));
        // mean (10 + 20) / 2 = 15 s, 2 jobs left
        assertEquals("leaderboard: 3/5 jobs done; bprmf seed 2 took 20s; ETA 30s", p.finished("bprmf seed 2", 20));
        assertEquals(30.0, p.etaSeconds(), 1e-9);
    }

    @Test
    void durationsReadAsAPersonWouldWriteThem() {
        assertEquals("59s", JobProgress.duration(59.4));
        assertEquals("2m05s", JobProgress.duration(125));
        assertEquals("1h01m", JobProgress.duration(3660));
    }
}
