package org.uclr.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.NDScope;
import org.uclr.engine.DenseParameter;
import org.uclr.engine.HostMemory;
import org.uclr.engine.HostParallel;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One LightGCN training step on the CPU with the propagation's forward and backward run by host kernels
 * over the graph's stored entries, and PyTorch's autograd kept for the BPR loss on the batch's rows.
 *
 * <p>The autograd version of the step builds all K layers, the layer sums and the mean for every row of
 * both tables, walks that graph back, and touches each table-sized array with one tensor op per term. Here
 * the forward computes the full layers 1..K-1 (the next layers need them) but layer K and the final
 * embeddings only at the batch's rows (the loss reads nothing else), the backward is the transposed
 * propagation started from the gradient at the batch's rows, and every table-sized sum is formed in the pass
 * that produces it. Item layers take turns in one table-sized array.
 *
 * <p>The result is the autograd version's bit for bit on the same engine: the products sum each row in
 * the stored order with PyTorch's multiply-add ({@link HostSpmm}), the layer sums and the mean are the
 * same float operations in the same order, and where several paths send gradient to one array they are
 * added in the order PyTorch's autograd engine adds them ({@code HostPropagationStepTest} compares both).
 */
final class HostPropagationStep {
    private final NormalizedAdjacency graph;
    private final DenseParameter users0;
    private final DenseParameter items0;
    private final int layers;
    private final double lambda;
    private final int m;
    private final int numUsers;
    private final int numItems;
    /** The one table-sized host array: each item layer in turn, then each item gradient in turn. */
    private final float[][] work;
    /** Made by the first call of {@link #userGradient()} / {@link #itemGradient()}, freed by {@link #releaseTraining()}. */
    private NDArray userGradient;
    private NDArray itemGradient;
    private final NDManager owner;
    /** Slot of each item among the batch's distinct items, or -1 (reset after every step). */
    private final int[] slotOfItem;
    /** The items whose slots are set, or null. */
    private int[] pendingItems;
    private Pending pending;
    private Buffers buffers;

    /**
     * @param lambda the L2 weight ({@link org.uclr.engine.EmbeddingL2})
     * @param owner  where the gradient tensors handed to Adam are made
     */
    HostPropagationStep(NormalizedAdjacency graph, DenseParameter users0, DenseParameter items0,
                        int layers, double lambda, int factors, NDManager owner) {
        this.graph = graph;
        this.users0 = users0;
        this.items0 = items0;
        this.layers = layers;
        this.lambda = lambda;
        this.m = factors;
        this.numUsers = graph.numUsers();
        this.numItems = graph.numItems();
        work = new float[layers > 0 ? numItems : 0][factors];
        this.owner = owner;
        slotOfItem = new int[numItems];
        Arrays.fill(slotOfItem, -1);
    }

    /** Whether the parameters' memory is on the host, where this step can run. */
    static boolean supports(DenseParameter users0, DenseParameter items0) {
        return HostMemory.floats(users0.value()) != null && HostMemory.floats(items0.value()) != null;
    }

