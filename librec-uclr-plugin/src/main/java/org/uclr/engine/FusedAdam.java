package org.uclr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.nio.FloatBuffer;

/**
 * One Adam step (Kingma and Ba, 2015, Algorithm 1, with the bias correction folded into the step size)
 * computed chunk by chunk in the parameters' own CPU memory: each chunk of the parameter, its gradient and
 * both moments is read once and written once, where the same formulas as tensor ops stream every array
 * through memory about a dozen times. The float operations are those of the tensor ops, in the same order:
 * <pre>
 *   m = m * beta1 + g * (1 - beta1)
 *   v = v * beta2 + (g * g) * (1 - beta2)
 *   w = w - (m / (sqrt(v) + eps)) * rate      rate = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
 * </pre>
 * so results are bit for bit those of the tensor ops. The square root is PyTorch's, called on each chunk
 * of v: PyTorch's CPU sqrt (MKL) is not always correctly rounded (about 0.6% of floats differ from Java's),
 * but it is a function of each value alone, so chunking does not change it.
 */
final class FusedAdam {
    /** Floats per chunk: five [CHUNK] scratch arrays (640 kB) stay in the L2 cache between the passes. */
    static final int CHUNK = 1 << 15;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[5][CHUNK]);

    private final float beta1;
    private final float oneMinusBeta1;
    private final float beta2;
    private final float oneMinusBeta2;
    private final float epsilon;
    private final float rate;

    /** The step's constants, as the tensor ops use them (float32 scalars). */
    FusedAdam(AdamConfig adam, long step) {
        beta1 = (float) adam.beta1();
        oneMinusBeta1 = (float) (1 - adam.beta1());
        beta2 = (float) adam.beta2();
        oneMinusBeta2 = (float) (1 - adam.beta2());
        epsilon = (float) adam.epsilon();
        rate = (float) adam.correctedRate(step);
    }

    /**
     * Dense step over all n elements; the gradient is multiplied by 0 afterwards when {@code zeroGradient}
     * (as {@code g.muli(0)}: it keeps NaN and the sign of zero, as the tensor op does). Chunks are
     * independent, so they are shared out over the host threads ({@link HostParallel}).
     *
     * @param scratch manager for the square roots' temporaries (closed here)
     */
    void dense(FloatBuffer w, FloatBuffer g, FloatBuffer m, FloatBuffer v, int n, boolean zeroGradient,
               NDManager scratch) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        int threads = HostParallel.threads();
        HostParallel.torchOnOneThread(() -> HostParallel.rows(chunks, threads, c -> c, (first, last) -> {
            float[][] s = SCRATCH.get();
            float[] gs = s[0];
            float[] ms = s[1];
            float[] vs = s[2];
            float[] ws = s[3];
            float[] ds = s[4];
            try (NDManager tmp = scratch.newSubManager()) {
                SquareRoot sqrt = new SquareRoot(tmp, Math.min(n, CHUNK));
                for (int c = first; c < last; c++) {
                    int start = c * CHUNK;
                    int len = Math.min(CHUNK, n - start);
                    g.get(start, gs, 0, len);
                    m.get(start, ms, 0, len);
                    v.get(start, vs, 0, len);
                    moments(gs, ms, vs, len);
                    m.put(start, ms, 0, len);
                    v.put(start, vs, 0, len);
                    sqrt.of(vs, ds, len);
                    w.get(start, ws, 0, len);
                    step(ws, ms, ds, len);
                    w.put(start, ws, 0, len);
                    if (zeroGradient) {
                        for (int j = 0; j < len; j++) {
                            gs[j] *= 0f;
                        }
                        g.put(start, gs, 0, len);
                    }
                }
            }
        }));
    }

    /**
     * Lazy (row-sparse) step on some rows of a [rows, dim] table whose moments are interleaved per row
     * ([rows, 2 * dim]: m then v), so that each touched row costs one random access to the state.
     *
     * @param table   the table, written at the given rows
     * @param current the rows' current values, one row per entry of {@code rows} (the lookup's copy)
     * @param g       their gradient, same layout as {@code current}
     * @param moments m and v of every table row
     * @param rows    distinct table rows
     */
    void rows(FloatBuffer table, FloatBuffer current, FloatBuffer g, FloatBuffer moments, long[] rows, int dim,
              NDManager scratch) {
        if (dim > CHUNK) {
            throw new IllegalArgumentException("embedding dim " + dim + " > " + CHUNK);
        }
        float[][] s = SCRATCH.get();
        HostParallel.torchOnOneThread(() -> rows(table, current, g, moments, rows, dim, scratch, s));
    }

    private void rows(FloatBuffer table, FloatBuffer current, FloatBuffer g, FloatBuffer moments, long[] rows, int dim,
                      NDManager scratch, float[][] s) {
        float[] gs = s[0];
        float[] ms = s[1];
        float[] vs = s[2];
        float[] ws = s[3];
        float[] ds = s[4];
        int perChunk = Math.max(1, CHUNK / dim);
        try (NDManager tmp = scratch.newSubManager()) {
            SquareRoot sqrt = new SquareRoot(tmp, Math.min(rows.length, perChunk) * dim);
            for (int first = 0; first < rows.length; first += perChunk) {
                int count = Math.min(perChunk, rows.length - first);
                int len = count * dim;
                g.get(first * dim, gs, 0, len);
                for (int r = 0; r < count; r++) {
                    int at = Math.toIntExact(rows[first + r] * 2 * dim);
                    moments.get(at, ms, r * dim, dim);
                    moments.get(at + dim, vs, r * dim, dim);
                }
                moments(gs, ms, vs, len);
                for (int r = 0; r < count; r++) {
                    int at = Math.toIntExact(rows[first + r] * 2 * dim);
                    moments.put(at, ms, r * dim, dim);
                    moments.put(at + dim, vs, r * dim, dim);
                }
                sqrt.of(vs, ds, len);
                current.get(first * dim, ws, 0, len);
                step(ws, ms, ds, len);
                for (int r = 0; r < count; r++) {
                    table.put(Math.toIntExact(rows[first + r] * dim), ws, r * dim, dim);
                }
            }
        }
    }

    private void moments(float[] g, float[] m, float[] v, int len) {
        for (int j = 0; j < len; j++) {
            float gj = g[j];
            m[j] = m[j] * beta1 + gj * oneMinusBeta1;
            v[j] = v[j] * beta2 + (gj * gj) * oneMinusBeta2;
        }
    }

    private void step(float[] w, float[] m, float[] sqrtV, int len) {
        for (int j = 0; j < len; j++) {
            w[j] = w[j] - (m[j] / (sqrtV[j] + epsilon)) * rate;
        }
    }

    /** PyTorch's float32 square root of Java chunks, through one reused input tensor. */
    private static final class SquareRoot {
        private final NDArray input;
        private final FloatBuffer inputView;
        private final int capacity;

        SquareRoot(NDManager manager, int capacity) {
            this.capacity = Math.max(1, capacity);
            input = manager.zeros(new Shape(this.capacity));
            inputView = HostMemory.floats(input);
        }

        void of(float[] in, float[] out, int len) {
            inputView.put(0, in, 0, len);
            NDArray x = len == capacity ? input : input.get(new NDIndex("0:{}", len));
            try (NDArray root = x.sqrt()) {
                HostMemory.floats(root).get(0, out, 0, len);
            }
            if (x != input) {
                x.close();
            }
        }
    }
}
