package org.uclr.baselines.catart;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * CAT's masking: in a stack of a user's N domain embeddings (N blocks of m), one domain chosen
 * uniformly at random per user is replaced by a learnable pad vector.
 */
final class DomainMask {
    private DomainMask() {
    }

    /** The masked domain of each of {@code users} rows. */
    static int[] draw(int users, int domains, SplittableRandom rng) {
        int[] masked = new int[users];
        for (int b = 0; b < users; b++) {
            masked[b] = rng.nextInt(domains);
        }
        return masked;
    }

    /**
     * @param stacked [b, N m] unmasked stacks
     * @param masked  masked domain of each row
     * @param pad     [1, m] pad vector (trainable)
     * @param step    manager of the mask tensor
     * @return [b, N m]: each row with block masked[b] replaced by pad
     */
    static NDArray apply(NDArray stacked, int[] masked, NDArray pad, NDManager step) {
        int b = masked.length;
        int m = (int) pad.getShape().get(1);
        int width = (int) stacked.getShape().get(1);
        int domains = width / m;
        float[] keep = new float[b * width];
        java.util.Arrays.fill(keep, 1f);
        for (int r = 0; r < b; r++) {
            java.util.Arrays.fill(keep, r * width + masked[r] * m, r * width + (masked[r] + 1) * m, 0f);
        }
        NDArray keepMask = step.create(keep, new Shape(b, width));      // [b, N m]
        NDList copies = new NDList();
        for (int d = 0; d < domains; d++) {
            copies.add(pad);
        }
        NDArray padStack = NDArrays.concat(copies, 1);                   // [1, N m] (DJL's PyTorch tile is unimplemented)
        return stacked.mul(keepMask).add(padStack.mul(keepMask.neg().add(1f)));
    }
}
