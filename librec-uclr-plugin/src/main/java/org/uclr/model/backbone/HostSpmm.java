package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.uclr.engine.DjlRuntime;

/**
 * The multiply-add of PyTorch's CPU sparse x dense product, for host kernels that must reproduce it bit for
 * bit. PyTorch adds each stored entry as {@code y += w * x} through its axpy kernel, which is compiled with or
 * without fused multiply-add depending on the build and the CPU; a one-time probe on the running engine
 * finds which.
 */
final class HostSpmm {
    private static volatile Boolean fused;

    private HostSpmm() {
    }

    /** Whether PyTorch's sparse product rounds w * x + y once (FMA) rather than twice. */
    static boolean fusedMultiplyAdd() {
        Boolean f = fused;
        if (f == null) {
            synchronized (HostSpmm.class) {
                if (fused == null) {
                    fused = probe();
                }
                f = fused;
            }
        }
        return f;
    }

    /**
     * y += w * x over whole rows (x and y of one length), rounded as PyTorch's sparse product does. Both
     * arrays are indexed from 0: the JIT vectorizes this loop, and not one with offsets into larger arrays.
     */
    static void axpy(float w, float[] x, float[] y, boolean fusedMultiplyAdd) {
        if (fusedMultiplyAdd) {
            for (int j = 0; j < y.length; j++) {
                y[j] = Math.fma(w, x[j], y[j]);
            }
        } else {
            for (int j = 0; j < y.length; j++) {
                y[j] = y[j] + w * x[j];
            }
        }
    }

    /**
     * Multiplies a 1 x 2 sparse row by a dense column whose terms round differently with and without FMA:
     * 3 * (1/3 as a float) is 1 - 2^-25 exactly, which one rounding keeps and two roundings lose.
     */
    private static boolean probe() {
        DjlRuntime.engine();
        float third = 1f / 3f;
        float oneWay = Math.fma(3f, third, -1f);
        float twoWays = -1f + 3f * third;
        if (oneWay == twoWays) {
            throw new IllegalStateException("FMA probe values do not discriminate");
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray indices = m.create(new long[][]{{0, 0}, {0, 1}}).add(0L);
            NDArray values = m.create(new float[]{1f, 3f}).add(0f);
            NDArray coo = JniUtils.createSparseCoo((PtNDArray) indices, (PtNDArray) values, new Shape(1, 2));
            coo.attach(m);
            float got = coo.matMul(m.create(new float[]{-1f, third}, new Shape(2, 1))).toFloatArray()[0];
            if (got == oneWay) {
                return true;
            }
            if (got == twoWays) {
                return false;
            }
            throw new IllegalStateException("PyTorch's sparse product gave " + got + ", neither " + oneWay + " nor " + twoWays);
        }
    }
}
