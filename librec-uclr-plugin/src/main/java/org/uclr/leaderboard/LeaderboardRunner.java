package org.uclr.leaderboard;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.UclrException;
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
 * runs' results.json files. Where the jobs run is the {@link JobExecutor} of {@code leaderboard.executor}:
 * one after another in this JVM, where the first failure stops the leaderboard ({@link LocalExecutor}),
 * {@code leaderboard.parallel} at a time in JVMs of their own on this machine ({@link ParallelExecutor}), or
 * on a Spark cluster; with the last two a job that fails is reported after the report of the others is
 * written. Either way a rerun resumes with the jobs still missing.
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
     * @param missing   jobs neither reused nor trained (leaderboard.train=false, or failed)
     * @param failed    jobs that failed for good (an executor that keeps the others' results)
     * @param reportDir where the report was written
     */
    public record Outcome(LeaderboardPlan plan, List<LeaderboardJob> trained, List<LeaderboardJob> reused,
                          List<LeaderboardJob> missing, List<JobExecutor.Failure> failed, Path reportDir) {

        /**
         * @throws UclrException naming every job that failed for good (model, seed, log), after the report of
         *                       the others was written
         */
        public Outcome requireNoFailures() {
            if (!failed.isEmpty()) {
                throw new UclrException(failed.size() + " of " + plan.jobs().size() + " jobs failed; the report at "
                        + reportDir + " lists them as missing, and rerunning the same command retries only them: "
                        + String.join("; ", failed.stream().map(JobExecutor.Failure::describe).toList()));
            }
            return this;
        }
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
        List<JobExecutor.Failure> failed = List.of();
        if (train && !toRun.isEmpty()) {
            JobProgress progress = new JobProgress(plan.jobs().size(), reused.size());
            failed = executor().run(toRun, progress);
        }
        List<LeaderboardJob> failedJobs = failed.stream().map(JobExecutor.Failure::job).toList();
        toRun.stream().filter(j -> train && !failedJobs.contains(j)).forEach(trained::add);
        List<LeaderboardJob> missing = train ? failedJobs : toRun;
        if (!failed.isEmpty() && missing.size() == plan.jobs().size()) {
            failed.forEach(f -> LOG.error("leaderboard: {}", f.describe()));
            throw new UclrException("every job of the leaderboard failed, so there is no report: "
                    + failed.get(0).describe() + (failed.size() > 1 ? " (and " + (failed.size() - 1) + " more, above)" : ""));
        }
        List<Path> runDirs = new ArrayList<>();
        for (LeaderboardJob job : plan.jobs()) {
            if (!missing.contains(job)) {
                runDirs.add(job.plan().outputDir());
            }
        }
        ReportWriter.write(reportDir, plan.models(), runDirs, missing.stream().map(LeaderboardJob::label).toList(),
                config.reportOptions());
        LOG.info("leaderboard: report written to {}", reportDir.resolve("leaderboard.html"));
        failed.forEach(f -> LOG.error("leaderboard: {}", f.describe()));
        return new Outcome(plan, trained, reused, missing, failed, reportDir);
    }

    /**
     * The executor of leaderboard.executor: for local, one job at a time in this JVM, or leaderboard.parallel
     * at a time in JVMs of their own; Spark's is only in the Spark build (mvn -Pspark).
     */
    JobExecutor executor() {
        ExecutorKind kind = config.settings().get(LeaderboardKeys.EXECUTOR);
        int parallel = config.settings().get(LeaderboardKeys.PARALLEL);
        if (kind == ExecutorKind.LOCAL) {
            return parallel == 1 ? new LocalExecutor() : new ParallelExecutor(JobLauncher.of(config), parallel);
        }
        if (parallel > 1) {
            LOG.warn("leaderboard: {}: leaderboard.parallel={} is ignored with leaderboard.executor=spark, where the "
                    + "cluster's task slots decide how many jobs run at once", config.originOf(LeaderboardKeys.PARALLEL.name()),
                    parallel);
        }
        String name = "org.uclr.leaderboard.spark.SparkExecutor";
        try {
            return (JobExecutor) Class.forName(name).getConstructor(LeaderboardConfig.class).newInstance(config);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new UclrException(config.originOf(LeaderboardKeys.EXECUTOR.name()) + ": leaderboard.executor=spark "
                    + "needs the Spark build, which this one is not (" + e.getMessage() + "): bin/librec builds it "
                    + "when leaderboard.executor=spark is on its command line or in the leaderboard file; by hand: "
                    + "mvn -Pspark -DskipTests package");
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(name + " could not be created", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(name + " could not be created", e);
        }
    }
}
