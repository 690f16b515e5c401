package org.uclr.leaderboard;

import org.uclr.UclrException;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs one (model, seed) job of a leaderboard in a JVM of its own, started like this one (same java, garbage collector,
 * classpath, memory and {@code -D} settings, same working directory), so that relative paths in the
 * configuration files mean what they mean to the leaderboard, and a job's PyTorch state (its global seed,
 * thread count, native memory) is never shared with another job running on the same machine. The child
 * plans the leaderboard again from the same file and overrides ({@link LeaderboardJobMain}) and runs the
 * job it is named, exactly as the local runner would; its stdout and stderr go to a log file.
 *
 * <p>Serializable: a Spark driver builds it and ships it to the executors, which must see the same paths
 * (java, classpath, working directory) on a shared file system.
 *
 * @param java             the java executable
 * @param classpath        the classpath
 * @param jvmOptions       memory and {@code -D} options
 * @param environment      variables set for the child (DJL's cache, glibc's malloc tunables)
 * @param workingDirectory the leaderboard's working directory
 * @param leaderboardFile  the leaderboard file, as given
 * @param overrides        its command-line {@code key=value} overrides
 */
public record JobLauncher(String java, String classpath, List<String> jvmOptions, Map<String, String> environment,
                          String workingDirectory, String leaderboardFile, List<String> overrides)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The log file a launched job writes in its run directory. */
    public static final String LOG_FILE = "job.log";

    /** System properties a job needs as the leaderboard has them (surefire sets some without -D). */
    private static final List<String> FORWARDED_PROPERTIES = List.of("uclr.", "ai.djl.", "DJL_", "log4j2.");
    private static final List<String> FORWARDED_ENV = List.of("DJL_CACHE_DIR", "GLIBC_TUNABLES");

    public JobLauncher {
        jvmOptions = List.copyOf(jvmOptions);
        environment = Map.copyOf(environment);
        overrides = List.copyOf(overrides);
    }

    /** Launches jobs like this JVM was started, for the leaderboard {@code config}. */
    public static JobLauncher of(LeaderboardConfig config) {
        List<String> options = forwardedOptions(ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(k -> FORWARDED_PROPERTIES.stream().anyMatch(k::startsWith))
                .forEach(k -> options.add("-D" + k + "=" + System.getProperty(k)));
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : FORWARDED_ENV) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        return new JobLauncher(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                System.getProperty("java.class.path"), options, env, Path.of("").toAbsolutePath().toString(),
                config.file().toString(), config.overrides());
    }

    /**
     * Which of this JVM's options a job's JVM gets: memory ({@code -Xm*}, {@code -Xss}, {@code -XX:MinHeapFreeRatio},
     * {@code -XX:MaxHeapFreeRatio}), the garbage collector ({@code -XX:+UseSerialGC} and the like: with the ratios,
     * bin/librec's defaults, which set a job's peak RSS) and module
     * options; not debugger or profiler agents, nor other {@code -XX} settings (flight recordings, dumps), which
     * would clash on their ports and files.
     */
    static List<String> forwardedOptions(List<String> inputArguments) {
        List<String> options = new ArrayList<>();
        for (String arg : inputArguments) {
            if (arg.startsWith("-Xm") || arg.startsWith("-Xss") || GC_CHOICE.matcher(arg).matches()
                    || HEAP_FREE_RATIO.matcher(arg).matches()
                    || arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                options.add(arg);
            }
        }
        return options;
    }

    private static final Pattern GC_CHOICE = Pattern.compile("-XX:[+-]Use\\w+GC");
    /** How far the collector lets the heap grow past and shrink towards its live size (bin/librec sets both). */
    private static final Pattern HEAP_FREE_RATIO = Pattern.compile("-XX:M(in|ax)HeapFreeRatio=\\d+");

    /** The child's command line for the job {@code runName} on {@code seed}. */
    public List<String> command(String runName, long seed) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(LeaderboardJobMain.class.getName());
        cmd.add(leaderboardFile);
        cmd.add(runName);
        cmd.add(Long.toString(seed));
        cmd.addAll(overrides);
        return cmd;
    }

    /**
     * How a launched job ended.
     *
     * @param exitCode the child's exit status (0: results.json written)
     * @param seconds  wall time
     * @param reason   "" on success, else the child's error line (or its exit status when it printed none)
     */
    public record Result(int exitCode, double seconds, String reason) implements Serializable {
        private static final long serialVersionUID = 1L;

        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * Runs the job and waits for it; the child's output is appended to {@code log} after a line with
     * {@code header}. When this thread is interrupted (Spark killing the task), the child is killed too.
     *
     * @throws InterruptedException when interrupted while the job runs
     * @throws UclrException        when the child cannot be started or the log cannot be written
     */
    public Result run(String runName, long seed, Path log, String header) throws InterruptedException {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, "=== " + header + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UclrException("cannot write the job log " + log + ": " + e.getMessage(), e);
        }
        ProcessBuilder pb = new ProcessBuilder(command(runName, seed)).directory(new File(workingDirectory))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            throw new UclrException("cannot start the job's JVM (" + java + " in " + workingDirectory + "): "
                    + e.getMessage(), e);
        }
        try {
            int code = child.waitFor();
            return new Result(code, (System.nanoTime() - t0) / 1e9, code == 0 ? "" : reason(log, code));
        } finally {
            if (child.isAlive()) {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
            }
        }
    }

    /** The last "error:" line of this attempt's log, else the exit status. */
    static String reason(Path log, int code) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0 && !lines.get(i).startsWith("=== "); i--) {
                String line = lines.get(i);
                if (line.startsWith("error: ") || line.startsWith("internal error: ")) {
                    return line + " (exit status " + code + ")";
                }
            }
        } catch (IOException | RuntimeException e) {
            // a log we cannot read still leaves the exit status to report
        }
        return "exit status " + code;
    }
}
