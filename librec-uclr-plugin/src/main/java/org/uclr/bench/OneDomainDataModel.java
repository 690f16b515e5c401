package org.uclr.bench;

import com.google.common.collect.BiMap;
import com.google.common.collect.HashBasedTable;
import com.google.common.collect.HashBiMap;
import com.google.common.collect.Table;
import net.librec.conf.Configuration;
import net.librec.data.DataAppender;
import net.librec.data.DataContext;
import net.librec.data.DataModel;
import net.librec.data.DataSplitter;
import net.librec.math.structure.DataSet;
import net.librec.math.structure.SparseMatrix;
import org.uclr.data.UserItemMatrix;

/**
 * LibRec's view of one domain's training interactions (users x the domain's items, value 1), so that LibRec's
 * own recommenders train on exactly the interactions ours do. Test and validation sets are empty: only
 * training is timed.
 */
final class OneDomainDataModel implements DataModel {
    private final Configuration conf;
    private final SparseMatrix train;
    private final SparseMatrix empty;
    private final BiMap<String, Integer> users = HashBiMap.create();
    private final BiMap<String, Integer> items = HashBiMap.create();

    OneDomainDataModel(Configuration conf, UserItemMatrix interactions) {
        this.conf = conf;
        Table<Integer, Integer, Double> t = HashBasedTable.create();
        for (int u = 0; u < interactions.numUsers(); u++) {
            for (int i : interactions.row(u)) {
                t.put(u, i, 1.0);
            }
        }
        train = new SparseMatrix(interactions.numUsers(), interactions.numItems(), t);
        empty = new SparseMatrix(interactions.numUsers(), interactions.numItems(), HashBasedTable.<Integer, Integer, Double>create());
        for (int u = 0; u < interactions.numUsers(); u++) {
            users.put(Integer.toString(u), u);
        }
        for (int i = 0; i < interactions.numItems(); i++) {
            items.put(Integer.toString(i), i);
        }
    }

    @Override
    public void buildDataModel() {
        // built in the constructor
    }

    @Override
    public void loadDataModel() {
        // built in the constructor
    }

    @Override
    public void saveDataModel() {
        // nothing to save
    }

    @Override
    public DataSplitter getDataSplitter() {
        return null;
    }

    @Override
    public DataSet getTrainDataSet() {
        return train;
    }

    @Override
    public DataSet getTestDataSet() {
        return empty;
    }

    @Override
    public DataSet getValidDataSet() {
        return empty;
    }

    @Override
    public DataSet getDatetimeDataSet() {
        return null;
    }

    @Override
    public BiMap<String, Integer> getUserMappingData() {
        return users;
    }

    @Override
    public BiMap<String, Integer> getItemMappingData() {
        return items;
    }

    @Override
    public DataAppender getDataAppender() {
        return null;
    }

    @Override
    public DataContext getContext() {
        return new DataContext(conf);
    }
}
