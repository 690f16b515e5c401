package org.uclr.leaderboard;

import org.uclr.config.PropertiesSource;
import org.uclr.job.JobPlan;

import java.nio.file.Path;

/**
 * One (model, seed) cell of a leaderboard: the properties it runs with and what it will produce.
 *
 * @param modelFile the model's configuration file
 * @param seed      rec.random.seed
 * @param source    the job's properties, exactly what {@code librec rec} would be given
 * @param plan      run name, output directory and effective configuration
 */
public record LeaderboardJob(Path modelFile, long seed, PropertiesSource source, JobPlan plan) {

    public String label() {
        return plan.runName() + " seed " + seed;
    }
}
