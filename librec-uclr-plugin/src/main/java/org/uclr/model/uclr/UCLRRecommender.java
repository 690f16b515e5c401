package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.uclr.config.Settings;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.Checkpoint;
import org.uclr.engine.ModelArchive;
import org.uclr.engine.TrainingOutcome;
import org.uclr.model.DotProductScoring;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.model.backbone.Backbone;
import org.uclr.model.backbone.BprSettings;
import org.uclr.model.backbone.BprTriples;
import org.uclr.model.backbone.DotProduct;
import org.uclr.model.backbone.LightGCN;
import org.uclr.model.backbone.LightGCNSettings;
import org.uclr.model.backbone.MatrixFactorization;
import org.uclr.model.bprmf.BprmfKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * UCLR (Wang et al., WWW 2024), Algorithm 1, and its ablations ({@code uclr.variant}):
 * <ol>
 *   <li>stage 1, PGE: a backbone trained over all domains gives the global user table W0 and the item
 *       embeddings ({@code uclr.backbone}: BPR-MF with the bprmf.* keys, or LightGCN on the joint graph
 *       with the lightgcn.* keys; paper appendix A.4);</li>
 *   <li>stage 2, the contrastive dual-stream collaborative autoencoder on W0, with individual
 *       temperatures ({@link AutoencoderStage});</li>
 *   <li>stage 3, per domain, the LoRA finetune W_d = W0 + B_d A_d ({@link LoraFinetune}).</li>
 * </ol>
 * A user is scored in domain d by the dot product of dec(enc(W_d[u])) (or W_d[u], {@code uclr.score.user})
 * with the domain's item embeddings. With {@code uclr.keep.best.stage} (the default) each stage starts
 * from what the previous one left in each domain, and a domain keeps the stage that scores it best on
 * validation; results.json says which ("scores_from"). Writes temperatures.tsv (user, training
 * interactions over all domains, final tau) when the variant has a contrastive loss. A saved model keeps
 * the backbone and, per domain, only what its kept stage scores with.
 */
public class UCLRRecommender extends MultiDomainRecommender implements DotProductScoring {
    private static final String PGE = "pge";
    private static final String AUTOENCODER = "autoencoder";
    private static final String FINETUNE = "finetune";

    UclrHyperParameters hp;
    private Backbone backbone;
    /** Per domain: how it is scored now, the validation NDCG@10 that scoring has, and which stage it is. */
    private final List<UserItemScorer> scorers = new ArrayList<>();
    private double[] kept;
    private final List<DualStreamAutoencoder> domainAutoencoders = new ArrayList<>();
    private final List<LoraFinetune> finetunes = new ArrayList<>();

    @Override
    protected void setup() {
        super.setup();
        hp = UclrHyperParameters.from(settings);
    }

