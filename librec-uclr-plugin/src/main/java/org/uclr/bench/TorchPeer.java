package org.uclr.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The independent PyTorch BPR-MF ({@code ../shared/peers/torch_bprmf.py}, Debian's python3-torch), run as a
 * command: its per-epoch training seconds ({@code [Books] ep   1 loss 0.6963 train 0.71s ...}, validation
 * excluded), its torch version and thread count, and its peak RSS are read from its output.
 */
final class TorchPeer {
    private static final Pattern EPOCH = Pattern.compile("^\\s*\\[(\\w+)] ep\\s+(\\d+) loss \\S+ train ([0-9.]+)s");
    private static final Pattern VERSION = Pattern.compile("^torch (\\S+) threads (\\d+)");
    private static final Pattern PEAK = Pattern.compile("peak RSS (\\d+) MiB");

    private TorchPeer() {
    }

    /**
     * What one run gave.
     *
     * @param ran           false when the command could not run (then {@code reason} says why)
     * @param reason        why it did not run, or null
     * @param torch         torch version
     * @param threads       torch threads
     * @param epochSeconds  per domain (as the peer names it, e.g. "Books"), its epochs' training seconds
     * @param peakRssMb     the peer's own peak RSS
     */
    record Run(boolean ran, String reason, String torch, int threads, Map<String, List<Double>> epochSeconds,
               long peakRssMb) {
    }

    static Run run(String command, Path workingDir) {
        List<String> argv = List.of(command.trim().split("\\s+"));
        Path program = Path.of(argv.get(0));
        if (program.isAbsolute() && !Files.isExecutable(program)) {
            return new Run(false, argv.get(0) + " is not installed", null, 0, Map.of(), -1);
        }
        for (String a : argv.subList(1, argv.size())) {
            if (a.endsWith(".py") && !Files.isRegularFile(workingDir.resolve(a))) {
                return new Run(false, a + " not found (from " + workingDir.toAbsolutePath() + ")", null, 0, Map.of(), -1);
            }
        }
        ProcessBuilder pb = new ProcessBuilder(argv).directory(workingDir.toAbsolutePath().toFile()).redirectErrorStream(true);
        List<String> lines = new ArrayList<>();
        try (ChildProcess child = ChildProcess.start(pb)) {
            Process p = child.process();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    System.err.println("[peer] " + line);
                }
            }
            if (!p.waitFor(6, TimeUnit.HOURS)) {
                return new Run(false, "still running after 6 hours (killed)", null, 0, Map.of(), -1);
            }
            if (p.exitValue() != 0) {
                return new Run(false, "exited with status " + p.exitValue() + ": "
                        + (lines.isEmpty() ? "" : lines.get(lines.size() - 1)), null, 0, Map.of(), -1);
            }
        } catch (IOException e) {
            return new Run(false, "cannot start: " + e.getMessage(), null, 0, Map.of(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(false, "interrupted", null, 0, Map.of(), -1);
        }
        return parse(lines);
    }

    /** Reads a finished run's output lines. */
    static Run parse(List<String> lines) {
        String torch = null;
        int threads = 0;
        long peak = -1;
        Map<String, List<Double>> epochs = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher v = VERSION.matcher(line);
            if (v.find()) {
                torch = v.group(1);
                threads = Integer.parseInt(v.group(2));
            }
            Matcher e = EPOCH.matcher(line);
            if (e.find()) {
                epochs.computeIfAbsent(e.group(1), k -> new ArrayList<>()).add(Double.parseDouble(e.group(3)));
            }
            Matcher m = PEAK.matcher(line);
            if (m.find()) {
                peak = Long.parseLong(m.group(1));
            }
        }
        if (epochs.isEmpty()) {
            return new Run(false, "no epoch lines in its output (run it with --verbose)", torch, threads, Map.of(), peak);
        }
        return new Run(true, null, torch, threads, epochs, peak);
    }
}
