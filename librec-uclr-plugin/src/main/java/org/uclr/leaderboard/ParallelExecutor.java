package org.uclr.leaderboard;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.UclrException;
import org.uclr.engine.EngineKeys;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code leaderboard.executor=local} with {@code leaderboard.parallel} = N > 1: up to N jobs at the same
 * time on this machine, each in a JVM of its own ({@link JobLauncher}: this JVM's java, classpath, memory
 * and {@code -D} options, working directory) with its output in {@code job.log} of its run directory.
 * Jobs start in the plan's order (seed by seed). A job that fails does not stop the others: it is returned
 * as a {@link Failure} with its reason and log, after every other job has ended, and the runs that
 * finished are kept, so a rerun resumes with the failed ones. A JVM per job because PyTorch's seed and
 * thread count are process-wide: two jobs in one JVM would share them.
 */
public final class ParallelExecutor implements JobExecutor {
    private static final Logger LOG = LogManager.getLogger(ParallelExecutor.class);
    /** How long a shutdown (Ctrl-C, SIGTERM) waits for the running jobs' JVMs to be killed. */
    private static final long SHUTDOWN_WAIT_SECONDS = 10;

    private final JobLauncher launcher;
    private final int slots;

    /**
     * @param launcher starts a job's JVM
     * @param slots    jobs at the same time, at least 2 (one runs in the leaderboard's JVM: {@link LocalExecutor})
     * @throws IllegalArgumentException when {@code slots} < 2
     */
    public ParallelExecutor(JobLauncher launcher, int slots) {
        if (slots < 2) {
            throw new IllegalArgumentException("a parallel executor needs at least 2 slots, not " + slots);
        }
        this.launcher = launcher;
        this.slots = slots;
    }

    /** @return how many jobs run at the same time */
    public int slots() {
        return slots;
    }

    @Override
    public List<Failure> run(List<LeaderboardJob> jobs, JobProgress progress) {
        warnAboutThreads(jobs);
        progress.slots(slots);
        LOG.info("leaderboard: {} job(s), up to {} at a time, each in a JVM of its own (log: job.log of its run "
                + "directory)", jobs.size(), slots);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(slots, jobs.size())), namedThreads());
        List<Future<Failure>> results = new ArrayList<>();
        for (LeaderboardJob job : jobs) {
            results.add(pool.submit(() -> runOne(job, progress)));
        }
        pool.shutdown();
        // killed or interrupted (Ctrl-C, SIGTERM), the leaderboard takes its jobs' JVMs with it: an orphaned
        // job would go on writing a run directory that a rerun writes too
        Thread killChildren = new Thread(() -> stop(pool), "leaderboard-stop-jobs");
        Runtime.getRuntime().addShutdownHook(killChildren);
        try {
            List<Failure> failures = new ArrayList<>();
            for (Future<Failure> r : results) {
                Failure f = r.get();
                if (f != null) {
                    failures.add(f);
                }
            }
            return failures;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(pool);
            throw stopped(e);
        } catch (ExecutionException e) {
            stop(pool);
            if (e.getCause() instanceof InterruptedException i) { // the shutdown hook stopped the jobs
                throw stopped(i);
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killChildren);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    private static UclrException stopped(InterruptedException e) {
        return new UclrException("the leaderboard was stopped; its running jobs were killed, and a rerun resumes "
                + "with the jobs that did not finish", e);
    }

    /**
     * Runs one job in its JVM and waits for it.
     *
     * @return null when it wrote its results.json, else its failure (attempts 1: a job is not retried)
     * @throws InterruptedException when the leaderboard is stopped while the job runs (its JVM is killed)
     */
    private Failure runOne(LeaderboardJob job, JobProgress progress) throws InterruptedException {
        Path log = job.plan().outputDir().toAbsolutePath().resolve(JobLauncher.LOG_FILE);
        LOG.info("leaderboard: starting {} ({}); log: {}", job.label(), job.modelFile(), log);
        String reason;
        try {
            JobLauncher.Result r = launcher.run(job.plan().runName(), job.seed(), log,
                    job.label() + " at " + Instant.now() + " (leaderboard.parallel=" + slots + ")");
            if (r.ok()) {
                LOG.info(progress.finished(job.label(), r.seconds()));
                return null;
            }
            reason = r.reason();
        } catch (UclrException e) { // the JVM could not start, or the log not be written
            reason = e.getMessage();
        }
        LOG.error(progress.failed(job.label(), reason + "; log: " + log));
        return new Failure(job, 1, reason, log);
    }

    /** Interrupts the jobs' threads, which kill their JVMs, and waits for that up to {@link #SHUTDOWN_WAIT_SECONDS}. */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Warns when the jobs would ask for more threads than the machine has cores: rec.threads=0 gives each
     * job PyTorch's default of a thread per core, and N jobs of T threads need N x T cores.
     */
    private void warnAboutThreads(List<LeaderboardJob> jobs) {
        int cores = Runtime.getRuntime().availableProcessors();
        int most = 0;
        List<String> unset = new ArrayList<>();
        for (LeaderboardJob job : jobs) {
            String t = job.plan().configuration().get(EngineKeys.THREADS.name());
            int threads = t == null ? 0 : Integer.parseInt(t.trim());
            if (threads == 0) {
                unset.add(job.label());
                threads = cores;
            }
            most = Math.max(most, threads);
        }
        if (!unset.isEmpty()) {
            LOG.warn("leaderboard: {} job(s) have rec.threads=0 (PyTorch's default: a thread per core) and run {} at "
                    + "a time ({}); set rec.threads so that leaderboard.parallel x rec.threads <= {} cores",
                    unset.size(), slots, String.join(", ", unset), cores);
        } else if (slots * most > cores) {
            LOG.warn("leaderboard: leaderboard.parallel={} jobs of up to {} thread(s) each ask for {} threads on {} "
                    + "core(s); they will slow each other down", slots, most, slots * most, cores);
        }
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> new Thread(r, "leaderboard-job-" + n.incrementAndGet());
    }
}
