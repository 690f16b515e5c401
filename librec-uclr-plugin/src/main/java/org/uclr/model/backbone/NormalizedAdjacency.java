package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.HostParallel;

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
    /** The same entries for the host kernels: item-major (users ascending within an item), as the COO tensors. */
    private final int[] itemStart;
    private final int[] itemUser;
    private final float[] itemWeight;
    /** Where each user's entries start in user-major order (for splitting work by edges). */
    private final int[] userStart;

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

        itemStart = start;
        itemUser = new int[nnz];
        for (int k = 0; k < nnz; k++) {
            itemUser[k] = (int) rowUser[k];
        }
        itemWeight = weight;
        userStart = new int[numUsers + 1];
        for (int u : itemUser) {
            userStart[u + 1]++;
        }
        for (int u = 0; u < numUsers; u++) {
            userStart[u + 1] += userStart[u];
        }
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

    /**
     * The user half of a product on the host for every user, {@code out[u] = sum over u's items i of w_ui
     * items[i]} ([numUsers][m], overwritten): {@code userFromItems.matMul(items)} bit for bit, split over
     * {@link HostParallel}'s threads by edges.
     *
     * @param items [numItems][m]
     */
    public void usersFromItems(float[][] items, float[][] out) {
        ItemRows rows = ItemRowsSource.of(items);
        HostParallel.rows(numUsers, this::userEntryStart, (from, to) -> usersFromItems(rows, out, from, to));
    }

    /**
     * {@link #usersFromItems(float[][], float[][])} when only some items have a nonzero row: {@code rows[k]} is
     * {@code items[k]}'s row; every other item counts as zero. O(the listed items' edges m + numUsers m).
     *
     * @throws IllegalArgumentException if the items are not strictly ascending or rows and items differ in length
     */
    public void usersFromItems(float[][] rows, int[] items, float[][] out) {
        if (rows.length != items.length) {
            throw new IllegalArgumentException(rows.length + " rows for " + items.length + " items");
        }
        for (int k = 1; k < items.length; k++) {
            if (items[k] <= items[k - 1]) {
                throw new IllegalArgumentException("items must be strictly ascending, got " + items[k - 1] + " then "
                        + items[k] + " at " + k);
            }
        }
        ItemRows r = ItemRowsSource.of(rows, items);
        HostParallel.rows(numUsers, this::userEntryStart, (from, to) -> usersFromItems(r, out, from, to));
    }

    /**
     * The item half of a product on the host for every item, {@code out[i] = sum over i's users u of w_ui
     * users[u]} ([numItems][m], overwritten): {@code itemFromUsers.matMul(users)} bit for bit, split over
     * {@link HostParallel}'s threads by edges.
     *
     * @param users [numUsers][m]
     */
    public void itemsFromUsers(float[][] users, float[][] out) {
        HostParallel.rows(numItems, this::itemEntryStart, (from, to) -> itemsFromUsers(users, out, from, to));
    }

    /**
     * One layer's item half on the host, {@code out[i] = sum over i's users u of w_ui * users[u]} for the items
     * in [from, to) (one array per row). Each row is summed in the order of the COO tensor's entries with
     * PyTorch's multiply-add ({@link HostSpmm}), so rows equal {@code itemFromUsers.matMul(users)} bit for bit.
     */
    void itemsFromUsers(float[][] users, float[][] out, int from, int to) {
        boolean fused = HostSpmm.fusedMultiplyAdd();
        for (int i = from; i < to; i++) {
            itemRow(users, i, out[i], fused);
        }
    }

    /** {@link #itemsFromUsers(float[][], float[][])} for the listed items only: out[k] is items[k]'s row. */
    public void itemsFromUsers(float[][] users, int[] items, float[][] out) {
        boolean fused = HostSpmm.fusedMultiplyAdd();
        for (int k = 0; k < items.length; k++) {
            itemRow(users, items[k], out[k], fused);
        }
    }

    private void itemRow(float[][] users, int i, float[] acc, boolean fused) {
        Arrays.fill(acc, 0f);
        for (int e = itemStart[i]; e < itemStart[i + 1]; e++) {
            HostSpmm.axpy(itemWeight[e], users[itemUser[e]], acc, fused);
        }
    }

    /**
     * One layer's user half on the host for the users in [from, to): {@code out[u] = sum over u's items i,
     * ascending, of w_ui * items[i]}, equal to {@code userFromItems.matMul(items)} bit for bit. The item rows
     * come from {@code rows} (all items, or only some: a missing row counts as zero, which leaves every sum
     * unchanged bit for bit because a sum that starts at +0 never becomes -0).
     */
    void usersFromItems(ItemRows rows, float[][] out, int from, int to) {
        boolean fused = HostSpmm.fusedMultiplyAdd();
        for (int u = from; u < to; u++) {
            Arrays.fill(out[u], 0f);
        }
        boolean allUsers = from == 0 && to == numUsers;
        rows.forEach((i, row) -> {
            int lo = itemStart[i];
            int hi = itemStart[i + 1];
            if (!allUsers) {
                lo = lowerBound(itemUser, lo, hi, from);
                hi = lowerBound(itemUser, lo, hi, to);
            }
            for (int e = lo; e < hi; e++) {
                HostSpmm.axpy(itemWeight[e], row, out[itemUser[e]], fused);
            }
        });
    }

    /**
     * Both halves of a layer in one pass over the items, for one thread: {@code usersOut = A_ui itemsIn} as
     * {@link #usersFromItems} and {@code itemsOut = A_iu usersIn} as {@link #itemsFromUsers}, each row summed
     * in the same order as there. itemsOut may be the array itemsIn reads (item i's row is read before it is
     * written), which halves the passes over the item table.
     */
    void bothHalves(ItemRows itemsIn, float[][] usersOut, float[][] usersIn, float[][] itemsOut) {
        if (!itemsIn.everyItem()) {
            throw new IllegalArgumentException("both halves need every item's row");
        }
        boolean fused = HostSpmm.fusedMultiplyAdd();
        for (float[] row : usersOut) {
            Arrays.fill(row, 0f);
        }
        itemsIn.forEach((i, row) -> {
            for (int e = itemStart[i]; e < itemStart[i + 1]; e++) {
                HostSpmm.axpy(itemWeight[e], row, usersOut[itemUser[e]], fused);
            }
            itemRow(usersIn, i, itemsOut[i], fused);
        });
    }

    private static int lowerBound(int[] a, int lo, int hi, int key) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Row i's first stored entry in the item-major order (items 0..numItems, for balancing work by edges). */
    int itemEntryStart(int item) {
        return itemStart[item];
    }

    /** User u's first entry if the entries were stored user-major. */
    int userEntryStart(int user) {
        return userStart[user];
    }

    /** Item rows a host propagation reads. */
    interface ItemRows {
        /** Visits every item that has a row, in ascending item order (the row array may be reused between visits). */
        void forEach(RowVisitor visitor);

        /** Whether every item has a row. */
        boolean everyItem();
    }

    interface RowVisitor {
        void visit(int item, float[] row);
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
