package org.uclr.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import java.util.SplittableRandom;

/**
 * Everything one training run needs from DJL: the device, a root NDManager that owns the
 * parameters (closed with the context), per-step sub-managers, and seeded random streams.
 * Randomness is drawn in Java from named streams, so results do not depend on the device.
 */
public final class TrainContext implements AutoCloseable {
    private final NDManager root;
    private final Device device;
    private final long seed;

    public TrainContext(DeviceMode mode, long seed) {
        this.device = DjlRuntime.device(mode);
        this.seed = seed;
        DjlRuntime.seed(seed);
        this.root = NDManager.newBaseManager(device);
    }

    public Device device() {
        return device;
    }

    public long seed() {
        return seed;
    }

    /** The manager that owns long-lived arrays (parameters, optimizer state). */
    public NDManager root() {
        return root;
    }

    /** A manager for one step's temporaries: close it (try-with-resources) after the step. */
    public NDManager newStep() {
        return root.newSubManager();
    }

    public GradientCollector gradients() {
        return DjlRuntime.engine().newGradientCollector();
    }

    /**
     * A random stream for one purpose ("init/users", "negatives", ...): the same seed and name give
     * the same stream, independent of how other streams were used.
     */
    public SplittableRandom random(String purpose) {
        return new SplittableRandom(Seeds.mix(seed, purpose.hashCode()));
    }

    /** A [rows, cols] array of N(0, std^2) values drawn from the given stream, owned by the root manager. */
    public NDArray gaussian(int rows, int cols, double std, SplittableRandom rng) {
        float[] values = new float[Math.multiplyExact(rows, cols)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (std * Seeds.gaussian(rng));
        }
        return root.create(values, new Shape(rows, cols));
    }

    @Override
    public void close() {
        root.close();
    }
}
