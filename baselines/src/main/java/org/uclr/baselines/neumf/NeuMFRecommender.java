package org.uclr.baselines.neumf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.uclr.baselines.training.EarlyStoppedTraining;
import org.uclr.baselines.training.TrainingSummary;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamConfig;
import org.uclr.model.MultiDomainRecommender;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * NeuMF (He et al., WWW 2017) as a single-domain baseline: one model per domain, trained with binary
 * cross-entropy on each positive and {@code neumf.negatives} sampled negatives, early-stopped on its
 * domain's validation NDCG@10. Trained from scratch (no GMF/MLP pretraining).
 */
public class NeuMFRecommender extends MultiDomainRecommender {
    private final List<NeuMF> perDomain = new ArrayList<>();
    private final TrainingSummary summary = new TrainingSummary();

    @Override
    protected void trainModel() {
        int factors = settings.get(NeuMFKeys.FACTORS);
        int batchSize = settings.get(NeuMFKeys.BATCH_SIZE);
        AdamConfig adam = AdamConfig.of(settings.get(NeuMFKeys.LEARN_RATE));
        for (int d = 0; d < data.numDomains(); d++) {
            long t0 = System.nanoTime();
            String label = "neumf/" + data.domain(d).name();
            UserItemMatrix train = split.domain(d).train();
            NeuMF model = new NeuMF(engine, data.numUsers(), train.numItems(), factors,
                    settings.get(NeuMFKeys.INIT_STD), adam, label);
            perDomain.add(model);
            PointwiseSamples samples = new PointwiseSamples(train, settings.get(NeuMFKeys.NEGATIVES));
            SplittableRandom rng = engine.random(label + "/batches");
            int domain = d;
            EarlyStoppedTraining.Outcome outcome = EarlyStoppedTraining.run(label, settings.get(NeuMFKeys.MAX_EPOCHS), settings.get(NeuMFKeys.PATIENCE),
                    epoch -> {
                        double sum = 0;
                        List<PointwiseSamples.Batch> batches = samples.epoch(batchSize, rng);
                        for (PointwiseSamples.Batch b : batches) {
                            sum += model.step(b);
                        }
                        return sum / Math.max(1, batches.size());
                    },
                    () -> validationNdcg10(domain), model.checkpoint());
            recordStage("train:" + data.domain(d).name(), (System.nanoTime() - t0) / 1e9);
            summary.add(label, outcome);
        }
        addOutput(TrainingSummary.FILE_NAME, summary.tsv());
    }

    @Override
    protected NDArray scoreBatch(NDManager step, int domain, NDArray users, NDArray items) {
        return perDomain.get(domain).score(users, items);
    }

    @Override
    public List<String> keyNamespaces() {
        return List.of("neumf.");
    }
}
