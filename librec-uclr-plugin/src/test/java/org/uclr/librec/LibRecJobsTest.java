package org.uclr.librec;

import net.librec.conf.Configuration;
import net.librec.job.RecommenderJob;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plugin does LibRec's job's missing work (key checks, results.json) only when that job is the caller. */
class LibRecJobsTest {

    /** A LibRec job whose own code asks, as our recommender does inside its recommend(). */
    private static final class AskingJob extends RecommenderJob {
        AskingJob() {
            super(new Configuration());
        }

        boolean askFromInside() {
            return LibRecJobs.isCaller();
        }
    }

    @Test
    void onlyACallFromInsideLibRecsJobCounts() {
        assertFalse(LibRecJobs.isCaller(), "a test, bin/librec's RecJob or the leaderboard calling directly");
        AskingJob job = new AskingJob();
        assertFalse(LibRecJobs.isCaller(), "merely having made a LibRec job");
        assertTrue(job.askFromInside());
    }
}
