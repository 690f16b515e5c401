package org.uclr.baselines.crossdomain;

import org.uclr.data.MultiDomainDataModel;
import org.uclr.engine.TrainingOutcome;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.testing.Fixtures;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The learning check of the cross-domain baselines on {@link PlantedClusters}, domain by domain. */
public final class PlantedLearning {
    private PlantedLearning() {
    }

    /** 10 clusters of 30 users, 20 items per cluster and domain, 8 interactions per user and domain, 2 domains. */
    public static MultiDomainDataModel data(java.util.Map<String, String> conf) {
        return Fixtures.dataModel(PlantedClusters.generate(10, 30, 20, 8, 2, 11), 3, conf);
    }

    /**
     * In every domain the stage served, the validation NDCG@10 it kept is above MostPop's by {@code margin}: knowing the
     * clusters puts the positive among ~7 in-cluster candidates (NDCG@10 near 0.5), MostPop is near random (0.045).
     */
    public static void assertEveryDomainBeatsPopularity(MultiDomainRecommender trained, MultiDomainDataModel dm,
                                                        String stage, double margin) {
        TrainingOutcome outcome = trained.trainingOutcomes().stream().filter(o -> o.label().equals(stage)).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + stage + " in " + trained.trainingOutcomes()));
        for (int k = 0; k < outcome.domains().size(); k++) {
            int d = dm.dataset().domainIndex(outcome.domains().get(k));
            double popularity = Fixtures.mostPopularNdcg10(dm.split().domain(d), dm.split().domain(d).validation());
            double model = outcome.domainValidation()[k];
            String numbers = String.format(Locale.ROOT, "%s: %s validation NDCG@10 %.4f, MostPop %.4f",
                    outcome.domains().get(k), stage, model, popularity);
            System.out.println(numbers);
            assertTrue(model > popularity + margin, numbers);
        }
    }
}
