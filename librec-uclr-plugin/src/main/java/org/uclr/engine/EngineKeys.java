package org.uclr.engine;

import org.uclr.config.ConfigKey;
import org.uclr.config.KeySet;

import java.util.List;

/** Keys of the training engine: seed, device, threads. */
public final class EngineKeys implements KeySet {
    public static final ConfigKey<Long> SEED = ConfigKey.ofLong("rec.random.seed", 1L,
            "seed of the split, the negatives, initialization, shuffling and sampling");
    public static final ConfigKey<DeviceMode> DEVICE = ConfigKey.ofEnum("rec.device", DeviceMode.class, DeviceMode.AUTO,
            "auto: GPU when DJL sees one, else CPU");
    public static final ConfigKey<Integer> THREADS = ConfigKey.ofInt("rec.threads", 0, 0, 1024,
            "PyTorch intra-op threads (0: PyTorch's default, one per core)");

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(SEED, DEVICE, THREADS);
    }

    @Override
    public List<String> ownedPrefixes() {
        return List.of();
    }
}