    /**
     * The forward pass on a batch: the propagation by host kernels, then the loss (eq. 15, as
     * {@link LightGCN#batchLoss}) on six trainable [batch, m] leaves made in {@code step}: the final and
     * the layer-0 rows of the batch's users, positives and negatives. Autograd's backward pass fills the
     * leaves' gradients; {@link #backward()} then carries them through the propagation.
     *
     * @return the scalar loss, differentiable in the leaves
     */
    NDArray forward(NDManager step, BprTriples.Batch batch) {
        clearSlots(); // a failed step may have left them set
        int[] users = toInts(batch.users());
        int[] pos = toInts(batch.positives());
        int[] neg = toInts(batch.negatives());
        int[] items = distinctItems(pos, neg); // ascending; slotOfItem maps them to 0..t-1
        pendingItems = items;
        int t = items.length;
        float mean = 1f / (layers + 1);
        FloatBuffer items0View = HostMemory.floats(items0.value());
        Buffers buf = buffers(t);

        // ---- forward: u_{k+1} = A_ui i_k, i_{k+1} = A_iu u_k
        float[][][] u = buf.userLayers;
        FloatBuffer users0View = HostMemory.floats(users0.value());
        for (int v = 0; v < numUsers; v++) {
            users0View.get(v * m, u[0][v]);
        }
        float[][] items0Rows = buf.items0Rows;
        float[][] finalItems = buf.finalItems; // eq. 8 at the batch's items: ((e_0 + e_1) + ...) * mean
        for (int s = 0; s < t; s++) {
            items0View.get(items[s] * m, items0Rows[s]);
            System.arraycopy(items0Rows[s], 0, finalItems[s], 0, m);
        }
        float[][] layerRows = buf.layerRows;
        for (int k = 1; k <= layers; k++) {
            float[][] uk = u[k];
            float[][] below = u[k - 1];
            NormalizedAdjacency.ItemRows previous = k == 1 ? ItemRowsSource.of(items0View, m, numItems)
                    : ItemRowsSource.of(work);
            if (k < layers) {
                layer(previous, uk, below, work); // u_k from i_{k-1}, then i_k over it
                for (int s = 0; s < t; s++) {
                    System.arraycopy(work[items[s]], 0, layerRows[s], 0, m);
                }
            } else {
                parallelUsers((from, to) -> graph.usersFromItems(previous, uk, from, to));
                graph.itemsFromUsers(below, items, layerRows);
            }
            add(finalItems, layerRows, t);
        }
        scale(finalItems, mean, t);
        float[][] finalUsers = buf.finalUsers;
        for (int v = 0; v < numUsers; v++) {
            System.arraycopy(u[0][v], 0, finalUsers[v], 0, m);
        }
        for (int k = 1; k <= layers; k++) {
            add(finalUsers, u[k], numUsers);
        }
        scale(finalUsers, mean, numUsers);

        // ---- the loss on the batch's rows, differentiated by PyTorch's autograd
        NDArray[] leaves = {
            leaf(step, finalUsers, users, null), leaf(step, finalItems, pos, slotOfItem),
            leaf(step, finalItems, neg, slotOfItem), leaf(step, u[0], users, null),
            leaf(step, items0Rows, pos, slotOfItem), leaf(step, items0Rows, neg, slotOfItem)};
        pending = new Pending(users, pos, neg, items, leaves);
        return LightGCN.batchLoss(leaves[0], leaves[1], leaves[2], leaves[3], leaves[4], leaves[5], lambda);
    }

    /**
     * The backward pass of the last {@link #forward}, after autograd filled its leaves' gradients: the
     * gradients of the layer-0 tables, written into {@link #userGradient()} and {@link #itemGradient()}.
     *
     * @throws IllegalStateException without a forward pass since the last backward pass
     */
    void backward() {
        Pending p = pending;
        if (p == null) {
            throw new IllegalStateException("LightGCN's host backward pass without a forward pass");
        }
        pending = null;
        try {
            backward(p);
        } finally {
            clearSlots();
        }
    }

