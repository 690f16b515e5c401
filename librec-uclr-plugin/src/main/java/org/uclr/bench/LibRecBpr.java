package org.uclr.bench;

import net.librec.common.LibrecException;
import net.librec.conf.Configuration;
import net.librec.math.algorithm.Randoms;
import net.librec.recommender.RecommenderContext;
import net.librec.recommender.cf.ranking.BPRRecommender;
import net.librec.recommender.item.RecommendedList;
import org.uclr.data.UserItemMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * LibRec 2.0's own BPR ({@link BPRRecommender}: per-triple SGD in Java, double precision) timed on one
 * domain's training interactions. Each LibRec iteration draws 100 triples per user (users uniformly, then a
 * positive and a negative of that user), so its cost is compared per triple.
 */
final class LibRecBpr {
    private LibRecBpr() {
    }

    /**
     * @param iterationSeconds wall seconds of each iteration (the first includes LibRec's per-run setup of
     *                         the users' item sets)
     * @param triplesPerIteration triples drawn per iteration (100 per user)
     */
    record Timing(List<Double> iterationSeconds, long triplesPerIteration) {
    }

    static Timing run(UserItemMatrix train, int factors, int iterations, long seed) {
        Configuration conf = new Configuration();
        conf.set("rec.iterator.maximum", Integer.toString(iterations));
        conf.set("rec.factor.number", Integer.toString(factors));
        conf.set("rec.iterator.learnrate", "0.01");
        conf.set("rec.iterator.learnrate.maximum", "0.01");
        conf.set("rec.user.regularization", "0.01");
        conf.set("rec.item.regularization", "0.01");
        conf.set("rec.learnrate.bolddriver", "false");
        conf.set("rec.learnrate.decay", "1.0");
        conf.set("rec.recommender.isranking", "true");
        conf.set("rec.recommender.ranking.topn", "10");
        conf.set("rec.recommender.earlystop", "false");
        conf.set("rec.recommender.verbose", "false");
        Randoms.seed(seed);
        TimedBpr bpr = new TimedBpr();
        try {
            bpr.recommend(new RecommenderContext(conf, new OneDomainDataModel(conf, train)));
        } catch (LibrecException e) {
            throw new IllegalStateException("LibRec's BPRRecommender failed: " + e.getMessage(), e);
        }
        return new Timing(bpr.iterationSeconds, 100L * train.numUsers());
    }

    /** BPRRecommender with the end of each iteration timed and the final ranking of every item skipped. */
    private static final class TimedBpr extends BPRRecommender {
        private final List<Double> iterationSeconds = new ArrayList<>();
        private long last;

        @Override
        protected void trainModel() throws LibrecException {
            last = System.nanoTime();
            super.trainModel();
        }

        /** Called once after every iteration. */
        @Override
        protected boolean isConverged(int iter) {
            long now = System.nanoTime();
            iterationSeconds.add((now - last) / 1e9);
            last = now;
            return false;
        }

        @Override
        protected RecommendedList recommend() {
            return null;
        }
    }
}
