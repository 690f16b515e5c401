package org.uclr.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Hands the C heap's free pages back to the kernel (glibc's {@code malloc_trim(0)}) at the points where a job
 * has just freed its large temporaries: after each training epoch and after each chunk of a full ranking.
 *
 * <p>Why: PyTorch's CPU tensors come from malloc. The JVM runs Java's main thread off the process's first
 * thread, so its tensors live in a glibc arena of 64 MB heaps, and such an arena returns memory only from the
 * top of its last heap; freed blocks below it stay resident. A job that allocates and frees blocks of varying
 * sizes (NeuMF's scoring: ~16 MB of tower activations per call, thousands of calls) then grows its RSS to the
 * sum of what the arena ever held apart, not what is live. {@code malloc_trim(0)} walks every arena and
 * releases the free pages in place (madvise), without moving a live block, so results are unchanged.
 *
 * <p>Off Linux/glibc (no {@code malloc_trim} symbol) this does nothing. {@code -Duclr.malloc.trim=false}
 * turns it off (to measure what it saves).
 */
public final class MallocTrim {
    private static final Logger LOG = LogManager.getLogger(MallocTrim.class);

    private interface CLibrary extends Library {
        int malloc_trim(long pad);
    }

    private static final CLibrary LIBC = load();

    private MallocTrim() {
    }

    private static CLibrary load() {
        if (!Boolean.parseBoolean(System.getProperty("uclr.malloc.trim", "true"))) {
            return null;
        }
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            c.malloc_trim(0);
            return c;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debug("malloc_trim is not available here ({}): the C heap keeps its free pages", e.toString());
            return null;
        }
    }

    /** Returns the C heap's free pages to the kernel; a no-op where glibc's malloc_trim is not available. */
    public static void trim() {
        if (LIBC != null) {
            LIBC.malloc_trim(0);
        }
    }

    /** Whether {@link #trim()} reaches glibc's malloc_trim in this process. */
    public static boolean available() {
        return LIBC != null;
    }
}