    private void backward(Pending p) {
        int[] users = p.users();
        int[] pos = p.pos();
        int[] neg = p.neg();
        int[] items = p.items();
        NDArray[] leaves = p.leaves();
        int t = items.length;
        float mean = 1f / (layers + 1);
        Buffers buf = buffers(t);
        // A gather's backward is zeros plus each batch row added in batch order; the final items' gradient is
        // the positives' gather plus the negatives'; the mean scales both.
        float[][] gFinalUsers = buf.gFinalUsers;
        float[][] gFinalItems = buf.gFinalItems; // at the batch's items; zero elsewhere
        float[][] gUsers0 = buf.gUsers0;
        float[][] gItems0 = buf.gItems0;
        float[][] scratch = buf.scatterRows;
        scatter(leaves[0], users, null, gFinalUsers, numUsers);
        scatter(leaves[1], pos, slotOfItem, gFinalItems, t);
        scatter(leaves[2], neg, slotOfItem, scratch, t);
        add(gFinalItems, scratch, t);
        // Layer 0 (the parameters) also receives the L2 term's gathers. Autograd adds what reaches one array
        // in the order its producers run, latest created first: the L2 gathers (negatives, then
        // positives), then the layer sum, then the product of layer 1.
        scatter(leaves[3], users, null, gUsers0, numUsers);
        scatter(leaves[5], neg, slotOfItem, gItems0, t);
        scatter(leaves[4], pos, slotOfItem, scratch, t);
        add(gItems0, scratch, t);
        scale(gFinalUsers, mean, numUsers);
        scale(gFinalItems, mean, t);
        add(gUsers0, gFinalUsers, numUsers);
        add(gItems0, gFinalItems, t);
        // Layer k < K receives the final gradient through the layer sum and layer k+1's through the
        // transposed product (A_ui^T holds A_iu's entries in A_iu's order, and the reverse). A sum of two
        // terms is the same in either order; adding at the batch's rows alone is exact because a product's
        // row never ends at -0, and x + (+0) = x.
        NormalizedAdjacency.ItemRows gItemsNext = ItemRowsSource.of(gFinalItems, items); // g(i_K)
        float[][] gUsersNext = gFinalUsers;                                            // g(u_K)
        for (int k = layers - 1; k >= 1; k--) {
            float[][] gUsers = buf.gUsers[k % 2];
            layer(gItemsNext, gUsers, gUsersNext, work); // g(u_k) part from g(i_{k+1}), then g(i_k) over it
            add(gUsers, gFinalUsers, numUsers);
            addAt(work, items, gFinalItems);
            gItemsNext = ItemRowsSource.of(work);
            gUsersNext = gUsers;
        }
        FloatBuffer itemGradientView = HostMemory.floats(itemGradient());
        if (layers > 0) {
            float[][] product = buf.product;
            layer(gItemsNext, product, gUsersNext, work);
            add(gUsers0, product, numUsers);
            addAt(work, items, gItems0);
            for (int i = 0; i < numItems; i++) {
                itemGradientView.put(i * m, work[i]);
            }
        } else {
            float[] zero = new float[m];
            for (int i = 0; i < numItems; i++) {
                itemGradientView.put(i * m, zero);
            }
            for (int s = 0; s < t; s++) {
                itemGradientView.put(items[s] * m, gItems0[s]);
            }
        }
        FloatBuffer userGradientView = HostMemory.floats(userGradient());
        for (int v = 0; v < numUsers; v++) {
            userGradientView.put(v * m, gUsers0[v]);
        }
    }

    /** The layer-0 users' gradient [numUsers, m], written by {@link #backward()} (made on first use). */
    NDArray userGradient() {
        if (userGradient == null) {
            userGradient = owner.zeros(new Shape(numUsers, m));
            NDScope.unregister(userGradient); // it lives until releaseTraining
        }
        return userGradient;
    }

    /** The layer-0 items' gradient [numItems, m], written by {@link #backward()} (made on first use). */
    NDArray itemGradient() {
        if (itemGradient == null) {
            itemGradient = owner.zeros(new Shape(numItems, m));
            NDScope.unregister(itemGradient); // it lives until releaseTraining
        }
        return itemGradient;
    }

    /**
     * After a training: frees the two gradient tensors and the step's reusable arrays (on Douban Books about
     * 45 MB of tensors and as much of host arrays); the final embeddings ({@link #finalEmbeddings}) still work, and a
     * new training makes them again.
     */
    void releaseTraining() {
        if (userGradient != null) {
            userGradient.close();
            itemGradient.close();
            userGradient = null;
            itemGradient = null;
        }
        buffers = null;
        pending = null;
        clearSlots();
    }

    private void clearSlots() {
        if (pendingItems != null) {
            for (int item : pendingItems) {
                slotOfItem[item] = -1;
            }
            pendingItems = null;
        }
    }

