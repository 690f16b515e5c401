package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.uclr.data.UserItemMatrix;

import java.util.Arrays;

/**
 * The symmetric normalized adjacency D^-1/2 A D^-1/2 of a user-item bipartite graph (LightGCN eq. 7),
 * kept as its two off-diagonal blocks, each a sparse COO tensor with weight 1 / sqrt(d_u d_i) per
 * edge: {@code userFromItems} [users, items] and {@code itemFromUsers} [items, users]. One propagation
 * layer is two sparse-dense products, O(nnz m), and is deterministic on the CPU: PyTorch's sparse x
 * dense kernel walks the entries serially in stored order (and so does its backward, on the transposed
 * entries). Entries are stored item-major: then both products read or write item rows sequentially
 * and touch the (small) user table at random, which measured about twice as fast as user-major.
 */
public final class NormalizedAdjacency implements AutoCloseable {
    private final NDManager manager;
    private final NDArray userFromItems;
    private final NDArray itemFromUsers;
    private final int numUsers;
    private final int numItems;
    private final int nnz;

    /** Builds the blocks in a sub-manager of {@code parent} (released by {@link #close()}). */
    public NormalizedAdjacency(NDManager parent, UserItemMatrix train) {
        numUsers = train.numUsers();
        numItems = train.numItems();
        nnz = train.nnz();
        int[] users = train.entryUsers();
        int[] items = train.entryItems();
        int[] userDegree = new int[numUsers];
        int[] itemDegree = new int[numItems];
        for (int e = 0; e < nnz; e++) {
            userDegree[users[e]]++;
            itemDegree[items[e]]++;
        }
        // item-major order: a stable counting sort of the (user-major) entries by item
        int[] start = new int[numItems + 1];
        for (int i : items) {
            start[i + 1]++;
        }
        for (int i = 0; i < numItems; i++) {
            start[i + 1] += start[i];
        }
        int[] next = Arrays.copyOf(start, numItems);
        long[] rowUser = new long[nnz];
        long[] colItem = new long[nnz];
        float[] weight = new float[nnz];
        for (int e = 0; e < nnz; e++) {
            int k = next[items[e]]++;
            rowUser[k] = users[e];
            colItem[k] = items[e];
            weight[k] = (float) (1.0 / Math.sqrt((double) userDegree[users[e]] * itemDegree[items[e]]));
        }
        manager = parent.newSubManager();
        userFromItems = sparse(manager, rowUser, colItem, weight, new Shape(numUsers, numItems));
        itemFromUsers = sparse(manager, colItem, rowUser, weight, new Shape(numItems, numUsers));
    }

    /**
     * A COO tensor whose index and value storage PyTorch owns. DJL's NDManager.createCoo wraps a Java
     * direct buffer and closes it right after building the tensor, which leaves the tensor pointing at
     * freed memory (it crashed in s_addmm_out_sparse_dense_worker); copying the inputs into
     * PyTorch-allocated tensors first avoids that.
     */
    private static NDArray sparse(NDManager manager, long[] rows, long[] cols, float[] values, Shape shape) {
        NDArray indices = manager.create(new long[][]{rows, cols}).add(0L); // [2, nnz], PyTorch-owned copy
        NDArray data = manager.create(values).add(0f);                       // [nnz], PyTorch-owned copy
        NDArray coo = JniUtils.createSparseCoo((PtNDArray) indices, (PtNDArray) data, shape);
        coo.attach(manager);
        return coo;
    }

    /**
     * One propagation layer, E^(k+1) = D^-1/2 A D^-1/2 E^(k), differentiable in the dense inputs.
     *
     * @param users [numUsers, m]
     * @param items [numItems, m]
     * @return {next users [numUsers, m], next items [numItems, m]}
     */
    public NDArray[] propagate(NDArray users, NDArray items) {
        return new NDArray[]{userFromItems.matMul(items), itemFromUsers.matMul(users)};
    }

    public int numUsers() {
        return numUsers;
    }

    public int numItems() {
        return numItems;
    }

    /** Stored edges (each appears once per block). */
    public int nnz() {
        return nnz;
    }

    @Override
    public void close() {
        manager.close();
    }
}
