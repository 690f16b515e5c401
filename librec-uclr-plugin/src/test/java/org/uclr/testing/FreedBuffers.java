package org.uclr.testing;

import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * What a training step can do between its forward and backward pass, made to happen on purpose: a garbage
 * collection that frees the memory of unreachable Java direct buffers, then new small native allocations
 * that take that memory over, every float of them {@link #FILL}. A tensor op that kept a pointer into a freed
 * buffer then reads 1e18 instead of its value.
 */
public final class FreedBuffers {
    public static final float FILL = 1e18f;

    private FreedBuffers() {
    }

    /** Collects until an unreachable object is gone, lets the buffers' cleaners run, then refills memory. */
    public static void collectAndReuse() {
        WeakReference<Object> probe = new WeakReference<>(new Object());
        try {
            for (int round = 0; round < 2; round++) {
                while (probe.get() != null) {
                    System.gc();
                    Thread.sleep(1);
                }
                // the cleaners of collected direct buffers run on the reference handler thread, after the collection
                Thread.sleep(20);
                System.gc();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<ByteBuffer> taken = new ArrayList<>();
        for (int size = 4; size <= 64; size += 4) {
            for (int k = 0; k < 200; k++) {
                ByteBuffer b = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
                for (int at = 0; at + 4 <= size; at += 4) {
                    b.putFloat(at, FILL);
                }
                taken.add(b);
            }
        }
        KEEP.add(taken); // held until the next call, so the memory stays taken while the caller runs backward
        if (KEEP.size() > 1) {
            KEEP.remove(0);
        }
    }

    private static final List<List<ByteBuffer>> KEEP = new ArrayList<>();
}
