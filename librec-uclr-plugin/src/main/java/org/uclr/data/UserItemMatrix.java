package org.uclr.data;

import java.util.Arrays;

/**
 * A binary user x item matrix in compressed sparse row form: each user's items sorted ascending,
 * no duplicates. Immutable.
 */
public final class UserItemMatrix {
    private final int numUsers;
    private final int numItems;
    private final int[] rowPtr;
    private final int[] cols;

    private UserItemMatrix(int numUsers, int numItems, int[] rowPtr, int[] cols) {
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.rowPtr = rowPtr;
        this.cols = cols;
    }

    /** Builds from per-user item arrays; each row is sorted and de-duplicated. */
    public static UserItemMatrix fromRows(int numItems, int[][] rows) {
        int[] ptr = new int[rows.length + 1];
        int[][] clean = new int[rows.length][];
        for (int u = 0; u < rows.length; u++) {
            int[] r = rows[u] == null ? new int[0] : Arrays.stream(rows[u]).sorted().distinct().toArray();
            for (int i : r) {
                if (i < 0 || i >= numItems) {
                    throw new IllegalArgumentException("item index " + i + " outside [0, " + numItems + ")");
                }
            }
            clean[u] = r;
            ptr[u + 1] = ptr[u] + r.length;
        }
        int[] cols = new int[ptr[rows.length]];
        for (int u = 0; u < rows.length; u++) {
            System.arraycopy(clean[u], 0, cols, ptr[u], clean[u].length);
        }
        return new UserItemMatrix(rows.length, numItems, ptr, cols);
    }

    /**
     * The matrices side by side, [numUsers, sum of numItems]: part k's items are offset by the item counts of
     * parts 0..k-1 (the global item index of a multi-domain model).
     *
     * @throws IllegalArgumentException if the parts differ in user count
     */
    public static UserItemMatrix concatItems(java.util.List<UserItemMatrix> parts) {
        int users = parts.get(0).numUsers;
        int items = 0;
        int nnz = 0;
        for (UserItemMatrix p : parts) {
            if (p.numUsers != users) {
                throw new IllegalArgumentException("parts have " + users + " and " + p.numUsers + " users");
            }
            items += p.numItems;
            nnz += p.nnz();
        }
        int[] ptr = new int[users + 1];
        int[] cols = new int[nnz];
        int k = 0;
        for (int u = 0; u < users; u++) {
            int offset = 0;
            for (UserItemMatrix p : parts) {
                for (int e = p.rowPtr[u]; e < p.rowPtr[u + 1]; e++) {
                    cols[k++] = offset + p.cols[e];
                }
                offset += p.numItems;
            }
            ptr[u + 1] = k;
        }
        return new UserItemMatrix(users, items, ptr, cols);
    }

    public int numUsers() {
        return numUsers;
    }

    public int numItems() {
        return numItems;
    }

    /** Number of stored (user, item) pairs. */
    public int nnz() {
        return cols.length;
    }

    public int rowSize(int user) {
        return rowPtr[user + 1] - rowPtr[user];
    }

    /** The user's items, sorted (a copy). */
    public int[] row(int user) {
        return Arrays.copyOfRange(cols, rowPtr[user], rowPtr[user + 1]);
    }

    public boolean contains(int user, int item) {
        return Arrays.binarySearch(cols, rowPtr[user], rowPtr[user + 1], item) >= 0;
    }

    /** The user of every stored entry, in storage order (parallel to {@link #entryItems()}). */
    public int[] entryUsers() {
        int[] users = new int[cols.length];
        for (int u = 0; u < numUsers; u++) {
            Arrays.fill(users, rowPtr[u], rowPtr[u + 1], u);
        }
        return users;
    }

    /** The item of every stored entry, in storage order (a copy). */
    public int[] entryItems() {
        return cols.clone();
    }

    /** The matrix without the given (user, item) pairs; -1 entries in {@code removed} mean "nothing". */
    public UserItemMatrix without(int[]... removed) {
        int[][] rows = new int[numUsers][];
        for (int u = 0; u < numUsers; u++) {
            int user = u;
            // filter rather than mark-then-search: marking an entry breaks the sort a later binary search needs
            rows[u] = Arrays.stream(cols, rowPtr[u], rowPtr[u + 1])
                    .filter(i -> Arrays.stream(removed).noneMatch(rem -> rem[user] == i))
                    .toArray();
        }
        return new UserItemMatrix(numUsers, numItems, ptrOf(rows), concat(rows));
    }

    private static int[] ptrOf(int[][] rows) {
        int[] ptr = new int[rows.length + 1];
        for (int u = 0; u < rows.length; u++) {
            ptr[u + 1] = ptr[u] + rows[u].length;
        }
        return ptr;
    }

    private static int[] concat(int[][] rows) {
        return Arrays.stream(rows).flatMapToInt(Arrays::stream).toArray();
    }
}
