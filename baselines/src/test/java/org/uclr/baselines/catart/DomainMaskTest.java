package org.uclr.baselines.catart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.uclr.engine.DeviceMode;
import org.uclr.engine.TrainContext;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainMaskTest {
    private static final int USERS = 200;
    private static final int DOMAINS = 3;
    private static final int M = 4;

    @Test
    void masksExactlyOneDomainPerUserWithThePadVector() {
        float[] stack = new float[USERS * DOMAINS * M];
        SplittableRandom rng = new SplittableRandom(5);
        for (int k = 0; k < stack.length; k++) {
            stack[k] = (float) rng.nextDouble(1, 2);      // never equal to a pad entry
        }
        float[] pad = {-1f, -2f, -3f, -4f};
        int[] maskedDomain = DomainMask.draw(USERS, DOMAINS, new SplittableRandom(9));
        try (TrainContext engine = new TrainContext(DeviceMode.CPU, 1); NDManager m = engine.newStep()) {
            NDArray out = DomainMask.apply(m.create(stack, new Shape(USERS, DOMAINS * M)), maskedDomain,
                    m.create(pad, new Shape(1, M)), m);
            assertEquals(new Shape(USERS, DOMAINS * M), out.getShape());
            float[] got = out.toFloatArray();
            int[] timesMasked = new int[DOMAINS];
            for (int u = 0; u < USERS; u++) {
                int padded = 0;
                for (int d = 0; d < DOMAINS; d++) {
                    int base = (u * DOMAINS + d) * M;
                    boolean isPad = true;
                    boolean isOriginal = true;
                    for (int c = 0; c < M; c++) {
                        isPad &= got[base + c] == pad[c];
                        isOriginal &= got[base + c] == stack[base + c];
                    }
                    assertTrue(isPad ^ isOriginal, "user " + u + " domain " + d + " is neither pad nor original");
                    if (isPad) {
                        padded++;
                        assertEquals(maskedDomain[u], d);
                    }
                }
                assertEquals(1, padded, "user " + u);
                timesMasked[maskedDomain[u]]++;
            }
            for (int count : timesMasked) {
                // uniform over 3 domains: 200/3 = 67 expected, sd 6.7; 40 is 4 sd away
                assertTrue(count > 40, "a domain masked only " + count + " times of " + USERS);
            }
        }
    }
}
