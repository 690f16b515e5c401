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
    void withSeveralSlotsTheJobsLeftRunInRoundsOfThatMany() {
        JobProgress p = new JobProgress(7, 0);
        p.slots(2);
        // mean 10 s; 6 jobs left on 2 slots: 3 rounds of 10 s
        assertEquals("leaderboard: 1/7 jobs done; bprmf seed 1 took 10s; ETA 30s", p.finished("bprmf seed 1", 10));
        p.slots(4);
        // mean (10 + 30) / 2 = 20 s; 5 jobs left on 4 slots: 2 rounds
        assertEquals("leaderboard: 2/7 jobs done; uclr seed 1 took 30s; ETA 40s", p.finished("uclr seed 1", 30));
        p.slots(0); // never fewer than one
        assertEquals(100.0, p.etaSeconds(), 1e-9);
    }

    @Test
    void aJobThatFailedForGoodCountsAsDoneButNotInTheMeanTime() {
        JobProgress p = new JobProgress(4, 0);
        assertEquals("leaderboard: 1/4 jobs done (1 failed); uclr seed 1 FAILED: exit status 2; ETA unknown",
                p.failed("uclr seed 1", "exit status 2"));
        // mean of the trained job only: 8 s, 2 jobs left
        assertEquals("leaderboard: 2/4 jobs done (1 failed); bprmf seed 1 took 8s; ETA 16s", p.finished("bprmf seed 1", 8));
        p.finished("bprmf seed 2", 8);
        assertEquals("leaderboard: 4/4 jobs done (2 failed); uclr seed 2 FAILED: x; ETA none (all done)",
                p.failed("uclr seed 2", "x"));
    }

    @Test
    void durationsReadAsAPersonWouldWriteThem() {
        assertEquals("59s", JobProgress.duration(59.4));
        assertEquals("2m05s", JobProgress.duration(125));
        assertEquals("1h01m", JobProgress.duration(3660));
    }
}
