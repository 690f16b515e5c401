package org.uclr.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.uclr.UclrException;
import org.uclr.util.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a trained model needs to score again: its tensors by name (copied out when put, float32) and
 * string attributes (e.g. which stage scores a domain). A model fills one after training and rebuilds
 * itself from one instead of training. The tensors are written in the safetensors format through DJL's
 * encoder, so Python's {@code safetensors} or PyTorch read them too; the attributes travel in the saved
 * model's JSON.
 */
public final class ModelArchive {
    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, float[]> values = new LinkedHashMap<>();
    private final Map<String, String> attributes = new TreeMap<>();

    /** Copies the current values of a tensor under a name ("bprmf/books/users"). */
    public ModelArchive put(String name, NDArray value) {
        if (values.containsKey(name)) {
            throw new IllegalArgumentException("tensor '" + name + "' is already in the archive");
        }
        shapes.put(name, value.getShape());
        values.put(name, value.toType(DataType.FLOAT32, false).toFloatArray());
        return this;
    }

    public ModelArchive put(String name, DenseParameter parameter) {
        return put(name, parameter.value());
    }

    public ModelArchive put(String name, SparseEmbedding table) {
        return put(name, table.table());
    }

    /** Parameters in order, as {@code prefix/0}, {@code prefix/1}, ... (an MLP's weights and biases). */
    public ModelArchive putAll(String prefix, List<DenseParameter> parameters) {
        for (int k = 0; k < parameters.size(); k++) {
            put(prefix + "/" + k, parameters.get(k));
        }
        return this;
    }

    public ModelArchive attribute(String key, String value) {
        attributes.put(key, value);
        return this;
    }

    /**
     * @throws UclrException if the archive has no such attribute (a model saved by other code)
     */
    public String attribute(String key) {
        String v = attributes.get(key);
        if (v == null) {
            throw new UclrException("the saved model has no attribute '" + key + "' (it has " + attributes.keySet()
                    + "); it was saved by another version of this model");
        }
        return v;
    }

    public Map<String, String> attributes() {
        return java.util.Collections.unmodifiableMap(attributes);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** The saved shape of a tensor. */
    public Shape shape(String name) {
        require(name);
        return shapes.get(name);
    }

    /** Puts the saved values into a parameter of the same shape (its version moves, so caches rebuild). */
    public void restore(String name, DenseParameter parameter) {
        parameter.restore(values(name, parameter.value().getShape()));
    }

    public void restore(String name, SparseEmbedding table) {
        table.restore(values(name, table.table().getShape()));
    }

    /** The inverse of {@link #putAll}. */
    public void restoreAll(String prefix, List<DenseParameter> parameters) {
        for (int k = 0; k < parameters.size(); k++) {
            restore(prefix + "/" + k, parameters.get(k));
        }
    }

    /** A new array holding the saved tensor, owned by {@code manager}. */
    public NDArray array(String name, NDManager manager) {
        require(name);
        return manager.create(values.get(name), shapes.get(name));
    }

    private float[] values(String name, Shape expected) {
        require(name);
        if (!shapes.get(name).equals(expected)) {
            throw new UclrException("the saved tensor '" + name + "' has shape " + shapes.get(name) + ", the model has "
                    + expected + ": it was saved for other data or another configuration");
        }
        return values.get(name);
    }

    private void require(String name) {
        if (!values.containsKey(name)) {
            throw new UclrException("the saved model has no tensor '" + name + "' (it has " + values.size()
                    + " others): it was saved by another version of this model");
        }
    }

    /** Writes the tensors as one safetensors file (atomically). */
    public void writeTensors(Path file) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDList list = new NDList();
            values.forEach((name, v) -> {
                NDArray a = manager.create(v, shapes.get(name));
                a.setName(name);
                list.add(a);
            });
            AtomicFiles.write(file, out -> list.encode(out, NDList.Encoding.SAFETENSORS));
        }
    }

    /**
     * Reads a file written by {@link #writeTensors} with the given attributes.
     *
     * @throws UclrException if the file cannot be read or holds a non-float32 tensor
     */
    public static ModelArchive read(Path file, Map<String, String> attributes) {
        ModelArchive archive = new ModelArchive();
        archive.attributes.putAll(attributes);
        List<String> problems = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (NDArray a : NDList.decode(manager, in)) {
                if (a.getDataType() != DataType.FLOAT32) {
                    problems.add(a.getName() + " is " + a.getDataType());
                    continue;
                }
                archive.shapes.put(a.getName(), a.getShape());
                archive.values.put(a.getName(), a.toFloatArray());
            }
        } catch (IOException | RuntimeException e) {
            throw new UclrException("cannot read the saved tensors " + file + ": " + e.getMessage(), e);
        }
        if (!problems.isEmpty()) {
            throw new UclrException(file + ": expected float32 tensors, but " + String.join(", ", problems));
        }
        return archive;
    }
}
