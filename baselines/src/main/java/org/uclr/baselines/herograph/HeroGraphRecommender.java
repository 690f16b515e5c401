package org.uclr.baselines.herograph;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.uclr.baselines.crossdomain.DomainSteps;
import org.uclr.config.Settings;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.ModelArchive;
import org.uclr.engine.Trainer;
import org.uclr.model.DotProductScoring;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.model.backbone.BprTriples;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * HeroGraph (Cui et al., ORSUM @ RecSys 2020) as a multi-target cross-domain baseline: one model over
 * every domain (see {@link HeroGraph}), trained on all domains at once and early-stopped on the mean
 * validation NDCG@10 over domains. As in the authors' code, each step takes one batch from every
 * domain ({@link DomainSteps}: sizes in proportion to the domains' training interactions, so every
 * domain is seen at every step); the step's loss is the sum of the domains' BPR losses.
 */
public class HeroGraphRecommender extends MultiDomainRecommender implements DotProductScoring {
    private static final String LABEL = "herograph";

    private HeroGraph model;

    @Override
    protected void trainModel() {
        HeroGraphSettings hp = HeroGraphSettings.from(settings);
        buildModel(hp);
        List<BprTriples> triples = new ArrayList<>();
        List<SplittableRandom> streams = new ArrayList<>();
        int[] examples = new int[data.numDomains()];
        for (int d = 0; d < data.numDomains(); d++) {
            triples.add(BprTriples.of(split.domain(d).train()));
            streams.add(engine.random(LABEL + "/batches/" + data.domain(d).name()));
            examples[d] = triples.get(d).size();
        }
        int steps = DomainSteps.steps(examples, hp.batchSize());
        record(Trainer.<List<BprTriples.Batch>>of(LABEL, engine)
                .epochs(hp.epochs())
                .batches(epoch -> {
                    List<List<BprTriples.Batch>> perDomain = new ArrayList<>();
                    for (int d = 0; d < triples.size(); d++) {
                        perDomain.add(triples.get(d).epoch(DomainSteps.domainBatchSize(examples[d], steps),
                                streams.get(d)));
                    }
                    return DomainSteps.zip(perDomain);
                })
                .loss(model::loss)
                .optimizer(model.optimizer(hp.adam()))
                .checkpoint(model.checkpoint())
                .validation(validation())
                .fit());
    }

    private void buildModel(HeroGraphSettings hp) {
        List<UserItemMatrix> trains = new ArrayList<>();
        for (int d = 0; d < data.numDomains(); d++) {
            trains.add(split.domain(d).train());
        }
        model = new HeroGraph(engine, trains, hp, LABEL);
    }

    @Override
    protected void saveTrained(ModelArchive out) {
        model.save(out, LABEL);
    }

    @Override
    protected void loadTrained(ModelArchive in) {
        buildModel(HeroGraphSettings.from(settings));
        model.load(in, LABEL);
    }

    @Override
    protected NDArray scoreBatch(NDManager step, int domain, NDArray users, NDArray items) {
        return model.score(domain, users, items);
    }

    /** [e_u^d; z_u^d]: the within-domain and the attended graph representation side by side, [n, 2m]. */
    @Override
    public NDArray userVectors(NDManager step, int domain, NDArray users) {
        return model.userVectors(domain, users);
    }

    /** [e_i; z_i], [numItems, 2m]. */
    @Override
    public NDArray itemVectors(NDManager step, int domain) {
        return model.itemVectors(domain);
    }

    @Override
    public List<String> keyNamespaces(Settings settings) {
        return List.of("herograph.");
    }

    @Override
    protected void cleanup() {
        if (model != null) {
            model.close();
            model = null;
        }
        super.cleanup();
    }
}
