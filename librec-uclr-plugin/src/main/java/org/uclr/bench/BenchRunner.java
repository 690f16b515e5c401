package org.uclr.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.UclrException;
import org.uclr.config.PropertiesSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Runs a benchmark: the reference comparison in rounds (our reference model, LibRec's BPR on the same training
 * interactions, the PyTorch peer, one after another in each round), then every other model once. Each of our
 * runs is an ordinary {@code librec rec} job in its own JVM, started with this JVM's options and environment
 * (the launcher's defaults), so its peak RSS is its own; its figures are read from the results.json it writes
 * (training and validation seconds per epoch of every stage, evaluation seconds per protocol, peak RSS).
 * Writes {@code bench.md} and {@code bench.json}.
 */
public final class BenchRunner {
    private static final Logger LOG = LogManager.getLogger(BenchRunner.class);

    private final BenchConfig config;

    public BenchRunner(BenchConfig config) {
        this.config = config;
    }

    public BenchResult run() {
        String reference = config.settings().get(BenchKeys.REFERENCE);
        String domain = config.settings().get(BenchKeys.REFERENCE_DOMAIN);
        int rounds = config.settings().get(BenchKeys.ROUNDS);
        int iterations = config.settings().get(BenchKeys.LIBREC_ITERATIONS);
        String peer = config.settings().get(BenchKeys.PEER);
        BenchResult result = new BenchResult(config.command(), config.settings().get(BenchKeys.NOTE), reference, domain);
        Path work = tempDir();
        boolean ok = false;
        try {
            for (int r = 1; r <= rounds; r++) {
                LOG.info("bench round {}/{}: {}, LibRec's BPR, PyTorch peer", r, rounds, reference);
                Child ours = job(reference, work.resolve("round-" + r));
                Path libRecDir = work.resolve("round-" + r + "-librec");
                Child libRec = child(libRecDir, BenchChild.class.getName(),
                        List.of(writeJob(reference, libRecDir).toString(), domain, Integer.toString(iterations)));
                TorchPeer.Run torch = peer.equals("none")
                        ? new TorchPeer.Run(false, "bench.peer.command=none", null, 0, java.util.Map.of(), -1)
                        : TorchPeer.run(peer, Path.of("").toAbsolutePath());
                result.addRound(ours, libRec, torch);
                if (r == 1) {
                    result.addModel(reference, ours);
                }
            }
            for (String model : config.modelNames()) {
                if (!model.equals(reference)) {
                    LOG.info("bench: {}", model);
                    result.addModel(model, job(model, work.resolve(model)));
                }
            }
            ok = true;
        } finally {
            result.finish();
            if (ok) {
                deleteTree(work);
            } else {
                LOG.error("benchmark runs and their logs kept in {}", work);
            }
        }
        Path out = config.outputDir();
        result.write(out);
        LOG.info("wrote {} and {}", out.resolve(BenchResult.MARKDOWN), out.resolve(BenchResult.JSON));
        return result;
    }

    /**
     * What one child process left: its results (our job's results.json, or BenchChild's result line), its wall
     * seconds from start to exit, and its log.
     */
    record Child(JsonObject results, double wallSeconds, Path log) {
    }

    private Child job(String model, Path dir) {
        Child c = child(dir, "org.uclr.cli.Main", List.of("rec", "-conf", writeJob(model, dir).toString()));
        Path results = dir.resolve("run").resolve("results.json");
        try {
            return new Child(JsonParser.parseString(Files.readString(results)).getAsJsonObject(), c.wallSeconds(), c.log());
        } catch (IOException e) {
            throw new UclrException("benchmark run of " + model + " wrote no " + results + "; see " + c.log());
        }
    }

    /** The model's job as a properties file for the child, its results under dir/run. */
    private Path writeJob(String model, Path dir) {
        PropertiesSource job = config.jobSource(model, List.of("rec.output.dir=" + dir.resolve("run").toAbsolutePath()));
        Properties p = new Properties();
        job.values().forEach(p::setProperty);
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("job.properties");
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
                p.store(w, "bench job " + model);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs mainClass with args in a JVM like this one, its output to dir/log.txt; returns its BENCH-RESULT line, if any. */
    private Child child(Path dir, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve("log.txt");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            long t0 = System.nanoTime();
            int status;
            try (ChildProcess p = ChildProcess.start(pb)) {
                status = p.process().waitFor();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (status != 0) {
                throw new UclrException("benchmark run " + String.join(" ", args) + " failed (exit status " + status
                        + "):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            }
            JsonObject found = null;
            for (String line : lines) {
                if (line.startsWith(BenchChild.PREFIX)) {
                    found = JsonParser.parseString(line.substring(BenchChild.PREFIX.length())).getAsJsonObject();
                }
            }
            return new Child(found, wall, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UclrException("benchmark interrupted");
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("uclr-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", dir, e.getMessage());
        }
    }
}
