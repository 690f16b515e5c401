package org.uclr.leaderboard.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on the loopback address, from the Maven jars on this JVM's classpath:
 * a master and {@code workers} workers of one core each, every one a JVM of its own (Spark's
 * {@code org.apache.spark.deploy.master.Master} and {@code ...worker.Worker} mains, as
 * {@code sbin/start-master.sh} and {@code start-worker.sh} start them). The workers launch executors
 * through Spark's launcher, which wants a Spark home: an empty one (a RELEASE file and a jars folder)
 * is enough, since the executors get their classes from spark.executor.extraClassPath.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final Pattern ALIVE = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final List<Process> processes = new ArrayList<>();
    private final Path dir;
    final String masterUrl;
    private final int webPort;

    StandaloneCluster(Path dir, int workers) throws IOException, InterruptedException {
        this.dir = dir;
        Path home = dir.resolve("spark-home");
        Files.createDirectories(home.resolve("jars"));
        Files.writeString(home.resolve("RELEASE"), "Spark from Maven jars, for a test\n");
        int port = freePort();
        webPort = freePort();
        masterUrl = "spark://127.0.0.1:" + port;
        start("master", home, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(port), "--webui-port", Integer.toString(webPort));
        for (int i = 1; i <= workers; i++) {
            start("worker-" + i, home, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                    "--memory", "2g", "--webui-port", Integer.toString(freePort()), "--work-dir",
                    dir.resolve("work-" + i).toString(), masterUrl);
        }
        awaitWorkers(workers, Duration.ofMinutes(3));
    }

    private void start(String name, Path home, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty"))
                .forEach(cmd::add);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
        processes.add(pb.start());
    }

    private void awaitWorkers(int workers, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a Spark daemon exited (" + p.exitValue() + "): " + logs());
                }
            }
            try {
                String json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = ALIVE.matcher(json);
                if (m.find() && Integer.parseInt(m.group(1)) >= workers) {
                    return;
                }
            } catch (IOException e) {
                // the master is not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(workers + " workers did not register within " + timeout + ": " + logs());
    }

    /** The daemons' logs, for a failure message. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                sb.append("\n--- ").append(f.getFileName()).append('\n').append(Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) { // workers' executors are their descendants
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }
}
