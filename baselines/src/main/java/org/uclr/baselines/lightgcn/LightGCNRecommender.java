package org.uclr.baselines.lightgcn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.uclr.config.Settings;
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
public class LightGCNRecommender extends MultiDomainRecommender {
    private final List<LightGCN> perDomain = new ArrayList<>();

    @Override
    protected void trainModel() {
        LightGCNSettings hp = LightGCNSettings.from(settings);
        for (int d = 0; d < data.numDomains(); d++) {
            String label = "lightgcn/" + data.domain(d).name();
            LightGCN model = new LightGCN(engine, split.domain(d).train(), hp, label);
            perDomain.add(model);
            record(model.train(BprTriples.of(split.domain(d).train()), validation(d), label));
        }
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
