package org.uclr.leaderboard;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.job.MachineInfo;
import org.uclr.job.RecJob;

import java.util.List;

/**
 * The jobs one after another in this JVM ({@code leaderboard.parallel=1}), each a {@link RecJob} as
 * {@code librec rec} runs it. The first failure stops the leaderboard (its error is the command's error); a
 * rerun resumes with the jobs still missing. More jobs at a time: {@link ParallelExecutor}.
 */
public final class LocalExecutor implements JobExecutor {
    private static final Logger LOG = LogManager.getLogger(LocalExecutor.class);

    @Override
    public List<Failure> run(List<LeaderboardJob> jobs, JobProgress progress) {
        for (LeaderboardJob job : jobs) {
            LOG.info("leaderboard: running {} ({})", job.label(), job.modelFile());
            MachineInfo.resetPeakRss();
            long t0 = System.nanoTime();
            new RecJob(job.source()).run();
            LOG.info(progress.finished(job.label(), (System.nanoTime() - t0) / 1e9));
        }
        return List.of();
    }
}
