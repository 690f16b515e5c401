package org.uclr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;

import java.util.Arrays;

/**
 * An embedding table trained with row-sparse ("lazy") Adam: a step reads, differentiates and
 * updates only the rows its batch touched, so its cost is O(batch), not O(table). Adam's moments
 * are kept per row; bias correction uses the table's global step count, as in TensorFlow's LazyAdam.
 */
public final class SparseEmbedding {
    private final NDArray table;
    private final NDArray m;
    private final NDArray v;
    private final AdamConfig adam;
    private long step;

    /** Takes ownership of table ([rows, dim], in the context's root manager). */
    public SparseEmbedding(NDArray table, AdamConfig adam) {
        this.table = table;
        this.adam = adam;
        this.m = table.zerosLike();
        this.v = table.zerosLike();
    }

    public long rows() {
        return table.getShape().get(0);
    }

    public long dim() {
        return table.getShape().get(1);
    }

    /** The whole table (read-only use: scoring, export). */
    public NDArray table() {
        return table;
    }

    /**
     * Looks up rows for a batch. Duplicated indices share one trainable row, so their gradients add up.
     * The arrays belong to {@code step}; take {@link Lookup#embeddings()} inside the gradient collector.
     */
    public Lookup lookup(NDManager step, long[] indices) {
        // unique/inverse on the host: torch.unique costs ~8 ms per 4k indices on CPU, a sort here ~0.3 ms
        long[] unique = indices.clone();
        Arrays.sort(unique);
        int n = 0;
        for (int k = 0; k < unique.length; k++) {
            if (k == 0 || unique[k] != unique[k - 1]) {
                unique[n++] = unique[k];
            }
        }
        unique = Arrays.copyOf(unique, n);
        long[] inverse = new long[indices.length];
        for (int b = 0; b < indices.length; b++) {
            inverse[b] = Arrays.binarySearch(unique, indices[b]);
        }
        NDArray rows = step.create(unique);
        NDArray leaf = table.get(step, new NDIndex("{}", rows));
        leaf.setRequiresGradient(true);
        return new Lookup(rows, leaf, step.create(inverse));
    }

    /** One lazy-Adam step on the rows of a lookup, from the gradient its leaf received. */
    public void update(Lookup lookup) {
        step++;
        try (NDScope scope = new NDScope()) {
            NDIndex rows = new NDIndex("{}", lookup.rows());
            NDArray g = lookup.leaf().getGradient();
            NDArray mRows = m.get(rows).muli((float) adam.beta1()).addi(g.mul((float) (1 - adam.beta1())));
            NDArray vRows = v.get(rows).muli((float) adam.beta2()).addi(g.square().muli((float) (1 - adam.beta2())));
            NDArray delta = mRows.div(vRows.sqrt().addi((float) adam.epsilon())).muli((float) adam.correctedRate(step));
            m.set(rows, mRows);
            v.set(rows, vRows);
            table.set(rows, lookup.leaf().stopGradient().sub(delta));
        }
    }

    public float[] snapshot() {
        return table.toFloatArray();
    }

    public void restore(float[] values) {
        table.set(values);
    }

    /**
     * The rows a batch touched.
     *
     * @param rows    unique table rows, ascending
     * @param leaf    their values, trainable ([rows, dim])
     * @param inverse for each batch index, its row in leaf
     */
    public record Lookup(NDArray rows, NDArray leaf, NDArray inverse) {

        /**
         * One row per batch index ([batch, dim]); differentiable back to leaf when taken inside a collector.
         * A gather, not an advanced index: on CPU the backward of index() adds duplicate rows' gradients
         * with atomics in parallel, so results would vary from run to run; gather's backward does not.
         */
        public NDArray embeddings() {
            long dim = leaf.getShape().get(1);
            return leaf.gather(inverse.expandDims(1).repeat(1, dim), 0);
        }
    }
}
