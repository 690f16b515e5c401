package org.uclr.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;

/**
 * One CPU {@link TrainContext} (seed 1) for the tests of a class, opened before the first and closed after the
 * last: {@code @RegisterExtension static final CpuTrainContext ctx = new CpuTrainContext();}, then {@code ctx.get()}.
 */
public final class CpuTrainContext implements BeforeAllCallback, AfterAllCallback {
    private TrainContext context;

    @Override
    public void beforeAll(ExtensionContext extension) {
        context = new TrainContext(DeviceMode.CPU, 1);
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        context.close();
        context = null;
    }

    /** @throws IllegalStateException outside the class's tests */
    public TrainContext get() {
        if (context == null) {
            throw new IllegalStateException("no TrainContext: register CpuTrainContext as a static @RegisterExtension field");
        }
        return context;
    }
}
