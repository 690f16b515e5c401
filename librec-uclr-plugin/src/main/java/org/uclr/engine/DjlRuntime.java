package org.uclr.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.UclrException;

/**
 * The one place that starts DJL's PyTorch engine: offline (natives come from the
 * pytorch-native jar on the classpath, never from the network), with a chosen device and seed.
 */
public final class DjlRuntime {
    private static final Logger LOG = LogManager.getLogger(DjlRuntime.class);
    private static volatile Engine engine;

    private DjlRuntime() {
    }

    /** The PyTorch engine, loaded once per JVM. */
    public static Engine engine() {
        if (engine == null) {
            synchronized (DjlRuntime.class) {
                if (engine == null) {
                    if (System.getProperty("ai.djl.offline") == null) {
                        System.setProperty("ai.djl.offline", "true");
                    }
                    try {
                        engine = Engine.getEngine("PyTorch");
                    } catch (RuntimeException | UnsatisfiedLinkError e) {
                        throw new UclrException("cannot start DJL's PyTorch engine offline (" + e.getMessage()
                                + "); is pytorch-native on the classpath and DJL_CACHE_DIR writable?", e);
                    }
                    LOG.info("DJL {} with PyTorch {}, {} GPU(s) visible", Engine.getDjlVersion(), engine.getVersion(),
                            engine.getGpuCount());
                }
            }
        }
        return engine;
    }

    /** The device for a {@code rec.device} setting. */
    public static Device device(DeviceMode mode) {
        int gpus = engine().getGpuCount();
        return switch (mode) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new UclrException("rec.device=gpu but DJL sees no GPU: build with 'mvn -Pgpu package' "
                            + "(CUDA 12.4 natives) on a machine with an NVIDIA driver, or use rec.device=auto");
                }
                yield Device.gpu();
            }
        };
    }

    /** Sets PyTorch's intra-op threads ({@code rec.threads}); 0 keeps PyTorch's default, one per core. */
    public static void threads(int threads) {
        if (threads > 0) {
            engine();
            JniUtils.setNumThreads(threads);
        }
    }

    /** Seeds PyTorch's generator (for any op that draws random numbers on the device). */
    public static void seed(long seed) {
        engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }
}
