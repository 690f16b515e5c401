package org.uclr.baselines.lightgcn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.uclr.config.Settings;
import org.uclr.engine.ModelArchive;
import org.uclr.model.DotProductScoring;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.model.backbone.BprTriples;
import org.uclr.model.backbone.LightGCN;
import org.uclr.model.backbone.LightGCNSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * LightGCN (He et al., SIGIR 2020) as a single-domain baseline: one graph and one model per domain
 * ({@link LightGCN}, the same code UCLR pretrains with under {@code uclr.backbone=lightgcn}),
 * early-stopped on the domain's validation NDCG@10.
 */
public class LightGCNRecommender extends MultiDomainRecommender implements DotProductScoring {
    private final List<LightGCN> perDomain = new ArrayList<>();

    @Override
    protected void trainModel() {
        buildModels();
        for (int d = 0; d < data.numDomains(); d++) {
            record(perDomain.get(d).train(BprTriples.of(split.domain(d).train()), validation(d), label(d)));
        }
    }

    /** One untrained model per domain, on the domain's training graph. */
    private void buildModels() {
        LightGCNSettings hp = LightGCNSettings.from(settings);
        for (int d = 0; d < data.numDomains(); d++) {
            perDomain.add(new LightGCN(engine, split.domain(d).train(), hp, label(d)));
        }
    }

    /**
     * Domain d's model name: its random streams (initialization, batches) are named after it. A test gives it
     * UCLR's stage-1 name to show that UCLR's stage 1 on {@code uclr.backbone=lightgcn} is this baseline's
     * training when there is one domain.
     */
    protected String label(int d) {
        return "lightgcn/" + data.domain(d).name();
    }

    @Override
    protected void saveTrained(ModelArchive out) {
        for (int d = 0; d < data.numDomains(); d++) {
            perDomain.get(d).save(out, label(d));
        }
    }

    @Override
    protected void loadTrained(ModelArchive in) {
        buildModels();
        for (int d = 0; d < data.numDomains(); d++) {
            perDomain.get(d).load(in, label(d));
        }
    }

    @Override
    public NDArray userVectors(NDManager step, int domain, NDArray users) {
        return perDomain.get(domain).users().get(step, new NDIndex("{}", users));
    }

    @Override
    public NDArray itemVectors(NDManager step, int domain) {
        return perDomain.get(domain).items();
    }

    @Override
    protected NDArray scoreBatch(NDManager step, int domain, NDArray users, NDArray items) {
        return perDomain.get(domain).score(users, items);
    }

    @Override
    public List<String> keyNamespaces(Settings settings) {
        return List.of("lightgcn.");
    }

    @Override
    protected void cleanup() {
        perDomain.forEach(LightGCN::close);
        perDomain.clear();
        super.cleanup();
    }
}
