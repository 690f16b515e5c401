package org.uclr.testing;

import net.librec.conf.Configuration;
import net.librec.recommender.RecommenderContext;
import org.uclr.data.LeaveOneOutSplitter;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.data.MultiDomainDataset;
import org.uclr.data.Split;
import org.uclr.data.SyntheticGenerator;
import org.uclr.data.SyntheticPreset;
import org.uclr.eval.NDCGEvaluator;
import org.uclr.model.MultiDomainRecommender;

import java.nio.file.Path;
import java.util.Map;

/** Small data and one-call training for tests (also used by the baselines module's tests). */
public final class Fixtures {
    private Fixtures() {
    }

    /** The shared real data folder (../shared/data from the project root), set by surefire. */
    public static Path sharedData() {
        return Path.of(System.getProperty("uclr.shared.data", "../shared/data"));
    }

    /** The project's root folder (README.md, ci/, conf/), set by surefire; the module's parent otherwise. */
    public static Path projectRoot() {
        return Path.of(System.getProperty("uclr.project.root", "..")).toAbsolutePath().normalize();
    }

    /** The small synthetic preset scaled down: scale 0.1 gives 200 users, >= 100 items per domain. */
    public static MultiDomainDataset synthetic(double scale) {
        return new SyntheticGenerator(SyntheticPreset.SMALL, scale, 7L).generate();
    }

    /** A LibRec data model over a dataset, split with 99 negatives for the given seed (not cached on disk). */
    public static MultiDomainDataModel dataModel(MultiDomainDataset data, long seed, Map<String, String> conf) {
        Split split = new LeaveOneOutSplitter(99).split(data, seed);
        return new MultiDomainDataModel(configuration(conf), data, split);
    }

    public static Configuration configuration(Map<String, String> values) {
        Configuration conf = new Configuration();
        values.forEach(conf::set);
        return conf;
    }

    /** Runs a recommender's whole lifecycle on a data model; returns it trained and scored. */
    public static <R extends MultiDomainRecommender> R train(R recommender, MultiDomainDataModel dataModel) {
        recommender.recommend(new RecommenderContext(dataModel.getConf(), dataModel));
        return recommender;
    }

    /** Macro test NDCG@10 of a trained recommender. */
    public static double testNdcg10(MultiDomainRecommender recommender) {
        NDCGEvaluator e = new NDCGEvaluator();
        e.setTopN(10);
        return recommender.evaluate(e);
    }
}
