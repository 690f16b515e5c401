package org.uclr.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Zero-copy access from Java to the memory of a float32 tensor on the CPU, for the few kernels that
 * run as one fused pass in Java (the optimizers' updates, LightGCN's propagation) because DJL offers
 * only one tensor op per term of their formulas, each streaming whole arrays through memory.
 *
 * <p>A view stays valid while the tensor keeps its storage: in-place ops keep it, {@code NDArray.set}
 * replaces it (the old view then points at freed memory), so take a fresh view per use. Every table this
 * project trains is contiguous (created from a Java array, by zeros or zerosLike, or by duplicate), as a
 * view requires: DJL would hand back a copy of a non-contiguous tensor instead of its memory.
 */
public final class HostMemory {
    private HostMemory() {
    }

    /**
     * The tensor's own memory as floats, row-major ([rows, cols] element (r, c) at r * cols + c), or null
     * when there is none to share (not on the CPU, not float32, sparse): callers then use tensor ops.
     */
    public static FloatBuffer floats(NDArray array) {
        if (!Device.Type.CPU.equals(array.getDevice().getDeviceType()) || array.getDataType() != DataType.FLOAT32
                || array.isSparse()) {
            return null;
        }
        return array.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
