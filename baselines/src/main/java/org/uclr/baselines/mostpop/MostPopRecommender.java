package org.uclr.baselines.mostpop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import net.librec.common.LibrecException;
import net.librec.conf.Configuration;
import net.librec.recommender.RecommenderContext;
import net.librec.recommender.baseline.MostPopularRecommender;
import org.uclr.UclrException;
import org.uclr.engine.ModelArchive;
import org.uclr.model.DotProductScoring;
import org.uclr.model.MultiDomainRecommender;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Most popular, per domain: the score of an item is its number of training interactions, the same
 * ranking for every user; equally popular items tie, and ties are resolved by the metrics' exact
 * expectation. It shows how much of a score any model gets for free. Nothing is trained or validated.
 *
 * <p>The counts are LibRec's: its {@link MostPopularRecommender} is set up on our data model, whose
 * training matrix puts every domain's items side by side (domain d's from its item offset), and its
 * {@code predict(user, item)} is the item's column size there, i.e. its training interactions. Its
 * {@code recommend()} is not used: it ranks every item of every domain together for each user, one
 * {@code predict} call per (user, item), with no domains, no sampled candidates and no exclusion of
 * validation items, so it does not fit this project's per-domain protocols.
 */
public class MostPopRecommender extends MultiDomainRecommender implements DotProductScoring {
    /** Per domain, [numItems, 1] training interactions of each item (float32: exact up to 2^24). */
    private final List<NDArray> popularity = new ArrayList<>();

    /** LibRec's recommender, driven through its protected setup and predict. */
    private static final class LibRecPopularity extends MostPopularRecommender {
        LibRecPopularity(RecommenderContext context) throws LibrecException {
            setContext(context);
            setup();
        }

        /** Training interactions of a global item index. */
        double of(int item) throws LibrecException {
            return predict(0, item);
        }
    }

    @Override
    protected void trainModel() {
        long t0 = System.nanoTime();
        LibRecPopularity libRec;
        try {
            // a copy: LibRec's setup writes evaluation keys into the configuration it is given
            Configuration conf = new Configuration();
            for (Map.Entry<String, String> e : context.getConf()) {
                conf.set(e.getKey(), e.getValue());
            }
            libRec = new LibRecPopularity(new RecommenderContext(conf, context.getDataModel()));
            for (int d = 0; d < data.numDomains(); d++) {
                int numItems = data.domain(d).numItems();
                int offset = data.itemOffset(d);
                float[] counts = new float[numItems];
                for (int i = 0; i < numItems; i++) {
                    counts[i] = (float) libRec.of(offset + i);
                }
                popularity.add(engine.root().create(counts, new Shape(numItems, 1)));
            }
        } catch (LibrecException e) {
            throw new UclrException("LibRec's MostPopularRecommender failed: " + e.getMessage(), e);
        }
        recordStage("count", (System.nanoTime() - t0) / 1e9);
    }

    @Override
    protected NDArray scoreBatch(NDManager step, int domain, NDArray users, NDArray items) {
        long n = items.getShape().get(0);
        long width = items.getShape().get(1);
        return popularity.get(domain).get(step, new NDIndex("{}", items.reshape(-1))).reshape(n, width);
    }

    /** 1 for every user, so the dot product with an item's [count] is the count. */
    @Override
    public NDArray userVectors(NDManager step, int domain, NDArray users) {
        return step.ones(new Shape(users.getShape().get(0), 1));
    }

    @Override
    public NDArray itemVectors(NDManager step, int domain) {
        return popularity.get(domain);
    }

    @Override
    protected void saveTrained(ModelArchive out) {
        for (int d = 0; d < data.numDomains(); d++) {
            out.put("mostpop/" + data.domain(d).name() + "/counts", popularity.get(d));
        }
    }

    @Override
    protected void loadTrained(ModelArchive in) {
        for (int d = 0; d < data.numDomains(); d++) {
            popularity.add(in.array("mostpop/" + data.domain(d).name() + "/counts", engine.root()));
        }
    }
}
