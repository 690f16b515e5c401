package org.uclr.model.bprmf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.uclr.config.Settings;
import org.uclr.data.UserItemMatrix;
import org.uclr.model.MultiDomainRecommender;

import java.util.ArrayList;
import java.util.List;

/**
 * BPR-MF (Rendle et al., 2009; the paper's eq. 2). {@code bprmf.mode=per-domain} trains one model per
 * domain, each early-stopped on its own validation NDCG@10: the single-domain baseline.
 * {@code bprmf.mode=global} trains one user table and one item table over all domains, negatives
 * drawn from the positive's domain, early-stopped on the mean validation NDCG@10 over domains: the
 * paper's pretrained global embedding (PGE).
 */
public class BPRMFRecommender extends MultiDomainRecommender {
    private BprHyperParameters hp;
    private BprmfMode mode;
    private final List<MatrixFactorization> perDomain = new ArrayList<>();
    private MatrixFactorization global;

    @Override
    protected void setup() {
        super.setup();
        hp = BprHyperParameters.from(settings);
        mode = settings.get(BprmfKeys.MODE);
    }

    @Override
    protected void trainModel() {
        if (mode == BprmfMode.GLOBAL) {
            global = trainGlobal();
            return;
        }
        for (int d = 0; d < data.numDomains(); d++) {
            long t0 = System.nanoTime();
            String name = data.domain(d).name();
            UserItemMatrix train = split.domain(d).train();
            MatrixFactorization mf = new MatrixFactorization(engine, data.numUsers(), train.numItems(), hp, "bprmf/" + name);
            perDomain.add(mf);
            int domain = d;
            mf.train(BprTriples.of(train), () -> validationNdcg10(domain), "bprmf/" + name);
            recordStage("train:" + name, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The global model (PGE); also the first stage of UCLR. */
    MatrixFactorization trainGlobal() {
        long t0 = System.nanoTime();
        List<UserItemMatrix> trains = new ArrayList<>();
        int[] offsets = new int[data.numDomains()];
        for (int d = 0; d < data.numDomains(); d++) {
            trains.add(split.domain(d).train());
            offsets[d] = data.itemOffset(d);
        }
        global = new MatrixFactorization(engine, data.numUsers(), data.totalItems(), hp, "bprmf/global");
        global.train(new BprTriples(trains, offsets), this::validationNdcg10, "bprmf/global");
        recordStage("train:global", (System.nanoTime() - t0) / 1e9);
        return global;
    }

    @Override
    public String runName(Settings settings) {
        return settings.get(BprmfKeys.MODE) == BprmfMode.GLOBAL ? "bprmf-global" : "bprmf";
    }

    @Override
    public List<String> keyNamespaces() {
        return List.of("bprmf.");
    }

    @Override
    protected NDArray scoreBatch(NDManager step, int domain, NDArray users, NDArray items) {
        if (mode == BprmfMode.GLOBAL) {
            return global.score(users, items.add(data.itemOffset(domain)));
        }
        return perDomain.get(domain).score(users, items);
    }
}
