package org.uclr.data;

import com.google.common.collect.HashBasedTable;
import com.google.common.collect.HashMultimap;
import com.google.common.collect.Multimap;
import com.google.common.collect.Table;
import net.librec.data.DataConvertor;
import net.librec.data.DataSplitter;
import net.librec.math.structure.SparseMatrix;

import java.util.function.IntFunction;

/**
 * LibRec's view of a {@link Split}: train, validation and test as sparse matrices over the global
 * item index space (all domains side by side). Built lazily; our own models never need them.
 */
public final class LeaveOneOutDataSplitter implements DataSplitter {
    private final MultiDomainDataset dataset;
    private final Split split;
    private SparseMatrix train;
    private SparseMatrix test;
    private SparseMatrix valid;

    public LeaveOneOutDataSplitter(MultiDomainDataset dataset, Split split) {
        this.dataset = dataset;
        this.split = split;
    }

    @Override
    public void splitData() {
        // the split is made by LeaveOneOutSplitter when the data model is built
    }

    @Override
    public void setDataConvertor(DataConvertor dataConvertor) {
        // data comes from MultiDomainDataModel, not from a LibRec convertor
    }

    @Override
    public synchronized SparseMatrix getTrainData() {
        if (train == null) {
            Table<Integer, Integer, Double> t = HashBasedTable.create();
            Multimap<Integer, Integer> columns = HashMultimap.create();
            for (int d = 0; d < dataset.numDomains(); d++) {
                UserItemMatrix m = split.domain(d).train();
                int offset = dataset.itemOffset(d);
                for (int u = 0; u < m.numUsers(); u++) {
                    for (int i : m.row(u)) {
                        t.put(u, offset + i, 1.0);
                        columns.put(offset + i, u);
                    }
                }
            }
            train = matrix(t, columns);
        }
        return train;
    }

    @Override
    public synchronized SparseMatrix getTestData() {
        if (test == null) {
            test = heldOut(d -> split.domain(d).testItem());
        }
        return test;
    }

    @Override
    public synchronized SparseMatrix getValidData() {
        if (valid == null) {
            valid = heldOut(d -> split.domain(d).validItem());
        }
        return valid;
    }

    private SparseMatrix heldOut(IntFunction<int[]> items) {
        Table<Integer, Integer, Double> t = HashBasedTable.create();
        Multimap<Integer, Integer> columns = HashMultimap.create();
        for (int d = 0; d < dataset.numDomains(); d++) {
            int[] held = items.apply(d);
            int offset = dataset.itemOffset(d);
            for (int u = 0; u < held.length; u++) {
                if (held[u] >= 0) {
                    t.put(u, offset + held[u], 1.0);
                    columns.put(offset + held[u], u);
                }
            }
        }
        return matrix(t, columns);
    }

    /**
     * With the column index given, LibRec builds its column-compressed half from it; without, it asks the
     * table for each column, a scan of every row per column (Douban: 93k items x 1.6k users, about 100 s).
     */
    private SparseMatrix matrix(Table<Integer, Integer, Double> t, Multimap<Integer, Integer> columns) {
        return new SparseMatrix(dataset.numUsers(), dataset.totalItems(), t, columns);
    }
}
