package org.uclr.baselines.herograph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import org.uclr.engine.DenseParameter;
import org.uclr.engine.HostMemory;
import org.uclr.model.backbone.BprTriples;
import org.uclr.model.backbone.NormalizedAdjacency;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * HeroGraph's graph aggregation in a training step on the CPU, forward and backward by host kernels over the
 * shared graph's stored entries ({@link NormalizedAdjacency#usersFromItems}, {@link
 * NormalizedAdjacency#itemsFromUsers}), with PyTorch's autograd kept for the attention and the loss on the
 * batch's rows.
 *
 * <p>Why: the autograd version multiplies every sparse block both ways in the forward pass and again,
 * transposed, in the backward pass (PyTorch re-sorts a transposed COO tensor each time), although the loss
 * reads the items' neighbourhoods at the batch's items only. Here the forward pass computes the users'
 * neighbourhoods n^s = A_s G_I^s for every user (on Amazon, 1,734 users against batches of 2,048 triples,
 * the attention reads them at most users; with many more users than a batch, computing them at the batch's
 * users only would be the next saving) and the items' neighbourhoods at the batch's items only. The backward
 * pass gives G_I^s its gradient by one transposed product of the whole block, and G_U its gradient through
 * the items' neighbourhoods by a product over the batch's items only: about half the edge passes, and no
 * table-sized temporaries. The result equals the autograd step's up to float rounding (the sums run in
 * another order; {@code HeroGraphHostStepTest} compares both).
 *
 * <p>Each step hands the loss three trainable leaves per domain d with a batch of b triples (made in the
 * step's manager): the batch users' neighbourhoods in every domain [b, S, m], their graph embeddings g_u
 * [b, m], and the items' graph representation z_i = g_i + (A_d^T G_U)[i] at the positives then the
 * negatives [2b, m]. {@link #backward()} then writes the gradients of G_U [numUsers, m] and of every
 * G_I^s [numItems_s, m] into the tensors given to Adam.
 */
final class HeroGraphHostStep implements AutoCloseable {
    private final SharedGraph graph;
    private final DenseParameter graphUsers;
    private final List<DenseParameter> graphItems;
    private final int m;
    private final int numUsers;
    private final int numDomains;
    private final NDArray userGradient;
    private final NDArray[] itemGradients;
    /** Per domain s: the users' neighbourhoods n^s [numUsers][m] of the last forward pass. */
    private final float[][][] neighbourhoods;
    /** Per domain s: the gradient reaching n^s [numUsers][m], summed over the step's domains. */
    private final float[][][] neighbourhoodGradients;
    /** Table-sized arrays every step reuses rather than allocates (the JVM's heap would grow by them per step). */
    private final float[][] userTable;
    private final float[][] userGradientRows;
    private final float[][] userScratch;
    private final float[][][] itemTables;
    private final float[][][] itemGradientRows;
    private final float[][][] itemScratch;
    private Pending[] pending;

    /**
     * @param owner where the gradient tensors handed to Adam are made (they live as long as the model)
     * @throws IllegalArgumentException if a table is not in host memory ({@link #supports})
     */
    HeroGraphHostStep(SharedGraph graph, DenseParameter graphUsers, List<DenseParameter> graphItems, int factors,
                      NDManager owner) {
        if (!supports(graphUsers, graphItems)) {
            throw new IllegalArgumentException("HeroGraph's host kernels need the graph tables in CPU memory");
        }
        this.graph = graph;
        this.graphUsers = graphUsers;
        this.graphItems = graphItems;
        this.m = factors;
        this.numUsers = graph.block(0).numUsers();
        this.numDomains = graph.numDomains();
        userGradient = owner.zeros(new Shape(numUsers, m));
        itemGradients = new NDArray[numDomains];
        for (int s = 0; s < numDomains; s++) {
            itemGradients[s] = owner.zeros(new Shape(graph.block(s).numItems(), m));
        }
        NDScope.unregister(userGradient);
        NDScope.unregister(itemGradients);
        neighbourhoods = new float[numDomains][numUsers][m];
        neighbourhoodGradients = new float[numDomains][numUsers][m];
        userTable = new float[numUsers][m];
        userGradientRows = new float[numUsers][m];
        userScratch = new float[numUsers][m];
        itemTables = new float[numDomains][][];
        itemGradientRows = new float[numDomains][][];
        itemScratch = new float[numDomains][][];
        for (int s = 0; s < numDomains; s++) {
            int items = graph.block(s).numItems();
            itemTables[s] = new float[items][m];
            itemGradientRows[s] = new float[items][m];
            itemScratch[s] = new float[items][m];
        }
    }

    /** Whether every graph table is float32 in CPU memory, where these kernels run. */
    static boolean supports(DenseParameter graphUsers, List<DenseParameter> graphItems) {
        if (HostMemory.floats(graphUsers.value()) == null) {
            return false;
        }
        return graphItems.stream().allMatch(p -> HostMemory.floats(p.value()) != null);
    }

    NDArray userGradient() {
        return userGradient;
    }

    NDArray itemGradient(int domain) {
        return itemGradients[domain];
    }

    /**
     * The forward pass of a step: the aggregation by host kernels, then the leaves the loss reads.
     *
     * @param batches per domain, its BPR triples (local item indices), or null
     * @return per domain, its leaves, or null where the domain has no batch
     */
    Leaves[] forward(NDManager step, List<BprTriples.Batch> batches) {
        pending = null;
        float[][] users = read(graphUsers.value(), userTable);
        float[][][] items = itemTables;
        for (int s = 0; s < numDomains; s++) {
            read(graphItems.get(s).value(), items[s]);
            graph.block(s).usersFromItems(items[s], neighbourhoods[s]);
        }
        Leaves[] leaves = new Leaves[numDomains];
        Pending[] next = new Pending[numDomains];
        for (int d = 0; d < numDomains; d++) {
            BprTriples.Batch b = batches.get(d);
            if (b == null) {
                continue;
            }
            int[] batchUsers = toInts(b.users());
            int[] batchItems = toInts(b.positivesThenNegatives());
            int[] distinct = distinct(batchItems);
            float[][] itemNeighbourhoods = new float[distinct.length][m];
            graph.block(d).itemsFromUsers(users, distinct, itemNeighbourhoods);

            NDArray around = step.zeros(new Shape(batchUsers.length, numDomains, m));
            FloatBuffer aroundView = HostMemory.floats(around);
            for (int r = 0; r < batchUsers.length; r++) {
                for (int s = 0; s < numDomains; s++) {
                    aroundView.put((r * numDomains + s) * m, neighbourhoods[s][batchUsers[r]]);
                }
            }
            NDArray graphUserRows = leaf(step, users, batchUsers);
            NDArray itemRows = step.zeros(new Shape(batchItems.length, m));
            FloatBuffer itemView = HostMemory.floats(itemRows);
            float[] z = new float[m];
            for (int r = 0; r < batchItems.length; r++) {
                float[] g = items[d][batchItems[r]];
                float[] n = itemNeighbourhoods[Arrays.binarySearch(distinct, batchItems[r])];
                for (int c = 0; c < m; c++) {
                    z[c] = g[c] + n[c];
                }
                itemView.put(r * m, z);
            }
            around.setRequiresGradient(true);
            itemRows.setRequiresGradient(true);
            leaves[d] = new Leaves(around, graphUserRows, itemRows);
            next[d] = new Pending(batchUsers, batchItems, distinct, leaves[d]);
        }
        pending = next;
        return leaves;
    }

    /**
     * The backward pass of the last {@link #forward}, after autograd filled its leaves' gradients: the
     * gradients of G_U and of every G_I^s, written into {@link #userGradient()} and {@link #itemGradient}.
     *
     * @throws IllegalStateException without a forward pass since the last backward pass
     */
    void backward() {
        Pending[] p = pending;
        if (p == null) {
            throw new IllegalStateException("HeroGraph's host backward pass without a forward pass");
        }
        pending = null;
        float[][] gUsers = zero(userGradientRows);
        float[][][] gItems = itemGradientRows;
        for (int s = 0; s < numDomains; s++) {
            zero(gItems[s]);
            zero(neighbourhoodGradients[s]);
        }
        float[] row = new float[m];
        for (int d = 0; d < numDomains; d++) {
            Pending q = p[d];
            if (q == null) {
                continue;
            }
            try (NDArray g = q.leaves().neighbourhoods().getGradient()) {
                FloatBuffer view = HostMemory.floats(g);
                for (int r = 0; r < q.users().length; r++) {
                    for (int s = 0; s < numDomains; s++) {
                        view.get((r * numDomains + s) * m, row);
                        add(neighbourhoodGradients[s][q.users()[r]], row);
                    }
                }
            }
            try (NDArray g = q.leaves().graphUsers().getGradient()) {
                FloatBuffer view = HostMemory.floats(g);
                for (int r = 0; r < q.users().length; r++) {
                    view.get(r * m, row);
                    add(gUsers[q.users()[r]], row);
                }
            }
            // z_i = g_i + (A_d^T G_U)[i]: the gradient reaches g_i directly and G_U through the block
            float[][] gItemNeighbourhoods = new float[q.distinct().length][m];
            try (NDArray g = q.leaves().itemGraph().getGradient()) {
                FloatBuffer view = HostMemory.floats(g);
                for (int r = 0; r < q.items().length; r++) {
                    view.get(r * m, row);
                    add(gItems[d][q.items()[r]], row);
                    add(gItemNeighbourhoods[Arrays.binarySearch(q.distinct(), q.items()[r])], row);
                }
            }
            float[][] viaItems = userScratch;
            graph.block(d).usersFromItems(gItemNeighbourhoods, q.distinct(), viaItems);
            add(gUsers, viaItems);
        }
        // n^s = A_s G_I^s: its gradient reaches G_I^s through the transposed block
        for (int s = 0; s < numDomains; s++) {
            float[][] viaUsers = itemScratch[s];
            graph.block(s).itemsFromUsers(neighbourhoodGradients[s], viaUsers);
            add(gItems[s], viaUsers);
            write(gItems[s], itemGradients[s]);
        }
        write(gUsers, userGradient);
    }

    /**
     * The graph side's rows one domain's loss reads: the batch users' neighbourhoods [b, S, m], their g_u [b, m], z_i
     * at the positives then the negatives [2b, m]; trainable leaves here, rows of the whole graph's tensors on
     * HeroGraph's autograd path.
     */
    record Leaves(NDArray neighbourhoods, NDArray graphUsers, NDArray itemGraph) {
    }

    private record Pending(int[] users, int[] items, int[] distinct, Leaves leaves) {
    }

    private NDArray leaf(NDManager step, float[][] table, int[] idx) {
        NDArray a = step.zeros(new Shape(idx.length, m));
        FloatBuffer view = HostMemory.floats(a);
        for (int r = 0; r < idx.length; r++) {
            view.put(r * m, table[idx[r]]);
        }
        a.setRequiresGradient(true);
        return a;
    }

    /** Copies a [n, m] tensor's rows into out ([n][m]) and returns out. */
    private float[][] read(NDArray table, float[][] out) {
        FloatBuffer view = HostMemory.floats(table);
        for (int r = 0; r < out.length; r++) {
            view.get(r * m, out[r]);
        }
        return out;
    }

    private static float[][] zero(float[][] rows) {
        for (float[] row : rows) {
            Arrays.fill(row, 0f);
        }
        return rows;
    }

    private void write(float[][] rows, NDArray target) {
        FloatBuffer view = HostMemory.floats(target);
        for (int r = 0; r < rows.length; r++) {
            view.put(r * m, rows[r]);
        }
    }

    private static void add(float[] acc, float[] x) {
        for (int c = 0; c < acc.length; c++) {
            acc[c] += x[c];
        }
    }

    private static void add(float[][] acc, float[][] x) {
        for (int r = 0; r < acc.length; r++) {
            add(acc[r], x[r]);
        }
    }

    private static int[] distinct(int[] items) {
        return Arrays.stream(items).sorted().distinct().toArray();
    }

    /** Releases the gradient tensors handed to Adam. */
    @Override
    public void close() {
        userGradient.close();
        for (NDArray g : itemGradients) {
            g.close();
        }
    }

    private static int[] toInts(long[] a) {
        int[] out = new int[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = Math.toIntExact(a[k]);
        }
        return out;
    }
}
