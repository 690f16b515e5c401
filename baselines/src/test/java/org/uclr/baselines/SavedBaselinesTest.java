package org.uclr.baselines;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.testing.TinyJobs;

import java.nio.file.Path;

/** Every baseline's saved model evaluates exactly as it did after training (both protocols, recommendations.tsv). */
class SavedBaselinesTest {
    @TempDir
    Path dir;

    @Test
    void neumf() {
        TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir, "rec.recommender.class=neumf", "neumf.factors=16",
                "neumf.batch.size=512", "neumf.learn.rate=0.01", "neumf.epochs.max=3");
    }

    @Test
    void lightgcn() {
        TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir, "rec.recommender.class=lightgcn", "lightgcn.factors=16",
                "lightgcn.batch.size=256", "lightgcn.learn.rate=0.01", "lightgcn.epochs.max=4");
    }

    @Test
    void catartWithEveryArtInput() {
        TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir, "rec.recommender.class=catart", "catart.factors=16",
                "catart.batch.size=256", "catart.learn.rate=0.01", "catart.epochs.max=4", "catart.cat.epochs.max=3",
                "catart.art.epochs.max=3", "catart.cat.batch.size=64");
    }

    @Test
    void mostpop() {
        TinyJobs.assertSaveThenLoadGivesIdenticalResults(dir, "rec.recommender.class=mostpop");
    }
}
