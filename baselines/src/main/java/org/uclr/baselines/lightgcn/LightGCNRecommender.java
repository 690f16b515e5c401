package org.uclr.baselines.lightgcn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.uclr.baselines.training.EarlyStoppedTraining;
import org.uclr.baselines.training.TrainingSummary;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamConfig;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.model.bprmf.BprTriples;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * LightGCN (He et al., SIGIR 2020) as a single-domain baseline: one graph and one model per domain,
 * early-stopped on the domain's validation NDCG@10. Each step propagates the whole graph once
 * (O(nnz m) per layer), so an epoch costs (train interactions / batch size) propagations; the mean
 * training seconds per epoch of each domain are logged and written to training.tsv.
 */
public class LightGCNRecommender extends MultiDomainRecommender {
    private final List<LightGCN> perDomain = new ArrayList<>();
    private final TrainingSummary summary = new TrainingSummary();

    @Override
    protected void trainModel() {
        int batchSize = settings.get(LightGCNKeys.BATCH_SIZE);
        AdamConfig adam = AdamConfig.of(settings.get(LightGCNKeys.LEARN_RATE));
        for (int d = 0; d < data.numDomains(); d++) {
            long t0 = System.nanoTime();
            String name = data.domain(d).name();
            String label = "lightgcn/" + name;
            UserItemMatrix train = split.domain(d).train();
            LightGCN model = new LightGCN(engine, train, settings.get(LightGCNKeys.FACTORS),
                    settings.get(LightGCNKeys.LAYERS), settings.get(LightGCNKeys.DECAY),
                    settings.get(LightGCNKeys.INIT_STD), adam, label);
            perDomain.add(model);
            BprTriples triples = BprTriples.of(train);
            SplittableRandom rng = engine.random(label + "/batches");
            int domain = d;
            EarlyStoppedTraining.Outcome outcome = EarlyStoppedTraining.run(label,
                    settings.get(LightGCNKeys.MAX_EPOCHS), settings.get(LightGCNKeys.PATIENCE),
                    epoch -> {
                        double sum = 0;
                        List<BprTriples.Batch> batches = triples.epoch(batchSize, rng);
                        for (BprTriples.Batch b : batches) {
                            sum += model.step(b);
                        }
                        model.refresh();
                        return sum / Math.max(1, batches.size());
                    },
                    () -> validationNdcg10(domain), model.checkpoint());
            model.refresh();
            recordStage("train:" + name, (System.nanoTime() - t0) / 1e9);
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
        return List.of("lightgcn.");
    }

    @Override
    protected void cleanup() {
        perDomain.forEach(LightGCN::close);
        perDomain.clear();
        super.cleanup();
    }
}
