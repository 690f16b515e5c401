package org.uclr.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An embedding table trained with row-sparse ("lazy") Adam: a step reads, differentiates and
 * updates only the rows its batch touched, so its cost is O(batch), not O(table). Adam's moments
 * are kept per row; bias correction uses the optimizer's step count, as in TensorFlow's LazyAdam.
 * The table is frozen (lookups carry no gradient) until an {@link AdamOptimizer} takes it. On the CPU a
 * step updates the touched rows of the table and of both moments in place, in one fused pass
 * ({@link FusedAdam}); elsewhere by tensor ops with the same float operations.
 */
public final class SparseEmbedding implements Restorable<float[]> {
    private final NDArray table;
    /** Adam's m and v side by side per row ([rows, 2 * dim]): a touched row's state is one memory access. */
    private NDArray moments;
    private NDArray m;
    private NDArray v;
    private boolean trainable;
    private long version;
    private final List<Lookup> pending = new ArrayList<>();

    /** Takes ownership of table ([rows, dim], in the context's root manager). */
    public SparseEmbedding(NDArray table) {
        this.table = table;
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

    /** Counts changes of the table (steps and restores). */
    public long version() {
        return version;
    }

    void makeTrainable() {
        if (trainable) {
            throw new IllegalStateException("this embedding table already belongs to an optimizer");
        }
        trainable = true;
        long dim = dim();
        moments = table.getManager().zeros(new Shape(rows(), 2 * dim));
        m = moments.get(new NDIndex(":, 0:{}", dim));
        v = moments.get(new NDIndex(":, {}:", dim));
        NDScope.unregister(moments, m, v); // they live as long as the table
    }

    /**
     * Looks up rows for a batch. Duplicated indices share one row, so their gradients add up. The
     * arrays belong to {@code step}; take {@link Lookup#embeddings()} inside the gradient collector.
     * When the table is trainable the lookup is kept for its optimizer's next step.
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
        NDArray leaf = Rows.of(table, rows); // a row copy; an advanced index copies element by element
        Lookup lookup = new Lookup(rows, leaf, step.create(inverse));
        if (trainable) {
            leaf.setRequiresGradient(true);
            pending.add(lookup);
        }
        return lookup;
    }

    /** One lazy-Adam step on the rows of every lookup since the last step, from the gradients their leaves received. */
    void applyPending(AdamConfig adam, long t) {
        for (Lookup lookup : pending) {
            update(lookup, adam, t);
        }
        pending.clear();
    }

    /** Called by {@link AdamOptimizer#release()}: frees the moments; the table is frozen again. */
    void release() {
        pending.clear();
        if (moments != null) {
            m.close();
            v.close();
            moments.close();
            moments = null;
            m = null;
            v = null;
        }
        trainable = false;
    }

    /** Forgets the lookups since the last step (a step that failed before the optimizer ran). */
    void discardPending() {
        pending.clear();
    }

    private void update(Lookup lookup, AdamConfig adam, long t) {
        try (NDArray g = lookup.leaf().getGradient()) {
            FloatBuffer gView = HostMemory.floats(g);
            FloatBuffer tableView = HostMemory.floats(table);
            if (gView != null && tableView != null) {
                new FusedAdam(adam, t).rows(tableView, HostMemory.floats(lookup.leaf()), gView,
                        HostMemory.floats(moments), lookup.rows().toLongArray(), Math.toIntExact(dim()),
                        table.getManager());
                version++;
                return;
            }
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDIndex rows = new NDIndex("{}", lookup.rows());
            NDArray g = lookup.leaf().getGradient();
            NDArray mRows = m.get(rows).muli((float) adam.beta1()).addi(g.mul((float) (1 - adam.beta1())));
            NDArray vRows = v.get(rows).muli((float) adam.beta2()).addi(g.square().muli((float) (1 - adam.beta2())));
            NDArray delta = mRows.div(vRows.sqrt().addi((float) adam.epsilon())).muli((float) adam.correctedRate(t));
            m.set(rows, mRows);
            v.set(rows, vRows);
            table.set(rows, lookup.leaf().stopGradient().sub(delta));
        }
        version++;
    }

    @Override
    public float[] snapshot() {
        // straight from the tensor's memory on the CPU: toFloatArray() copies through a byte[] of the same
        // size first, and on Douban Books each best epoch's snapshot is 45 MB of humongous G1 allocations
        FloatBuffer view = HostMemory.floats(table);
        if (view == null) {
            return table.toFloatArray();
        }
        float[] out = new float[view.capacity()];
        view.get(0, out);
        return out;
    }

    /** Writes values into the table's own memory on the CPU (views of it stay valid), else replaces them. */
    @Override
    public void restore(float[] values) {
        FloatBuffer view = HostMemory.floats(table);
        if (view != null && values.length == view.capacity()) {
            view.put(0, values);
        } else {
            table.set(values);
        }
        version++;
    }

    /**
     * The rows a batch touched.
     *
     * @param rows    unique table rows, ascending
     * @param leaf    their values ([rows, dim]), trainable when the table is
     * @param inverse for each batch index, its row in leaf
     */
    public record Lookup(NDArray rows, NDArray leaf, NDArray inverse) {

        /** One row per batch index ([batch, dim]); differentiable back to leaf when taken inside a collector ({@link Rows}). */
        public NDArray embeddings() {
            return Rows.of(leaf, inverse);
        }
    }
}
