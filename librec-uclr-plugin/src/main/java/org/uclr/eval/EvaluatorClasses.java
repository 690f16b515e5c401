package org.uclr.eval;

import net.librec.eval.AbstractRecommenderEvaluator;
import net.librec.eval.RecommenderEvaluator;
import org.uclr.UclrException;
import org.uclr.config.ConfigException;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves the names of {@code rec.eval.classes} the way a LibRec user writes them: our class names
 * (fully qualified or simple), LibRec 2.0's aliases from its {@code driver.classes.props} ({@code ndcg},
 * {@code hitrate}, {@code rr}, {@code precision}, {@code recall}, {@code auc}, plus {@code mrr} and
 * {@code hr}) and LibRec's own evaluator classes ({@code net.librec.eval.ranking.NormalizedDCGEvaluator},
 * ...). The metrics that have a meaning for one held-out item ranked among sampled negatives map to our
 * evaluators, which compute them on the sampled lists with ties resolved exactly; LibRec's classes
 * themselves would rank a full item list (or fail on ours). Every other LibRec metric is rejected with
 * the reason, before any data is loaded. Names are matched ignoring case.
 */
public final class EvaluatorClasses {
    /** Every accepted name (lower case) and the evaluator it means. */
    private static final Map<String, Class<? extends SampledRankingEvaluator>> ACCEPTED = new LinkedHashMap<>();
    /** LibRec metrics that have no meaning here (lower case), and why. */
    private static final Map<String, String> REJECTED = new LinkedHashMap<>();

    static {
        accept(NDCGEvaluator.class, "ndcg", "net.librec.eval.ranking.NormalizedDCGEvaluator");
        accept(HitRatioEvaluator.class, "hitrate", "hr", "net.librec.eval.ranking.HitRateEvaluator");
        accept(MRREvaluator.class, "mrr", "rr", "net.librec.eval.ranking.ReciprocalRankEvaluator");
        accept(PrecisionEvaluator.class, "precision", "net.librec.eval.ranking.PrecisionEvaluator");
        accept(RecallEvaluator.class, "recall", "net.librec.eval.ranking.RecallEvaluator");
        accept(AUCEvaluator.class, "auc", "net.librec.eval.ranking.AUCEvaluator");

        String rating = "is a rating-prediction metric: this project ranks implicit feedback (every interaction "
                + "is a positive) and predicts no ratings; use ndcg, hitrate, mrr, precision, recall or auc";
        reject(rating, "rmse", "net.librec.eval.rating.RMSEEvaluator");
        reject(rating, "mae", "net.librec.eval.rating.MAEEvaluator");
        reject(rating, "mse", "net.librec.eval.rating.MSEEvaluator");
        reject(rating, "mpe", "net.librec.eval.rating.MPEEvaluator");
        String asMrr = "is exactly MRR@K when each user has one held-out item (1 / (r + 1) for the positive's "
                + "0-based rank r < K); use mrr (LibRec: rr)";
        reject(asMrr, "ap", "net.librec.eval.ranking.AveragePrecisionEvaluator");
        reject(asMrr, "arhr", "net.librec.eval.ranking.AverageReciprocalHitRankEvaluator");
        reject("is 1 for every user with one held-out item (it is the normalizer of NDCG, not a measure of the "
                + "model); use ndcg", "idcg", "net.librec.eval.ranking.IdealDCGEvaluator");
        reject("measures how dissimilar the recommended top-K items are by an item similarity; the sampled "
                + "candidate lists are no top-K recommendations and carry no similarity", "diversity",
                "net.librec.eval.ranking.DiversityEvaluator");
    }

    private EvaluatorClasses() {
    }

    private static void accept(Class<? extends SampledRankingEvaluator> c, String... names) {
        ACCEPTED.put(c.getName().toLowerCase(Locale.ROOT), c);
        ACCEPTED.put(c.getSimpleName().toLowerCase(Locale.ROOT), c);
        for (String n : names) {
            ACCEPTED.put(n.toLowerCase(Locale.ROOT), c);
            if (n.contains(".")) {
                ACCEPTED.putIfAbsent(n.substring(n.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT), c);
            }
        }
    }

    private static void reject(String why, String alias, String className) {
        REJECTED.put(alias, "'" + alias + "' (" + className + ") " + why);
        REJECTED.put(className.toLowerCase(Locale.ROOT), "'" + className + "' " + why);
        String simple = className.substring(className.lastIndexOf('.') + 1);
        REJECTED.put(simple.toLowerCase(Locale.ROOT), "'" + simple + "' (" + className + ") " + why);
    }

