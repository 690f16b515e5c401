package org.uclr.leaderboard;

import org.uclr.UclrException;
import org.uclr.config.KeyOrigin;
import org.uclr.config.PropertiesSource;
import org.uclr.job.JobKeys;
import org.uclr.job.JobPlan;
import org.uclr.job.RecJob;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every job of a leaderboard, planned (and so validated) before anything trains: a typo in the last
 * model file fails at once, not after hours of training the first ones.
 *
 * @param dataset the dataset every job runs on
 * @param models  run names in the order of leaderboard.models
 * @param jobs    seed-major (every model on the first seed, then the next), so an interrupted leaderboard
 *                has whole seeds to report
 */
public record LeaderboardPlan(String dataset, List<String> models, List<LeaderboardJob> jobs) {

    public static LeaderboardPlan of(LeaderboardConfig config) {
        List<LeaderboardJob> jobs = new ArrayList<>();
        Map<String, Path> fileOfRun = new LinkedHashMap<>();
        String dataset = null;
        Path datasetFrom = null;
        for (long seed : config.seeds()) {
            for (Path modelFile : config.modelFiles()) {
                PropertiesSource source = config.jobSource(modelFile, seed);
                JobPlan first = new RecJob(source).plan();
                source.put(JobKeys.OUTPUT_DIR.name(), config.runDir(first.dataset(), first.runName(), seed).toString(),
                        new KeyOrigin(config.file() + " (leaderboard.output.root)", 0));
                JobPlan plan = new RecJob(source).plan();
                if (dataset == null) {
                    dataset = plan.dataset();
                    datasetFrom = modelFile;
                } else if (!dataset.equals(plan.dataset())) {
                    throw new UclrException(config.file() + ": models run on different datasets (" + datasetFrom + ": "
                            + dataset + ", " + modelFile + ": " + plan.dataset() + "); set the data.* keys in the "
                            + "leaderboard file so that every model runs on the same data");
                }
                Path other = fileOfRun.putIfAbsent(plan.runName(), modelFile);
                if (other != null && !other.equals(modelFile)) {
                    throw new UclrException(config.file() + ": " + other + " and " + modelFile + " both produce run '"
                            + plan.runName() + "' (one row each is needed: set rec.run.name in one of them)");
                }
                jobs.add(new LeaderboardJob(modelFile, seed, source, plan));
            }
        }
        if (jobs.isEmpty()) {
            throw new UclrException(config.file() + ": no jobs (leaderboard.models or leaderboard.seeds is empty)");
        }
        return new LeaderboardPlan(dataset, List.copyOf(fileOfRun.keySet()), jobs);
    }
}
