package org.uclr.engine;

import ai.djl.pytorch.jni.JniUtils;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.IntUnaryOperator;

/**
 * Threads for host kernels ({@link HostMemory}): as many as PyTorch's intra-op threads ({@code rec.threads}),
 * each running one contiguous range of output rows, so a kernel's result never depends on how many there are.
 */
public final class HostParallel {
    private HostParallel() {
    }

    /** A kernel over the rows [from, to). */
    public interface RowRange {
        void run(int from, int to);
    }

    /** The threads host kernels use: PyTorch's intra-op thread count. */
    public static int threads() {
        DjlRuntime.engine();
        return Math.max(1, JniUtils.getNumThreads());
    }

    /**
     * Runs body on ranges that cover rows 0..n, one per thread, cut so that each holds about the same work.
     *
     * @param work work before row r, for r in 0..n (non-decreasing; {@code work(n)} is the total)
     */
    public static void rows(int n, IntUnaryOperator work, RowRange body) {
        rows(n, threads(), work, body);
    }

    /** {@link #rows(int, IntUnaryOperator, RowRange)} on a given number of threads. */
    public static void rows(int n, int threads, IntUnaryOperator work, RowRange body) {
        int parts = Math.min(threads, n);
        if (parts <= 1) {
            body.run(0, n);
            return;
        }
        long total = work.applyAsInt(n);
        int[] bounds = new int[parts + 1];
        bounds[parts] = n;
        int row = 0;
        for (int p = 1; p < parts; p++) {
            long target = total * p / parts;
            while (row < n && work.applyAsInt(row) < target) {
                row++;
            }
            bounds[p] = row;
        }
        Future<?>[] others = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = bounds[p];
            int to = bounds[p + 1];
            others[p - 1] = ForkJoinPool.commonPool().submit(() -> body.run(from, to));
        }
        body.run(bounds[0], bounds[1]);
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * Runs body with PyTorch's intra-op threads set to 1, then restores them. For the small tensor ops inside
     * a host kernel: on a machine shared with other jobs, one op split over threads waits for the slowest
     * (a 32k-float square root measured 20 ms on two threads against 27 us on one).
     */
    public static void torchOnOneThread(Runnable body) {
        int before = threads();
        if (before == 1) {
            body.run();
            return;
        }
        JniUtils.setNumThreads(1);
        try {
            body.run();
        } finally {
            JniUtils.setNumThreads(before);
        }
    }
}
