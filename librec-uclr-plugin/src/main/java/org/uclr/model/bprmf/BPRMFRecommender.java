package org.uclr.model.bprmf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.uclr.config.Settings;
import org.uclr.engine.ModelArchive;
import org.uclr.model.DotProductScoring;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.model.backbone.BprSettings;
import org.uclr.model.backbone.BprTriples;
import org.uclr.model.backbone.MatrixFactorization;

import java.util.ArrayList;
import java.util.List;

/**
 * BPR-MF (Rendle et al., 2009; the paper's eq. 2). {@code bprmf.mode=per-domain} trains one model per
 * domain, each early-stopped on its own validation NDCG@10: the single-domain baseline.
 * {@code bprmf.mode=global} trains one user table and one item table over all domains, negatives
 * drawn from the positive's domain, early-stopped on the mean validation NDCG@10 over domains: the
 * paper's pretrained global embedding (PGE).
 */
public class BPRMFRecommender extends MultiDomainRecommender implements DotProductScoring {
    private BprSettings hp;
    private BprmfMode mode;
    private final List<MatrixFactorization> perDomain = new ArrayList<>();
    private MatrixFactorization global;

    @Override
    protected void setup() {
        super.setup();
        hp = BprSettings.from(settings, BprmfKeys.TRAINING);
        mode = settings.get(BprmfKeys.MODE);
    }

    @Override
    protected void trainModel() {
        buildModels();
        if (mode == BprmfMode.GLOBAL) {
            record(global.train(BprTriples.global(split, data), validation(), globalName()));
            return;
        }
        for (int d = 0; d < data.numDomains(); d++) {
            record(perDomain.get(d).train(BprTriples.of(split.domain(d).train()), validation(d), label(d)));
        }
    }

    /** The untrained models (initialized from their named random streams). */
    private void buildModels() {
        if (mode == BprmfMode.GLOBAL) {
            global = new MatrixFactorization(engine, data.numUsers(), data.totalItems(), hp, globalName());
            if (settings.get(BprmfKeys.USER_OFFSETS)) {
                global.withDomainOffsets(BprTriples.itemOffsets(data));
            }
            return;
        }
        for (int d = 0; d < data.numDomains(); d++) {
            perDomain.add(new MatrixFactorization(engine, data.numUsers(), split.domain(d).train().numItems(), hp,
                    label(d)));
        }
    }

    private String label(int d) {
        return "bprmf/" + data.domain(d).name();
    }

    /**
     * The global model's name: its random streams (initialization, batches) are named after it. A test
     * gives it UCLR's stage-1 name to show that UCLR's stage 1 is exactly this baseline's training.
     */
    protected String globalName() {
        return "bprmf/global";
    }

    @Override
    protected void saveTrained(ModelArchive out) {
        if (mode == BprmfMode.GLOBAL) {
            global.save(out, "bprmf/global");
        } else {
            for (int d = 0; d < data.numDomains(); d++) {
                perDomain.get(d).save(out, label(d));
            }
        }
    }

    @Override
    protected void loadTrained(ModelArchive in) {
        buildModels();
        if (mode == BprmfMode.GLOBAL) {
            global.load(in, "bprmf/global");
        } else {
            for (int d = 0; d < data.numDomains(); d++) {
                perDomain.get(d).load(in, label(d));
            }
        }
    }

    @Override
    public String runName(Settings settings) {
        return settings.get(BprmfKeys.MODE) == BprmfMode.GLOBAL ? "bprmf-global" : "bprmf";
    }

    @Override
    public List<String> keyNamespaces(Settings settings) {
        return List.of("bprmf.");
    }

    @Override
    protected NDArray scoreBatch(NDManager step, int domain, NDArray users, NDArray items) {
        if (mode == BprmfMode.GLOBAL) {
            return global.score(domain, users, items.add(data.itemOffset(domain)));
        }
        return perDomain.get(domain).score(users, items);
    }

    @Override
    public NDArray userVectors(NDManager step, int domain, NDArray users) {
        if (mode == BprmfMode.GLOBAL) {
            return global.domainUserRows(step, domain, users);
        }
        return perDomain.get(domain).users().get(step, new NDIndex("{}", users));
    }

    @Override
    public NDArray itemVectors(NDManager step, int domain) {
        if (mode == BprmfMode.GLOBAL) {
            int from = data.itemOffset(domain);
            return global.items().get(step, new NDIndex("{}:{}", from, from + data.domain(domain).numItems()));
        }
        return perDomain.get(domain).items();
    }
}
