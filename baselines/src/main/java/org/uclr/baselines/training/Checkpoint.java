package org.uclr.baselines.training;

import org.uclr.engine.DenseParameter;
import org.uclr.engine.SparseEmbedding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A model's trainable tensors, copied at the best epoch and put back when training ends. */
public final class Checkpoint {
    private final List<Supplier<float[]>> readers = new ArrayList<>();
    private final List<Consumer<float[]>> writers = new ArrayList<>();
    private float[][] saved;

    public Checkpoint add(SparseEmbedding table) {
        readers.add(table::snapshot);
        writers.add(table::restore);
        return this;
    }

    public Checkpoint add(DenseParameter parameter) {
        readers.add(parameter::snapshot);
        writers.add(parameter::restore);
        return this;
    }

    public Checkpoint addAll(Collection<DenseParameter> parameters) {
        parameters.forEach(this::add);
        return this;
    }

    /** Copies the current values. */
    public void save() {
        saved = new float[readers.size()][];
        for (int k = 0; k < readers.size(); k++) {
            saved[k] = readers.get(k).get();
        }
    }

    /** Puts back the values of the last {@link #save()}. */
    public void restore() {
        if (saved == null) {
            throw new IllegalStateException("nothing saved to restore");
        }
        for (int k = 0; k < writers.size(); k++) {
            writers.get(k).accept(saved[k]);
        }
    }
}