    /** What the backward pass needs from the forward pass: the batch, its distinct items, the loss's leaves. */
    private record Pending(int[] users, int[] pos, int[] neg, int[] items, NDArray[] leaves) {
    }

    /**
     * Eq. 8 for every row, as {@link LightGCN#propagate()} computes it ((e_0 + e_1) + ... + e_K) * mean,
     * written into the two views ([users, m] and [items, m]).
     */
    void finalEmbeddings(FloatBuffer usersOut, FloatBuffer itemsOut) {
        float mean = 1f / (layers + 1);
        FloatBuffer items0View = HostMemory.floats(items0.value());
        float[][] below = rows(HostMemory.floats(users0.value()), numUsers);
        float[][] finalUsers = copy(below);
        float[] row = new float[m];
        float[] sum = new float[m];
        for (int i = 0; i < numItems; i++) {
            items0View.get(i * m, row);
            itemsOut.put(i * m, row);
        }
        for (int k = 1; k <= layers; k++) {
            float[][] uk = new float[numUsers][m];
            NormalizedAdjacency.ItemRows previous = k == 1 ? ItemRowsSource.of(items0View, m, numItems)
                    : ItemRowsSource.of(work);
            layer(previous, uk, below, work); // u_k from i_{k-1}, then i_k over it
            for (int i = 0; i < numItems; i++) {
                itemsOut.get(i * m, sum);
                add(sum, work[i]);
                itemsOut.put(i * m, sum);
            }
            add(finalUsers, uk, numUsers);
            below = uk;
        }
        scale(finalUsers, mean, numUsers);
        for (int i = 0; i < numItems; i++) {
            itemsOut.get(i * m, sum);
            for (int j = 0; j < m; j++) {
                sum[j] *= mean;
            }
            itemsOut.put(i * m, sum);
        }
        for (int v = 0; v < numUsers; v++) {
            usersOut.put(v * m, finalUsers[v]);
        }
    }

    private int[] distinctItems(int[] pos, int[] neg) {
        int[] all = new int[pos.length + neg.length];
        System.arraycopy(pos, 0, all, 0, pos.length);
        System.arraycopy(neg, 0, all, pos.length, neg.length);
        Arrays.sort(all);
        int n = 0;
        for (int k = 0; k < all.length; k++) {
            if (k == 0 || all[k] != all[k - 1]) {
                all[n++] = all[k];
            }
        }
        int[] items = Arrays.copyOf(all, n);
        for (int s = 0; s < n; s++) {
            slotOfItem[items[s]] = s;
        }
        return items;
    }

    /**
     * A trainable [batch, m] leaf holding, for each index, its row of table (through slot if given). Made in
     * PyTorch's memory and filled through a view, so it is freed with the step, not at the JVM's next GC.
     */
    private NDArray leaf(NDManager step, float[][] table, int[] idx, int[] slot) {
        NDArray a = step.zeros(new Shape(idx.length, m));
        FloatBuffer view = HostMemory.floats(a);
        for (int r = 0; r < idx.length; r++) {
            view.put(r * m, table[slot == null ? idx[r] : slot[idx[r]]]);
        }
        a.setRequiresGradient(true);
        return a;
    }

    /**
     * A gather's backward into out (rows 0..rows-1 zeroed first): each batch row of the leaf's gradient
     * added to its row, in batch order.
     */
    private void scatter(NDArray leaf, int[] idx, int[] slot, float[][] out, int rows) {
        for (int r = 0; r < rows; r++) {
            Arrays.fill(out[r], 0f);
        }
        float[] row = new float[m];
        try (NDArray g = leaf.getGradient()) {
            FloatBuffer view = HostMemory.floats(g);
            for (int r = 0; r < idx.length; r++) {
                view.get(r * m, row);
                add(out[slot == null ? idx[r] : slot[idx[r]]], row);
            }
        }
    }

