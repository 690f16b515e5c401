package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.uclr.engine.DenseParameter;
import org.uclr.engine.SparseEmbedding;
import org.uclr.engine.TrainContext;

import java.util.SplittableRandom;

/**
 * The domain-aware LoRA user embedding (paper eqs. 6-7): W_d = W0 + B_d A_d, with W0 the frozen
 * pretrained global user table [U, m], A_d [r, m] Gaussian and B_d [U, r] zero at start (so W_d = W0
 * exactly until the first step). B_d's rows are trained row-sparsely, like an embedding table.
 */
public final class LoraUserEmbedding {
    private final NDArray w0;
    private final DenseParameter a;
    private final SparseEmbedding b;

    public LoraUserEmbedding(TrainContext ctx, NDArray w0, int rank, double initStd, SplittableRandom rng, String name) {
        this.w0 = w0;
        int numUsers = (int) w0.getShape().get(0);
        int dim = (int) w0.getShape().get(1);
        a = new DenseParameter(name + ".A", ctx.gaussian(rank, dim, initStd, rng));
        b = new SparseEmbedding(ctx.root().zeros(new Shape(numUsers, rank)));
    }

    /** Rows of B_d for a batch: take {@link #rows} inside the gradient collector. */
    public Lookup lookup(NDManager step, long[] users) {
        NDArray base = w0.get(step, new NDIndex("{}", step.create(users)));     // [n, m], frozen
        return new Lookup(base, b.lookup(step, users));
    }

    /** W_d rows: W0[u] + B_d[u] A_d ([n, m]), differentiable in A_d and B_d. */
    public NDArray rows(Lookup lookup) {
        return lookup.base().add(lookup.b().embeddings().matMul(a.value()));
    }

    /** W_d rows without gradients, for scoring. */
    public NDArray rowsNoGrad(NDManager step, NDArray users) {
        NDIndex idx = new NDIndex("{}", users);
        return w0.get(step, idx).add(b.table().get(step, idx).matMul(a.value()));
    }

    public DenseParameter a() {
        return a;
    }

    public SparseEmbedding b() {
        return b;
    }

    /**
     * One batch's rows.
     *
     * @param base W0 rows ([n, m])
     * @param b    the B_d lookup
     */
    public record Lookup(NDArray base, SparseEmbedding.Lookup b) {
    }
}
