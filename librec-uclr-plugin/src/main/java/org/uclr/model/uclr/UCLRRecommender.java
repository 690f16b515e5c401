package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.uclr.config.Settings;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.AdamConfig;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.model.bprmf.BprHyperParameters;
import org.uclr.model.bprmf.BprTriples;
import org.uclr.model.bprmf.DotProduct;
import org.uclr.model.bprmf.MatrixFactorization;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * UCLR (Wang et al., WWW 2024), Algorithm 1, and its ablations ({@code uclr.variant}):
 * <ol>
 *   <li>PGE: BPR-MF over all domains gives the global user table W0 and item table I ({@code bprmf.*} keys);</li>
 *   <li>the contrastive dual-stream collaborative autoencoder on W0, with individual temperatures
 *       ({@link AutoencoderStage});</li>
 *   <li>per domain, the LoRA finetune W_d = W0 + B_d A_d ({@link LoraFinetune}).</li>
 * </ol>
 * A user is scored in domain d by the dot product of dec(enc(W_d[u])) (or W_d[u], {@code uclr.score.user})
 * with the domain's item embeddings. Writes temperatures.tsv (user, training interactions over all
 * domains, final tau) when the variant has a contrastive loss.
 */
public class UCLRRecommender extends MultiDomainRecommender {
    private BprHyperParameters pgeHp;
    UclrHyperParameters hp;
    private MatrixFactorization pge;
    private DualStreamAutoencoder autoencoder;
    private final List<DualStreamAutoencoder> domainAutoencoders = new ArrayList<>();
    private final List<UserItemScorer> scorers = new ArrayList<>();
    private final List<LoraFinetune> finetunes = new ArrayList<>();

    @Override
    protected void setup() {
        super.setup();
        pgeHp = BprHyperParameters.from(settings);
        hp = UclrHyperParameters.from(settings);
    }

    @Override
    public String runName(Settings s) {
        UclrVariant variant = s.get(UclrKeys.VARIANT);
        return variant == UclrVariant.UCLR ? "uclr"
                : "uclr-" + variant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public List<String> keyNamespaces() {
        return List.of("bprmf.", "uclr.");
    }

    @Override
    protected void trainModel() {
        trainPretrainedGlobalEmbedding();
        if (!hp.variant().hasAutoencoder()) {
            return;
        }
        Temperatures temperatures = trainAutoencoder();
        if (hp.variant().hasContrast()) {
            addOutput("temperatures.tsv", temperatureTable(temperatures));
        }
        if (hp.variant().hasFinetune()) {
            for (int d = 0; d < data.numDomains(); d++) {
                finetune(d, temperatures);
            }
        }
    }

    /** Stage 1: the global BPR-MF, early-stopped on the mean validation NDCG@10 over domains. */
    void trainPretrainedGlobalEmbedding() {
        long t0 = System.nanoTime();
        List<UserItemMatrix> trains = new ArrayList<>();
        int[] offsets = new int[data.numDomains()];
        for (int d = 0; d < data.numDomains(); d++) {
            trains.add(split.domain(d).train());
            offsets[d] = data.itemOffset(d);
            int domain = d;
            scorers.add((step, users, items) -> pge.score(users, items.add(data.itemOffset(domain))));
        }
        pge = new MatrixFactorization(engine, data.numUsers(), data.totalItems(), pgeHp, "uclr/pge");
        pge.train(new BprTriples(trains, offsets), this::validationNdcg10, "uclr/pge");
        recordStage("pge", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Stage 2: the autoencoder on W0. Afterwards each domain scores through its own copy holding the
     * weights of that domain's best validation epoch.
     */
    Temperatures trainAutoencoder() {
        long t0 = System.nanoTime();
        autoencoder = new DualStreamAutoencoder(engine, pgeHp.factors(), hp.hidden(), AdamConfig.of(hp.learningRate()),
                engine.random("uclr/ae/init"));
        AutoencoderStage stage = new AutoencoderStage(engine, hp, autoencoder,
                new Temperatures(data.numUsers(), hp.temperatures()));
        for (int d = 0; d < data.numDomains(); d++) {
            scorers.set(d, stage2Scorer(d, autoencoder));
        }
        AutoencoderStage.Result result = stage.train(pge.userTable(), data.numDomains(), this::validationNdcg10);
        domainAutoencoders.clear();
        for (int d = 0; d < data.numDomains(); d++) {
            DualStreamAutoencoder own = autoencoder.copy("uclr.ae." + data.domain(d).name(), AdamConfig.of(hp.learningRate()));
            own.restore(result.weights().get(d));
            domainAutoencoders.add(own);
            scorers.set(d, stage2Scorer(d, own));
        }
        recordStage("autoencoder", (System.nanoTime() - t0) / 1e9);
        return stage.temperatures();
    }

    private UserItemScorer stage2Scorer(int domain, DualStreamAutoencoder ae) {
        return (step, users, items) -> DotProduct.score(userVectors(step, users, ae), pge.itemTable(),
                items.add(data.itemOffset(domain)));
    }

    /** The stage-2 user vectors of a batch: dec(enc(W0[u])) or W0[u]. */
    private NDArray userVectors(NDManager step, NDArray users, DualStreamAutoencoder ae) {
        NDArray w0 = pge.userTable().get(step, new NDIndex("{}", users));
        return hp.scoring() == UserScoring.DECODED ? ae.decode(ae.encode(w0)) : w0;
    }

    /** Stage 3 for one domain. */
    void finetune(int d, Temperatures temperatures) {
        long t0 = System.nanoTime();
        String name = data.domain(d).name();
        int from = data.itemOffset(d);
        NDArray domainItems = pge.itemTable().get(new NDIndex(from + ":" + (from + data.domain(d).numItems())));
        LoraFinetune ft = new LoraFinetune(engine, hp, pgeHp.lambda(), name, pge.userTable(), domainItems,
                domainAutoencoders.get(d),
                temperatures);
        domainItems.close();
        finetunes.add(ft);
        scorers.set(d, ft::score);
        ft.train(split.domain(d).train(), () -> validationNdcg10(d));
        recordStage("finetune:" + name, (System.nanoTime() - t0) / 1e9);
    }

    private String temperatureTable(Temperatures temperatures) {
        int[] activity = split.trainActivity();
        StringBuilder sb = new StringBuilder("user\ttrain_interactions\ttau\n");
        for (int u = 0; u < data.numUsers(); u++) {
            sb.append(data.userIds()[u]).append('\t').append(activity[u]).append('\t')
                    .append(String.format(Locale.ROOT, "%.6g", temperatures.tau(u))).append('\n');
        }
        return sb.toString();
    }

    @Override
    protected NDArray scoreBatch(NDManager step, int domain, NDArray users, NDArray items) {
        return scorers.get(domain).score(step, users, items);
    }

    /** The PGE model (stage 1), for tests. */
    MatrixFactorization pretrained() {
        return pge;
    }

    /** The per-domain finetunes (stage 3), for tests. */
    List<LoraFinetune> finetunes() {
        return finetunes;
    }
}