    /**
     * The evaluator classes of the given names, in order.
     *
     * @param names  the entries of rec.eval.classes
     * @param origin where rec.eval.classes was given ("job.properties:12", "-D", "default"), for messages
     * @throws ConfigException for a name that is unknown, names a metric without a meaning here (saying why),
     *                         or names the same metric as an earlier one
     */
    public static List<Class<? extends SampledRankingEvaluator>> resolve(List<String> names, String origin) {
        String where = origin + ": rec.eval.classes: ";
        List<Class<? extends SampledRankingEvaluator>> out = new ArrayList<>();
        List<String> given = new ArrayList<>();
        for (String name : names) {
            Class<? extends SampledRankingEvaluator> c = one(name, where);
            int earlier = out.indexOf(c);
            if (earlier >= 0) {
                throw new ConfigException(where + "'" + given.get(earlier) + "' and '" + name + "' are the same metric ("
                        + c.getSimpleName() + "); name each once");
            }
            out.add(c);
            given.add(name);
        }
        return out;
    }

    private static Class<? extends SampledRankingEvaluator> one(String name, String where) {
        String key = name.toLowerCase(Locale.ROOT);
        Class<? extends SampledRankingEvaluator> known = ACCEPTED.get(key);
        if (known != null) {
            return known;
        }
        String why = REJECTED.get(key);
        if (why != null) {
            throw new ConfigException(where + why);
        }
        if (name.contains(".")) {
            Class<?> c;
            try {
                c = Class.forName(name);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new ConfigException(where + "no evaluator class '" + name + "'; known: " + known());
            }
            if (SampledRankingEvaluator.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())) {
                return c.asSubclass(SampledRankingEvaluator.class);
            }
            throw new ConfigException(where + "'" + name + "' is not an evaluator of sampled candidates (a subclass of "
                    + SampledRankingEvaluator.class.getName() + "); known: " + known());
        }
        throw new ConfigException(where + "unknown evaluator '" + name + "'; known: " + known());
    }

    /**
     * The evaluator of ours that computes what a LibRec evaluator instance stands for, at the instance's own
     * cutoff. LibRec's own {@code RecommenderJob} instantiates the class behind an alias ({@code ndcg} is
     * LibRec's {@code NormalizedDCGEvaluator}, which would rank a full item list against LibRec's test
     * matrix) and hands it to {@code recommender.evaluate}; this is where it becomes ours.
     *
     * @param evaluator what LibRec's job created and set the cutoff of ({@code setTopN})
     * @return the evaluator itself when it is already one of ours, else a new one of ours with its cutoff
     * @throws UclrException for a LibRec metric without a meaning here (the same reason the launcher gives)
     *                       or an evaluator class this project does not know
     */
    public static SampledRankingEvaluator forEvaluator(RecommenderEvaluator evaluator) {
        if (evaluator instanceof SampledRankingEvaluator ours) {
            return ours;
        }
        String name = evaluator.getClass().getName();
        String why = REJECTED.get(name.toLowerCase(Locale.ROOT));
        if (why != null) {
            throw new UclrException("rec.eval.classes: " + why);
        }
        Class<? extends SampledRankingEvaluator> c = ACCEPTED.get(name.toLowerCase(Locale.ROOT));
        if (c == null || !(evaluator instanceof AbstractRecommenderEvaluator libRec)) {
            throw new UclrException("rec.eval.classes: '" + name + "' is not an evaluator of sampled candidates; known: " + known());
        }
        try {
            SampledRankingEvaluator ours = c.getDeclaredConstructor().newInstance();
            ours.setTopN(TOP_N.getInt(libRec));
            return ours;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + c.getName(), e);
        }
    }

    /**
     * LibRec's evaluators keep their cutoff in a protected field with no getter; {@link #forEvaluator} needs
     * the cutoff the job set, not a guess from the configuration.
     */
    private static final Field TOP_N;

    static {
        try {
            TOP_N = AbstractRecommenderEvaluator.class.getDeclaredField("topN");
            TOP_N.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError("LibRec's AbstractRecommenderEvaluator has no topN field: " + e);
        }
    }

    private static String known() {
        return "ndcg, hitrate (hr), mrr (rr), precision, recall, auc, or their LibRec or org.uclr.eval class names";
    }
}
