package org.uclr.baselines.neumf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.uclr.config.Settings;
import org.uclr.engine.ModelArchive;
import org.uclr.engine.Trainer;
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

    @Override
    protected void trainModel() {
        NeuMFSettings hp = NeuMFSettings.from(settings);
        buildModels(hp);
        for (int d = 0; d < data.numDomains(); d++) {
            String label = label(d);
            NeuMF model = perDomain.get(d);
            PointwiseSamples samples = new PointwiseSamples(split.domain(d).train(), hp.negatives());
            SplittableRandom rng = engine.random(label + "/batches");
            record(Trainer.<PointwiseSamples.Batch>of(label, engine)
                    .epochs(hp.epochs())
                    .batches(epoch -> samples.epoch(hp.batchSize(), rng))
                    .loss(model::loss)
                    .optimizer(model.optimizer(hp.adam()))
                    .checkpoint(model.checkpoint())
                    .validation(validation(d))
                    .fit());
        }
    }

    /** One untrained model per domain (initialized from its named random streams). */
    private void buildModels(NeuMFSettings hp) {
        for (int d = 0; d < data.numDomains(); d++) {
            perDomain.add(new NeuMF(engine, data.numUsers(), split.domain(d).train().numItems(), hp.factors(),
                    hp.initStd(), label(d)));
        }
    }

    private String label(int d) {
        return "neumf/" + data.domain(d).name();
    }

    @Override
    protected void saveTrained(ModelArchive out) {
        for (int d = 0; d < data.numDomains(); d++) {
            perDomain.get(d).save(out, label(d));
        }
    }

    @Override
    protected void loadTrained(ModelArchive in) {
        buildModels(NeuMFSettings.from(settings));
        for (int d = 0; d < data.numDomains(); d++) {
            perDomain.get(d).load(in, label(d));
        }
    }

    /** NeuMF's own all-items path: the GMF term and the tower's first layer factored into user and item parts. */
    @Override
    protected NDArray scoreAllItems(NDManager step, int domain, NDArray users) {
        return perDomain.get(domain).scoreAllItems(step, users);
    }

    @Override
    protected NDArray scoreBatch(NDManager step, int domain, NDArray users, NDArray items) {
        return perDomain.get(domain).score(users, items);
    }

    @Override
    public List<String> keyNamespaces(Settings settings) {
        return List.of("neumf.");
    }
}
