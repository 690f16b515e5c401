package org.uclr.engine;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MallocTrimTest {
    private static final int BLOCKS = 400;
    private static final int BLOCK_BYTES = 100 * 1024; // below glibc's smallest mmap threshold (128 kB): from the arena

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /**
     * Freed blocks that lie below a live one stay resident (an arena gives memory back only from its top); the
     * trim returns their pages. Run on a thread of its own, as the JVM runs Java's main thread: a glibc arena
     * of mmapped heaps, not the process's brk heap.
     */
    @Test
    void freedBlocksBetweenLiveOnesGoBackToTheKernel() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs Linux /proc");
        assumeTrue(MallocTrim.available(), "needs glibc's malloc_trim");
        AtomicReference<long[]> kb = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            long[] big = new long[BLOCKS];
            long[] keep = new long[BLOCKS];
            try {
                for (int k = 0; k < BLOCKS; k++) {
                    big[k] = Native.malloc(BLOCK_BYTES);
                    keep[k] = Native.malloc(64);
                    new com.sun.jna.Pointer(big[k]).setMemory(0, BLOCK_BYTES, (byte) 1); // touch every page
                }
                long allocated = rssKb();
                for (long p : big) {
                    Native.free(p);
                }
                long freed = rssKb();
                MallocTrim.trim();
                long trimmed = rssKb();
                kb.set(new long[]{allocated, freed, trimmed});
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                for (long p : keep) {
                    if (p != 0) {
                        Native.free(p);
                    }
                }
            }
        }, "malloc-trim-test");
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        long[] r = kb.get();
        long blocksKb = (long) BLOCKS * BLOCK_BYTES / 1024;
        // free() alone leaves most of the blocks resident; the trim returns at least half of them
        assertTrue(r[0] - r[1] < blocksKb / 2, "free() alone released " + (r[0] - r[1]) + " kB of " + blocksKb);
        assertTrue(r[1] - r[2] > blocksKb / 2, "the trim released " + (r[1] - r[2]) + " kB of " + blocksKb
                + " (RSS kB allocated / freed / trimmed: " + r[0] + " / " + r[1] + " / " + r[2] + ")");
    }
}