    /** The step's reusable arrays, item rows sized for at least t distinct items. */
    private Buffers buffers(int t) {
        if (buffers == null || buffers.items0Rows.length < t) {
            buffers = new Buffers(layers, numUsers, t, m);
        }
        return buffers;
    }

    /** Arrays a step reuses rather than allocating (tens of MB per step otherwise: the JVM's heap grew to GBs). */
    private static final class Buffers {
        final float[][][] userLayers;
        final float[][] finalUsers;
        final float[][] gFinalUsers;
        final float[][] gUsers0;
        final float[][][] gUsers;
        final float[][] product;
        final float[][] items0Rows;
        final float[][] finalItems;
        final float[][] layerRows;
        final float[][] gFinalItems;
        final float[][] gItems0;
        final float[][] scatterRows;

        Buffers(int layers, int users, int items, int m) {
            userLayers = new float[layers + 1][users][m];
            finalUsers = new float[users][m];
            gFinalUsers = new float[users][m];
            gUsers0 = new float[users][m];
            gUsers = new float[2][users][m];
            product = new float[users][m];
            items0Rows = new float[items][m];
            finalItems = new float[items][m];
            layerRows = new float[items][m];
            gFinalItems = new float[items][m];
            gItems0 = new float[items][m];
            scatterRows = new float[items][m];
        }
    }

    private float[][] rows(FloatBuffer view, int n) {
        float[][] out = new float[n][m];
        for (int r = 0; r < n; r++) {
            view.get(r * m, out[r]);
        }
        return out;
    }

    private static float[][] copy(float[][] a) {
        float[][] out = new float[a.length][];
        for (int r = 0; r < a.length; r++) {
            out[r] = a[r].clone();
        }
        return out;
    }

    /** acc += x, element by element (rows of one length). */
    private static void add(float[] acc, float[] x) {
        for (int j = 0; j < acc.length; j++) {
            acc[j] = acc[j] + x[j];
        }
    }

    /** acc[r] += x[r] for the first n rows. */
    private static void add(float[][] acc, float[][] x, int n) {
        for (int r = 0; r < n; r++) {
            add(acc[r], x[r]);
        }
    }

    /** table[items[s]] = rows[s] + table[items[s]] at the batch's items. */
    private static void addAt(float[][] table, int[] items, float[][] rows) {
        for (int s = 0; s < items.length; s++) {
            float[] acc = table[items[s]];
            float[] x = rows[s];
            for (int j = 0; j < acc.length; j++) {
                acc[j] = x[j] + acc[j];
            }
        }
    }

    /** x[r] *= by for the first n rows. */
    private static void scale(float[][] x, float by, int n) {
        for (int r = 0; r < n; r++) {
            float[] row = x[r];
            for (int j = 0; j < row.length; j++) {
                row[j] *= by;
            }
        }
    }

    private static int[] toInts(long[] a) {
        int[] out = new int[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = Math.toIntExact(a[k]);
        }
        return out;
    }

    /**
     * usersOut = A_ui itemsIn, then itemsOut = A_iu usersIn (itemsOut may be itemsIn's array): one pass over
     * the items on one thread; on several, each half split over them (users by range, then items by range).
     */
    private void layer(NormalizedAdjacency.ItemRows itemsIn, float[][] usersOut, float[][] usersIn, float[][] itemsOut) {
        if (HostParallel.threads() == 1 && itemsIn.everyItem()) {
            graph.bothHalves(itemsIn, usersOut, usersIn, itemsOut);
            return;
        }
        parallelUsers((from, to) -> graph.usersFromItems(itemsIn, usersOut, from, to));
        parallelItems((from, to) -> graph.itemsFromUsers(usersIn, itemsOut, from, to));
    }

    private void parallelItems(HostParallel.RowRange body) {
        HostParallel.rows(numItems, graph::itemEntryStart, body);
    }

    private void parallelUsers(HostParallel.RowRange body) {
        HostParallel.rows(numUsers, graph::userEntryStart, body);
    }
}
