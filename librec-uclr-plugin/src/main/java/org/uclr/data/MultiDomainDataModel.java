package org.uclr.data;

import com.google.common.collect.BiMap;
import com.google.common.collect.HashBiMap;
import net.librec.conf.Configurable;
import net.librec.conf.Configuration;
import net.librec.data.DataAppender;
import net.librec.data.DataContext;
import net.librec.data.DataModel;
import net.librec.data.DataSplitter;
import net.librec.math.structure.DataSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.config.Settings;
import org.uclr.librec.DriverAliases;
import org.uclr.librec.LibRecJobs;

import java.nio.file.Path;

/**
 * LibRec's {@link DataModel} for multi-domain implicit feedback. {@link #buildDataModel()} loads the
 * configured dataset and makes (or reuses) the leave-one-out split with its sampled negatives; the
 * split is done here because LibRec silently ignores a splitter given by class name.
 *
 * <p>LibRec's matrix views ({@link #getTrainDataSet()} and friends) put all domains side by side in
 * one global item index space (domain d's items start at {@link MultiDomainDataset#itemOffset(int)});
 * our models use the typed {@link #dataset()} and {@link #split()} instead.
 */
public class MultiDomainDataModel implements DataModel, Configurable {
    private static final Logger LOG = LogManager.getLogger(MultiDomainDataModel.class);

    private Configuration conf;
    private MultiDomainDataset dataset;
    private Split split;
    private LeaveOneOutDataSplitter splitter;
    private BiMap<String, Integer> userMapping;
    private BiMap<String, Integer> itemMapping;

    public MultiDomainDataModel() {
    }

    /** A data model over an already built dataset and split (for tests and programmatic use). */
    public MultiDomainDataModel(Configuration conf, MultiDomainDataset dataset, Split split) {
        this.conf = conf;
        this.dataset = dataset;
        this.split = split;
        this.splitter = new LeaveOneOutDataSplitter(dataset, split);
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }

    @Override
    public void buildDataModel() {
        // LibRec's job builds the data model before it resolves rec.recommender.class: its aliases must be known now
        // (only then: bin/librec resolves them itself and need not touch LibRec's internals)
        if (LibRecJobs.isCaller()) {
            DriverAliases.registerWithLibRec();
        }
        Settings s = Settings.of(conf);
        long seed = s.get(org.uclr.engine.EngineKeys.SEED);
        long t0 = System.nanoTime();
        SplitStore store = new SplitStore(Path.of(s.get(DataKeys.SPLIT_DIR)));
        store.checkWritable();
        dataset = DatasetLoader.load(s);
        split = store.loadOrCreate(dataset, seed, new LeaveOneOutSplitter(s.get(DataKeys.NEGATIVES)));
        splitter = new LeaveOneOutDataSplitter(dataset, split);
        LOG.info("data ready in {} s: {}{}, {} users, {} interactions", String.format("%.1f", (System.nanoTime() - t0) / 1e9),
                dataset.name(), dataset.synthetic() ? " (synthetic)" : "", dataset.numUsers(), dataset.totalInteractions());
    }

    public MultiDomainDataset dataset() {
        return dataset;
    }

    public Split split() {
        return split;
    }

    @Override
    public void loadDataModel() {
        buildDataModel();
    }

    @Override
    public void saveDataModel() {
        // splits are persisted by SplitStore as they are made
    }

    @Override
    public DataSplitter getDataSplitter() {
        return splitter;
    }

    @Override
    public DataSet getTrainDataSet() {
        return splitter.getTrainData();
    }

    @Override
    public DataSet getTestDataSet() {
        return splitter.getTestData();
    }

    @Override
    public DataSet getValidDataSet() {
        return splitter.getValidData();
    }

    @Override
    public DataSet getDatetimeDataSet() {
        return null;
    }

    @Override
    public synchronized BiMap<String, Integer> getUserMappingData() {
        if (userMapping == null) {
            userMapping = HashBiMap.create();
            String[] ids = dataset.userIds();
            for (int u = 0; u < ids.length; u++) {
                userMapping.put(ids[u], u);
            }
        }
        return userMapping;
    }

    /** Item ids qualified by domain ("books:123"), mapped to the global item index. */
    @Override
    public synchronized BiMap<String, Integer> getItemMappingData() {
        if (itemMapping == null) {
            itemMapping = HashBiMap.create();
            for (int d = 0; d < dataset.numDomains(); d++) {
                Domain domain = dataset.domain(d);
                int offset = dataset.itemOffset(d);
                for (int i = 0; i < domain.numItems(); i++) {
                    itemMapping.put(domain.name() + ":" + domain.itemIds()[i], offset + i);
                }
            }
        }
        return itemMapping;
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
