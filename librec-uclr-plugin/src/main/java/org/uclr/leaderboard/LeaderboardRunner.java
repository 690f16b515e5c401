package org.uclr.leaderboard;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.UclrException;
import org.uclr.job.MachineInfo;
import org.uclr.job.RecJob;
import org.uclr.report.ReportWriter;
import org.uclr.util.WritableDirectory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code librec leaderboard}: runs every (model, seed) job that has no reusable finished run, each
 * exactly as {@code librec rec} would (a {@link RecJob} in this JVM, output in the standard run
 * directory, so {@code rec} and {@code leaderboard} share runs), then writes the report from the
 * runs' results.json files. Jobs run one after another; the first failure stops the leaderboard,
 * and a rerun resumes with the jobs still missing.
 */
public final class LeaderboardRunner {
    private static final Logger LOG = LogManager.getLogger(LeaderboardRunner.class);

    private final LeaderboardConfig config;
    private final RunReuse reuse;

    /**
     * What a leaderboard invocation did.
     *
     * @param plan      the jobs
     * @param trained   jobs trained now
     * @param reused    jobs whose finished run was reused
     * @param missing   jobs neither reused nor trained (leaderboard.train=false)
     * @param reportDir where the report was written
     */
    public record Outcome(LeaderboardPlan plan, List<LeaderboardJob> trained, List<LeaderboardJob> reused,
                          List<LeaderboardJob> missing, Path reportDir) {
    }

    public LeaderboardRunner(LeaderboardConfig config) {
        this.config = config;
        this.reuse = new RunReuse(RecJob.codeVersion(), config.settings().get(LeaderboardKeys.REUSE));
    }

    /**
     * Every column of leaderboard.metrics and the group metric must be a metric each job writes
     * (rec.eval.classes x rec.eval.topn); found when the report is written, it would come after all the training.
     */
    private void checkMetricsAreProduced(LeaderboardPlan plan) {
        List<String> wanted = new ArrayList<>(config.settings().get(LeaderboardKeys.METRICS));
        wanted.add(config.settings().get(LeaderboardKeys.GROUP_METRIC));
        for (LeaderboardJob job : plan.jobs()) {
            List<String> produced = new RecJob(job.source()).metricNames();
            for (String metric : wanted) {
                if (!produced.contains(metric)) {
                    String key = config.settings().get(LeaderboardKeys.METRICS).contains(metric)
                            ? LeaderboardKeys.METRICS.name() : LeaderboardKeys.GROUP_METRIC.name();
                    throw new UclrException(config.originOf(key) + ": " + key + " names " + metric + ", which "
                            + job.label() + " does not compute (it computes " + (produced.isEmpty()
                            ? "none: rec.eval.enable=false" : String.join(",", produced)) + "; rec.eval.classes and "
                            + "rec.eval.topn decide)");
                }
            }
        }
    }

    public Outcome run() {
        LeaderboardPlan plan = LeaderboardPlan.of(config);
        boolean train = config.settings().get(LeaderboardKeys.TRAIN);
        List<LeaderboardJob> reused = new ArrayList<>();
        List<LeaderboardJob> toRun = new ArrayList<>();
        for (LeaderboardJob job : plan.jobs()) {
            RunReuse.Decision d = reuse.check(job.plan());
            if (d.reusable()) {
                reused.add(job);
            } else {
                LOG.info("leaderboard: {} must run: {}", job.label(), d.reason());
                toRun.add(job);
            }
        }
        LOG.info("leaderboard: {} on {}: {} jobs ({} model(s) x {} seed(s)), {} reused, {} to {}", config.file(),
                plan.dataset(), plan.jobs().size(), plan.models().size(), config.seeds().size(), reused.size(),
                toRun.size(), train ? "run" : "report as missing (leaderboard.train=false)");
        if ("unknown".equals(RecJob.codeVersion()) && !reused.isEmpty()) {
            LOG.warn("leaderboard: the code version is unknown (not started through bin/librec), so reused runs "
                    + "were matched on their configuration only");
        }
        checkMetricsAreProduced(plan);
        // an unwritable report or run directory fails now, not after hours of training
        Path reportDir = config.reportDir(plan.dataset());
        WritableDirectory.check(reportDir, "report directory " + reportDir, "set leaderboard.output.root");
        if (train) {
            for (LeaderboardJob job : toRun) {
                WritableDirectory.check(job.plan().outputDir(), "run directory " + job.plan().outputDir(),
                        "set leaderboard.output.root");
            }
        }
        List<LeaderboardJob> trained = new ArrayList<>();
        if (train) {
            JobProgress progress = new JobProgress(plan.jobs().size(), reused.size());
            for (LeaderboardJob job : toRun) {
                LOG.info("leaderboard: running {} ({})", job.label(), job.modelFile());
                MachineInfo.resetPeakRss();
                long t0 = System.nanoTime();
                new RecJob(job.source()).run();
                trained.add(job);
                LOG.info(progress.finished(job.label(), (System.nanoTime() - t0) / 1e9));
            }
        }
        List<LeaderboardJob> missing = train ? List.of() : toRun;
        List<Path> runDirs = new ArrayList<>();
        for (LeaderboardJob job : plan.jobs()) {
            if (!missing.contains(job)) {
                runDirs.add(job.plan().outputDir());
            }
        }
        ReportWriter.write(reportDir, plan.models(), runDirs, missing.stream().map(LeaderboardJob::label).toList(),
                config.reportOptions());
        LOG.info("leaderboard: report written to {}", reportDir.resolve("leaderboard.html"));
        return new Outcome(plan, trained, reused, missing, reportDir);
    }
}