    @Override
    public String runName(Settings s) {
        UclrVariant variant = s.get(UclrKeys.VARIANT);
        String name = variant == UclrVariant.UCLR ? "uclr"
                : "uclr-" + variant.name().toLowerCase(Locale.ROOT).replace('_', '-');
        UclrBackbone kind = s.get(UclrKeys.BACKBONE);
        return kind == UclrBackbone.BPRMF ? name : name + "-" + kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public List<String> keyNamespaces(Settings s) {
        // the finetune's BPR loss reads bprmf.lambda whatever the backbone
        return s.get(UclrKeys.BACKBONE) == UclrBackbone.LIGHTGCN
                ? List.of("lightgcn.", "bprmf.lambda", "uclr.") : List.of("bprmf.", "uclr.");
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

    /** Stage 1: the backbone over all domains, early-stopped on the mean validation NDCG@10 over domains. */
    void trainPretrainedGlobalEmbedding() {
        backbone = newBackbone();
        for (int d = 0; d < data.numDomains(); d++) {
            scorers.add(pgeScorer(d));
            setScoresFrom(d, PGE);
        }
        TrainingOutcome outcome = record(backbone.train(BprTriples.global(split, data), validation(), "uclr/pge"));
        kept = outcome.domainValidation().clone();
    }

    /** Stage 1's untrained model, initialized from its named random streams. */
    private Backbone newBackbone() {
        return switch (settings.get(UclrKeys.BACKBONE)) {
            case BPRMF -> new MatrixFactorization(engine, data.numUsers(), data.totalItems(),
                    BprSettings.from(settings, BprmfKeys.TRAINING), "uclr/pge");
            case LIGHTGCN -> new LightGCN(engine, jointGraph(), LightGCNSettings.from(settings), "uclr/pge");
        };
    }

    /** Every domain's training interactions in one matrix [numUsers, totalItems], domain d's items offset. */
    private UserItemMatrix jointGraph() {
        List<UserItemMatrix> parts = new ArrayList<>();
        for (int d = 0; d < data.numDomains(); d++) {
            parts.add(split.domain(d).train());
        }
        return UserItemMatrix.concatItems(parts);
    }

    /**
     * Stage 2: the autoencoder on W0. Afterwards each domain that this stage improved scores through its
     * own copy holding the weights of that domain's best validation epoch; the others keep stage 1.
     */
    Temperatures trainAutoencoder() {
        DualStreamAutoencoder autoencoder = new DualStreamAutoencoder(engine, (int) backbone.users().getShape().get(1),
                hp.autoencoder().hidden(), engine.random("uclr/ae/init"));
        Temperatures temperatures = new Temperatures(data.numUsers(), hp.temperatures());
        AutoencoderStage stage = new AutoencoderStage(engine, hp, autoencoder, temperatures);
        List<UserItemScorer> previous = new ArrayList<>(scorers);
        for (int d = 0; d < data.numDomains(); d++) {
            scorers.set(d, stage2Scorer(d, autoencoder));
        }
        TrainingOutcome outcome = record(stage.train(backbone.users(), validation(),
                hp.keepBestStage() ? kept : null));
        Checkpoint checkpoint = stage.checkpoint();
        Checkpoint.State bestMean = checkpoint.save();
        domainAutoencoders.clear();
        for (int d = 0; d < data.numDomains(); d++) {
            checkpoint.restore(outcome.domainStates().get(d));
            DualStreamAutoencoder own = autoencoder.copy("uclr.ae." + data.domain(d).name());
            domainAutoencoders.add(own);
            if (hp.keepBestStage() && outcome.keptStartingPoint(d)) {
                scorers.set(d, previous.get(d));
            } else {
                scorers.set(d, stage2Scorer(d, own));
                setScoresFrom(d, AUTOENCODER);
                kept[d] = outcome.domainValidation()[d];
            }
        }
        checkpoint.restore(bestMean);
        return temperatures;
    }

    private boolean usesAutoencoder(int domain) {
        return scoresFrom(domain).equals(AUTOENCODER);
    }

    /** Stage 1: W0[u] . i. */
    private UserItemScorer pgeScorer(int domain) {
        return new UserItemScorer() {
            @Override
            public NDArray userVectors(NDManager step, NDArray users) {
                return backbone.users().get(step, new NDIndex("{}", users));
            }

            @Override
            public NDArray itemVectors(NDManager step) {
                return domainItems(step, domain);
            }

            @Override
            public NDArray score(NDManager step, NDArray users, NDArray items) {
                return backbone.score(users, items.add(data.itemOffset(domain)));
            }
        };
    }

    /** Stage 2: dec(enc(W0[u])) . i (or W0[u] . i, uclr.score.user=embedding). */
    private UserItemScorer stage2Scorer(int domain, DualStreamAutoencoder ae) {
        return new UserItemScorer() {
            @Override
            public NDArray userVectors(NDManager step, NDArray users) {
                return UCLRRecommender.this.userVectors(step, users, ae);
            }

            @Override
            public NDArray itemVectors(NDManager step) {
                return domainItems(step, domain);
            }

            @Override
            public NDArray score(NDManager step, NDArray users, NDArray items) {
                return DotProduct.score(userVectors(step, users), backbone.items(), items.add(data.itemOffset(domain)));
            }
        };
    }

    /** The backbone's item embeddings of one domain [numItems, m]: a view of its table. */
    private NDArray domainItems(NDManager step, int domain) {
        int from = data.itemOffset(domain);
        return backbone.items().get(step, new NDIndex("{}:{}", from, from + data.domain(domain).numItems()));
    }

    /** The stage-2 user vectors of a batch: dec(enc(W0[u])) or W0[u]. */
    private NDArray userVectors(NDManager step, NDArray users, DualStreamAutoencoder ae) {
        NDArray w0 = backbone.users().get(step, new NDIndex("{}", users));
        return hp.scoring() == UserScoring.DECODED ? ae.decode(ae.encode(w0)) : w0;
    }

    /** Stage 3 for one domain, starting from whichever stage the domain kept. */
    void finetune(int d, Temperatures temperatures) {
        String name = data.domain(d).name();
        int from = data.itemOffset(d);
        boolean decoded = usesAutoencoder(d) && hp.scoring() == UserScoring.DECODED;
        NDArray domainItems = backbone.items().get(new NDIndex(from + ":" + (from + data.domain(d).numItems())));
        LoraFinetune ft = new LoraFinetune(engine, hp, settings.get(BprmfKeys.LAMBDA), name, backbone.users(),
                domainItems, domainAutoencoders.get(d), temperatures, decoded);
        domainItems.close();
        finetunes.add(ft);
        UserItemScorer previous = scorers.get(d);
        scorers.set(d, ft);
        TrainingOutcome outcome = record(ft.train(split.domain(d).train(), validation(d),
                hp.keepBestStage() ? kept[d] : Double.NaN));
        if (hp.keepBestStage() && outcome.keptStartingPoint(0)) {
            scorers.set(d, previous);
        } else {
            setScoresFrom(d, FINETUNE);
            kept[d] = outcome.domainValidation()[0];
        }
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

    @Override
    public NDArray userVectors(NDManager step, int domain, NDArray users) {
        return scorers.get(domain).userVectors(step, users);
    }

    @Override
    public NDArray itemVectors(NDManager step, int domain) {
        return scorers.get(domain).itemVectors(step);
    }

    /** The backbone, then per domain what its kept stage scores with (the stage itself is saved by the caller). */
    @Override
    protected void saveTrained(ModelArchive out) {
        backbone.save(out, "uclr/pge");
        for (int d = 0; d < data.numDomains(); d++) {
            String prefix = "uclr/" + data.domain(d).name();
            switch (scoresFrom(d)) {
                case AUTOENCODER -> out.putAll(prefix + "/autoencoder", domainAutoencoders.get(d).parameters());
                case FINETUNE -> {
                    LoraFinetune ft = finetunes.get(d);
                    ft.save(out, prefix + "/finetune");
                    out.attribute(prefix + "/finetune/decoded", String.valueOf(ft.decodes()));
                }
                default -> {
                    // stage 1 scores the domain: the backbone is all it needs
                }
            }
        }
    }

    /** Rebuilds each domain's kept stage from a saved model, with fresh objects of the trained shapes. */
    @Override
    protected void loadTrained(ModelArchive in) {
        backbone = newBackbone();
        backbone.load(in, "uclr/pge");
        int m = (int) backbone.users().getShape().get(1);
        for (int d = 0; d < data.numDomains(); d++) {
            String name = data.domain(d).name();
            String prefix = "uclr/" + name;
            String stage = scoresFrom(d).isEmpty() ? PGE : scoresFrom(d);
            switch (stage) {
                case PGE -> scorers.add(pgeScorer(d));
                case AUTOENCODER -> {
                    DualStreamAutoencoder ae = new DualStreamAutoencoder(engine, m, hp.autoencoder().hidden(),
                            engine.random("uclr/ae/init"));
                    in.restoreAll(prefix + "/autoencoder", ae.parameters());
                    scorers.add(stage2Scorer(d, ae));
                }
                case FINETUNE -> {
                    boolean decoded = Boolean.parseBoolean(in.attribute(prefix + "/finetune/decoded"));
                    int from = data.itemOffset(d);
                    NDArray items = backbone.items().get(new NDIndex(from + ":" + (from + data.domain(d).numItems())));
                    LoraFinetune ft = new LoraFinetune(engine, hp, settings.get(BprmfKeys.LAMBDA), name, backbone.users(),
                            items, new DualStreamAutoencoder(engine, m, hp.autoencoder().hidden(),
                            engine.random("uclr/ae/init")), new Temperatures(data.numUsers(), hp.temperatures()), decoded);
                    items.close();
                    ft.load(in, prefix + "/finetune");
                    scorers.add(ft);
                }
                default -> throw new org.uclr.UclrException("the saved model scores domain '" + name + "' from stage '"
                        + stage + "', which UCLR does not have (pge, autoencoder, finetune)");
            }
        }
    }

    @Override
    protected void cleanup() {
        if (backbone != null) {
            backbone.close();
        }
        super.cleanup();
    }

    /** The stage-1 backbone, for tests. */
    Backbone pretrained() {
        return backbone;
    }

    /** The per-domain finetunes (stage 3), for tests. */
    List<LoraFinetune> finetunes() {
        return finetunes;
    }
}
