package org.uclr.engine;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.model.bprmf.BPRMFRecommender;
import org.uclr.testing.Fixtures;

import javax.management.JMException;
import javax.management.ObjectName;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains BPR-MF on synthetic data, one model per domain (three domains; 16, 14 and 10 optimizer steps per
 * epoch), and prints after every epoch what the process holds:
 * <pre>epoch DOMAIN N ARRAYS MANAGERS PROGRAM_NATIVE_KB VMRSS_KB</pre>
 * or one line {@code unsupported: REASON} where the C library is not glibc.
 * <ul>
 *   <li>ARRAYS, MANAGERS: the NDArrays and NDManagers alive in DJL's whole manager tree (under the engine's
 *   system manager), the bookkeeping of every tensor the code has not closed;</li>
 *   <li>PROGRAM_NATIVE_KB: bytes the C allocator has handed out and not taken back (glibc's
 *   {@code mallinfo2}: in-use arena chunks plus mmapped chunks) minus the JVM's own bookkeeping as Native
 *   Memory Tracking counts it, except direct buffers: PyTorch's tensors, DJL's native side and direct
 *   {@link java.nio.ByteBuffer}s. Unlike VmRSS it does not depend on whether the allocator served a block
 *   from pages it already had or from new ones, or on when it returns pages to the system;</li>
 *   <li>VMRSS_KB: resident memory, for the record only (it moves in bursts that are not leaks).</li>
 * </ul>
 * Before each reading a full GC runs and the direct buffers it freed are released, so garbage waiting for
 * collection does not count. Needs glibc (mallinfo2, glibc 2.33+) and the JVM options
 * {@code -XX:NativeMemoryTracking=summary}; one malloc arena ({@code MALLOC_ARENA_MAX=1}) keeps the
 * reading cheap:
 * <pre>
 * MALLOC_ARENA_MAX=1 java -XX:NativeMemoryTracking=summary -cp ... \
 *     org.uclr.engine.TrainingMemoryHarness [epochs] [scale]
 * </pre>
 * JNA, which reads mallinfo2, comes with DJL's api.
 */
public final class TrainingMemoryHarness {
    private TrainingMemoryHarness() {
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        double scale = args.length > 1 ? Double.parseDouble(args[1]) : 0.1;
        NativeHeap heap;
        try {
            heap = new NativeHeap();
        } catch (UnsatisfiedLinkError e) {
            System.out.println("unsupported: no glibc mallinfo2 (" + e.getMessage() + ")");
            return;
        }
        MultiDomainDataModel dm = Fixtures.dataModel(Fixtures.synthetic(scale), 2, Map.of(
                "rec.random.seed", "2", "rec.device", "cpu", "rec.threads", "1",
                "bprmf.factors", "64", "bprmf.batch.size", "128", "bprmf.learn.rate", "0.01",
                "bprmf.epochs.max", String.valueOf(epochs), "bprmf.patience", "100000"));
        Fixtures.train(new BPRMFRecommender() {
            private int domainSeen = -1;
            private int epoch;

            @Override
            protected double validationNdcg10(int domain) {
                double v = super.validationNdcg10(domain);
                epoch = domain == domainSeen ? epoch + 1 : 0;
                domainSeen = domain;
                heap.collectGarbage();
                NDManager system = engine.root().getParentManager();
                System.out.println("epoch " + domain + " " + epoch + " " + system.getManagedArrays().size() + " "
                        + managers(system) + " " + heap.programBytes() / 1024 + " " + vmRssKb());
                return v;
            }
        }, dm);
    }

    /** Managers under (not counting) the given one, as DJL's own debug dump lists them: one line each. */
    static int managers(NDManager manager) {
        ByteArrayOutputStream dump = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(dump, true, StandardCharsets.UTF_8));
        try {
            ((BaseNDManager) manager).debugDump(0);
        } finally {
            System.setOut(out);
        }
        return (int) dump.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("NDManager(")).count() - 1;
    }

    static long vmRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** glibc's allocator statistics, and the JVM's share of them (Native Memory Tracking). */
    static final class NativeHeap {
        private static final Pattern TOTAL = Pattern.compile("\\n\\s*malloc: (\\d+)KB");
        private static final Pattern OVERHEAD = Pattern.compile("\\(tracking overhead=(\\d+)KB\\)");
        private static final Pattern OTHER = Pattern.compile("- +Other \\(reserved[^\\n]*\\n\\s*\\(malloc=(\\d+)KB");
        private final Libc libc = Native.load("c", Libc.class);
        private final BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
        private final ObjectName diagnostics;

        /** @throws UnsatisfiedLinkError without glibc 2.33+ */
        NativeHeap() {
            libc.mallinfo2();
            try {
                diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
            } catch (JMException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Bytes the C allocator holds for the program: in use (mallinfo2 uordblks + hblkhd) minus what the JVM
         * allocated for itself (NMT's malloc total and its own headers: compiler arenas, GC, symbols... which
         * come and go by megabytes with compilations and collections), adding back NMT's "Other", where it
         * files {@code Unsafe.allocateMemory} (direct buffers).
         */
        long programBytes() {
            Mallinfo2.ByValue inUse = libc.mallinfo2();
            String nmt = nativeMemorySummary();
            return inUse.uordblks + inUse.hblkhd - 1024 * (kb(TOTAL, nmt) + kb(OVERHEAD, nmt) - kb(OTHER, nmt));
        }

        /** A full GC, then waits (at most a second) until the direct buffers it found unreachable are freed. */
        void collectGarbage() {
            System.gc();
            long before = -1;
            for (int k = 0; k < 500 && direct.getCount() != before; k++) {
                before = direct.getCount();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private String nativeMemorySummary() {
            try {
                return (String) ManagementFactory.getPlatformMBeanServer().invoke(diagnostics, "vmNativeMemory",
                        new Object[]{new String[]{"summary"}}, new String[]{String[].class.getName()});
            } catch (JMException e) {
                throw new IllegalStateException("cannot read Native Memory Tracking", e);
            }
        }

        private static long kb(Pattern p, String nmt) {
            Matcher m = p.matcher(nmt);
            if (!m.find()) {
                throw new IllegalStateException("no " + p + " in the NMT summary (run with "
                        + "-XX:NativeMemoryTracking=summary):\n" + nmt);
            }
            return Long.parseLong(m.group(1));
        }
    }

    /** The C library, for its allocator statistics. */
    public interface Libc extends Library {
        Mallinfo2.ByValue mallinfo2();
    }

    /** glibc's {@code struct mallinfo2} (all fields size_t). */
    @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
            "fordblks", "keepcost"})
    public static class Mallinfo2 extends Structure {
        public long arena;
        public long ordblks;
        public long smblks;
        public long hblks;
        public long hblkhd;
        public long usmblks;
        public long fsmblks;
        public long uordblks;
        public long fordblks;
        public long keepcost;

        /** Returned by value. */
        public static class ByValue extends Mallinfo2 implements Structure.ByValue {
        }
    }
}
