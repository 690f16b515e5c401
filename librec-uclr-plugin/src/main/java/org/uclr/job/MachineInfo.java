package org.uclr.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a result was measured on: cores, memory, JVM, and this process's peak resident memory. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memory_mb", procValueKb(Path.of("/proc/meminfo"), "MemTotal:") / 1024);
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("cpu", cpuModel());
        return m;
    }

    /** Peak resident set size of this process (VmHWM), in MB; -1 where /proc is not available. */
    public static long peakRssMb() {
        long kb = procValueKb(Path.of("/proc/self/status"), "VmHWM:");
        return kb < 0 ? -1 : kb / 1024;
    }

    /**
     * Resets the peak resident set size (Linux: writing 5 to /proc/self/clear_refs), so that a job run
     * after others in the same JVM reports its own peak rather than an earlier job's. A full collection
     * first lets the collector give an earlier job's heap back to the system, so the reset starts from the
     * live memory. Best effort: where the reset is not possible, the peak stays the process's.
     */
    public static void resetPeakRss() {
        System.gc();
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or not allowed: the reported peak is then the process's
        }
    }

    private static long procValueKb(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}
