package org.uclr.leaderboard.spark;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.uclr.UclrException;
import org.uclr.engine.EngineKeys;
import org.uclr.leaderboard.JobExecutor;
import org.uclr.leaderboard.JobLauncher;
import org.uclr.leaderboard.JobProgress;
import org.uclr.leaderboard.LeaderboardConfig;
import org.uclr.leaderboard.LeaderboardJob;
import org.uclr.leaderboard.LeaderboardKeys;
import scala.reflect.ClassTag$;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code leaderboard.executor=spark}: the jobs as the tasks of one Spark job, one task per (model, seed)
 * job, each taking {@code spark.task.cpus} = the jobs' {@code rec.threads} cores of its executor. A task
 * runs its job in a JVM of its own ({@link JobLauncher}: the leaderboard's java, classpath and working
 * directory, which every node must see at the same paths) with its output in {@code job.log} of the run
 * directory. A failed attempt is retried by Spark up to {@code spark.task.maxFailures} times (for a local
 * master, {@code local[N,F]} allows F); the last attempt reports its failure instead of failing the Spark
 * job, so the other jobs' results are kept and the leaderboard reports it with its model, seed and log.
 */
public final class SparkExecutor implements JobExecutor {
    private static final Logger LOG = LogManager.getLogger(SparkExecutor.class);
    private static final Pattern LOCAL_WITH_FAILURES = Pattern.compile("local\\[([0-9]+|\\*)\\s*,\\s*([0-9]+)\\]");

    private final LeaderboardConfig config;

    public SparkExecutor(LeaderboardConfig config) {
        this.config = config;
    }

    @Override
    public List<Failure> run(List<LeaderboardJob> jobs, JobProgress progress) {
        List<JobTask> tasks = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            LeaderboardJob job = jobs.get(i);
            tasks.add(new JobTask(i, job.label(), job.plan().runName(), job.seed(),
                    job.plan().outputDir().toAbsolutePath().resolve(JobLauncher.LOG_FILE).toString()));
        }
        SparkConf conf = sparkConf(jobs);
        int attempts = maxAttempts(conf);
        int taskCpus = conf.getInt("spark.task.cpus", 1);
        JobTask.Run run = new JobTask.Run(JobLauncher.of(config), attempts);
        JobTask.Outcome[] outcomes = new JobTask.Outcome[tasks.size()];
        String sparkError = null;
        try (JavaSparkContext sc = start(conf)) {
            LOG.info("leaderboard: {} job(s) as one Spark job on {} (application {}), {} core(s) per task, "
                            + "up to {} attempt(s) per job", tasks.size(), sc.master(), sc.sc().applicationId(), taskCpus,
                    attempts);
            JavaRDD<JobTask> rdd = sc.parallelize(tasks, tasks.size()); // one job per partition, so per task
            SparkContext context = sc.sc();
            try {
                context.runJob(rdd.rdd(), run, (Object index, JobTask.Outcome outcome) -> {
                    // on the driver, as each task's result arrives
                    int partition = (Integer) index;
                    outcomes[partition] = outcome;
                    progress.slots(context.defaultParallelism() / taskCpus);
                    JobTask task = tasks.get(partition);
                    LOG.info(outcome.ok() ? progress.finished(task.label(), outcome.seconds())
                            : progress.failed(task.label(), outcome.reason() + "; log: " + task.log()));
                    return scala.runtime.BoxedUnit.UNIT;
                }, ClassTag$.MODULE$.apply(JobTask.Outcome.class));
            } catch (Exception e) { // Scala does not declare the SparkException runJob throws
                if (!(e instanceof SparkException)) {
                    throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
                // a task failed in a way our last attempt did not catch (an executor lost for good, more
                // attempts configured than Spark allows): what finished is kept, the rest is reported
                sparkError = "the Spark job failed: " + firstLine(e.getMessage());
                LOG.error("leaderboard: {}", sparkError);
            }
        }
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            JobTask.Outcome o = outcomes[i];
            if (o == null) {
                failures.add(new Failure(jobs.get(i), attempts, sparkError == null ? "no result" : sparkError,
                        Path.of(tasks.get(i).log())));
            } else if (!o.ok()) {
                failures.add(new Failure(jobs.get(i), o.attempts(), o.reason(), Path.of(tasks.get(i).log())));
            }
        }
        return failures;
    }

    /** A Spark context, or the user's error when Spark cannot start on the master given. */
    private JavaSparkContext start(SparkConf conf) {
        try {
            return new JavaSparkContext(conf);
        } catch (Exception e) { // Scala throws SparkException undeclared
            String key = LeaderboardKeys.SPARK_MASTER.name();
            throw new UclrException(config.originOf(key) + ": Spark could not start on master '" + conf.get("spark.master")
                    + "': " + firstLine(e.getMessage()) + " (" + key + " takes spark://host:port, local[N], ...)", e);
        }
    }

    /**
     * Spark's configuration: spark.* system properties (spark-submit's, or -D from JAVA_OPTS) first, then
     * the master of leaderboard.spark.master and one task per job's rec.threads cores.
     */
    SparkConf sparkConf(List<LeaderboardJob> jobs) {
        SparkConf conf = new SparkConf();
        String master = config.settings().get(LeaderboardKeys.SPARK_MASTER);
        if (!master.isBlank()) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new UclrException("leaderboard.executor=spark needs a master: set leaderboard.spark.master "
                    + "(spark://host:7077, local[2]) or start through spark-submit --master");
        }
        conf.setIfMissing("spark.app.name", "librec leaderboard " + config.file().getFileName());
        int threads = 1;
        for (LeaderboardJob job : jobs) {
            String t = job.plan().configuration().get(EngineKeys.THREADS.name());
            int n = t == null ? 0 : Integer.parseInt(t);
            if (n == 0) {
                LOG.warn("leaderboard: {} has rec.threads=0 (PyTorch's default: a thread per core of the node) and "
                        + "shares its executor with other tasks; set rec.threads to the cores a job should use", job.label());
            }
            threads = Math.max(threads, n);
        }
        conf.setIfMissing("spark.task.cpus", Integer.toString(threads));
        // executors load the task's classes from the leaderboard's own classpath (on the shared file system)
        conf.setIfMissing("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        if (conf.getBoolean("spark.speculation", false)) {
            LOG.warn("leaderboard: spark.speculation=true ignored: two attempts of a job would write the same run directory");
        }
        conf.set("spark.speculation", "false");
        return conf;
    }

    /** How many attempts Spark gives a task: F of local[N,F], 1 for another local master, else spark.task.maxFailures. */
    static int maxAttempts(SparkConf conf) {
        String master = conf.get("spark.master");
        Matcher m = LOCAL_WITH_FAILURES.matcher(master.replace(" ", ""));
        if (m.matches()) {
            return Math.max(1, Integer.parseInt(m.group(2)));
        }
        if (master.startsWith("local")) {
            return 1;
        }
        return Math.max(1, conf.getInt("spark.task.maxFailures", 4));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
