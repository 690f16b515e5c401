package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.SplittableRandom;

/**
 * Builds the generative stream's input E' from a batch of user embeddings E: in row mode
 * round(ratio * B) whole rows are zeroed (the paper's "replacing the original embeddings with zero
 * vectors"), in feature mode round(ratio * m) entries of every row. The reconstructive stream is never masked.
 */
public final class UserMasker {
    private final MaskMode mode;
    private final double ratio;

    public UserMasker(MaskMode mode, double ratio) {
        this.mode = mode;
        this.ratio = ratio;
    }

    /** E * mask, a new array ([B, m]); E is untouched. */
    public NDArray mask(NDArray embeddings, SplittableRandom rng) {
        int rows = (int) embeddings.getShape().get(0);
        int cols = (int) embeddings.getShape().get(1);
        return embeddings.mul(maskArray(embeddings.getManager(), rows, cols, rng));
    }

    /** The 0/1 mask itself ([rows, cols]). */
    public NDArray maskArray(NDManager manager, int rows, int cols, SplittableRandom rng) {
        float[] keep = new float[rows * cols];
        java.util.Arrays.fill(keep, 1f);
        if (mode == MaskMode.ROW) {
            for (int r : choose(rows, (int) Math.round(ratio * rows), rng)) {
                java.util.Arrays.fill(keep, r * cols, (r + 1) * cols, 0f);
            }
        } else {
            int perRow = (int) Math.round(ratio * cols);
            for (int r = 0; r < rows; r++) {
                for (int c : choose(cols, perRow, rng)) {
                    keep[r * cols + c] = 0f;
                }
            }
        }
        return manager.create(keep, new Shape(rows, cols));
    }

    /** k distinct indices of 0..n-1 (partial Fisher-Yates). */
    private static int[] choose(int n, int k, SplittableRandom rng) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return java.util.Arrays.copyOf(idx, k);
    }
}
