package org.uclr.engine;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Adam (Kingma and Ba, ICLR 2015) over the parameter groups it owns: dense tensors, stepped whole, and
 * embedding tables, stepped row-sparsely on the rows the step's lookups touched. {@link #step()} applies
 * one update to every group and resets the gradients, so a model never updates or zeroes a group by
 * hand. A parameter belongs to at most one optimizer; a parameter no optimizer owns is frozen.
 */
public final class AdamOptimizer {
    private final AdamConfig config;
    private final List<DenseParameter> dense = new ArrayList<>();
    private final List<SparseEmbedding> sparse = new ArrayList<>();
    private final List<Runnable> ownBackward = new ArrayList<>();
    private final List<Runnable> afterTraining = new ArrayList<>();
    private long steps;

    public AdamOptimizer(AdamConfig config) {
        this.config = config;
    }

    public AdamConfig config() {
        return config;
    }

    /** @throws IllegalStateException if another optimizer already owns the parameter */
    public AdamOptimizer add(DenseParameter parameter) {
        parameter.makeTrainable();
        dense.add(parameter);
        return this;
    }

    public AdamOptimizer addAll(Collection<DenseParameter> parameters) {
        parameters.forEach(this::add);
        return this;
    }

    /**
     * A dense parameter whose gradient the model computes itself into {@code gradient} (same shape; the model
     * owns it and overwrites it every step), in a backward pass registered with {@link #beforeStep}: autograd
     * computes no gradient for it. For LightGCN's propagation on the CPU, whose host kernels are the backward.
     *
     * @throws IllegalStateException    if another optimizer already owns the parameter
     * @throws IllegalArgumentException if the shapes differ
     */
    public AdamOptimizer add(DenseParameter parameter, NDArray gradient) {
        parameter.makeTrainable(gradient);
        dense.add(parameter);
        return this;
    }

    /**
     * Work that runs at each {@link #step()} before any update, after autograd's backward pass: a model's
     * own backward pass, which fills the gradients given to {@link #add(DenseParameter, NDArray)}.
     */
    public AdamOptimizer beforeStep(Runnable backward) {
        ownBackward.add(backward);
        return this;
    }

    /** Work that runs at {@link #release()}: a model's own training buffers (the gradients of {@link #beforeStep}'s pass). */
    public AdamOptimizer afterTraining(Runnable release) {
        afterTraining.add(release);
        return this;
    }

    /**
     * Ends the training: every parameter is frozen again and its Adam moments are freed (two tensors of the
     * parameter's size each: 90 MB for a Douban Books item table), then {@link #afterTraining} runs. {@link Trainer}
     * calls it when its fit returns; the parameters keep their values, and a later training takes a new optimizer.
     */
    public void release() {
        sparse.forEach(SparseEmbedding::release);
        dense.forEach(DenseParameter::release);
        afterTraining.forEach(Runnable::run);
    }

    /** @throws IllegalStateException if another optimizer already owns the table */
    public AdamOptimizer add(SparseEmbedding table) {
        table.makeTrainable();
        sparse.add(table);
        return this;
    }

    /** One update of every group from the gradients of the last backward pass, which are then reset. */
    public void step() {
        ownBackward.forEach(Runnable::run);
        steps++;
        for (SparseEmbedding t : sparse) {
            t.applyPending(config, steps);
        }
        for (DenseParameter p : dense) {
            p.update(config, steps);
        }
    }

    /** Drops what a failed step left behind (pending lookups), so the next step starts clean. */
    public void discard() {
        sparse.forEach(SparseEmbedding::discardPending);
    }

    /** Steps taken so far. */
    public long steps() {
        return steps;
    }
}
