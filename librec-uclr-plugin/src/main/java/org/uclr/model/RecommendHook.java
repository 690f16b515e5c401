package org.uclr.model;

import net.librec.recommender.RecommenderContext;

/**
 * Work around every {@link MultiDomainRecommender#recommend}, done by a layer above the models (found with
 * {@link java.util.ServiceLoader}, listed in {@code META-INF/services/org.uclr.model.RecommendHook}). It exists
 * for LibRec's own job, which calls {@code recommend} and nothing of ours before or after it: the job layer
 * checks the keys before training and writes results.json after scoring there. A hook decides itself
 * whether a call concerns it.
 */
public interface RecommendHook {
    /** Before setup and training; the context's data model is built. Throwing stops the job before training. */
    void beforeTraining(MultiDomainRecommender recommender, RecommenderContext context);

    /**
     * After training and scoring ({@link MultiDomainRecommender#testScores()}, {@link MultiDomainRecommender#fullRanking()}
     * and, with {@code rec.model.save}, the kept model are available).
     *
     * @param recommendSeconds wall seconds since {@link #beforeTraining}
     */
    void afterScoring(MultiDomainRecommender recommender, RecommenderContext context, double recommendSeconds);
}
