package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.uclr.config.Settings;
import org.uclr.data.CandidateSet;
import org.uclr.data.UserItemMatrix;
import org.uclr.eval.EvalKeys;
import org.uclr.eval.RankMetric;
import org.uclr.eval.ScoredDomain;
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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

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
    /** The training label of stage 1 in results.json ("training") and the logs. */
    public static final String STAGE_ONE_LABEL = "uclr/pge";
    /** Stage 1 of a domain that kept the shared candidate ({@code uclr.pge.shared.candidate}). */
    private static final String PGE_SHARED = "pge-shared";
    /** Stage 1 of a domain that kept the backbone trained on it alone ({@code uclr.domain.model=stage1}). */
    private static final String PGE_DOMAIN = "pge-domain";
    /** The stages.tsv row after routing by activity ({@code uclr.domain.model=route}). */
    private static final String ROUTE = "route";
    private static final String AUTOENCODER = "autoencoder";
    private static final String FINETUNE = "finetune";

    UclrHyperParameters hp;
    private Backbone backbone;
    /** Stage 1 without user offsets, when some domain kept it ({@code uclr.pge.shared.candidate}); else null. */
    private Backbone sharedBackbone;
    /** Names of the domains whose stage 1 is the shared candidate. */
    private final Set<String> sharedDomains = new HashSet<>();
    /** Per domain, the backbone trained on it alone where the domain kept it ({@code uclr.domain.model=stage1}), else null. */
    private final List<Backbone> domainBackbones = new ArrayList<>();
    /**
     * Per domain, with {@code uclr.domain.model=route}: the backbone trained on it alone and the routing that sends
     * the domain's active users to it, where validation chose a finite threshold; else null.
     */
    private final List<Backbone> routeModels = new ArrayList<>();
    /**
     * Per routed domain, stage 3 on its own model ({@code uclr.route.finetune}) where its early stopping kept a trained
     * epoch (with uclr.keep.best.stage, only where that beat the model alone on validation); else null (the model alone
     * scores the routed users).
     */
    private final List<LoraFinetune> routeFinetunes = new ArrayList<>();
    private final List<ActivityRouting> routes = new ArrayList<>();
    /** Per routed domain's name, its threshold t: kept after cleanup, for results.json's scores_from. */
    private final Map<String, Double> routeThresholds = new TreeMap<>();
    /** Names of the routed domains whose own model is finetuned: kept after cleanup, for results.json's scores_from. */
    private final Set<String> routeFinetuned = new HashSet<>();
    /** Per domain: how it is scored now, the validation NDCG@10 that scoring has, and which stage it is. */
    private final List<UserItemScorer> scorers = new ArrayList<>();
    private double[] kept;
    private final List<DualStreamAutoencoder> domainAutoencoders = new ArrayList<>();
    private final List<LoraFinetune> finetunes = new ArrayList<>();
    /** Per domain, stage 1's user table there: W0, or W0 + V_d with {@code bprmf.user.offsets}. */
    private final List<NDArray> domainUsers = new ArrayList<>();
    /** Per domain, how its stage-2 scorer turns user rows into vectors ({@code uclr.score.user}). */
    private final List<UserVectors> vectors = new ArrayList<>();
    private final StringBuilder stageTable = new StringBuilder(
            "stage\tdomain\tscores_from\tval_ndcg10\tval_ndcg10_low\tusers\tlow_users\tprior_weight\n");

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
        if (kind != UclrBackbone.BPRMF) {
            name += "-" + kind.name().toLowerCase(Locale.ROOT);
        }
        // a run with the per-domain model is another configuration, so it must not overwrite the paper's UCLR run
        DomainModel domainModel = s.get(UclrKeys.DOMAIN_MODEL);
        return domainModel == DomainModel.OFF ? name : name + "-" + domainModel.name().toLowerCase(Locale.ROOT);
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
        recordStageValidation(PGE);
        if (settings.get(UclrKeys.PGE_SHARED_CANDIDATE)) {
            chooseSharedCandidate();
            recordStageValidation(PGE_SHARED);
        }
        if (settings.get(UclrKeys.DOMAIN_MODEL) == DomainModel.STAGE1) {
            chooseDomainCandidates();
            recordStageValidation(PGE_DOMAIN);
        }
        Temperatures temperatures = null;
        if (hp.variant().hasAutoencoder()) {
            temperatures = trainAutoencoder();
            recordStageValidation(AUTOENCODER);
            if (hp.variant().hasContrast()) {
                addOutput("temperatures.tsv", temperatureTable(temperatures));
            }
            if (hp.variant().hasFinetune()) {
                for (int d = 0; d < data.numDomains(); d++) {
                    finetune(d, temperatures);
                }
                recordStageValidation(FINETUNE);
            }
        }
        if (settings.get(UclrKeys.DOMAIN_MODEL) == DomainModel.ROUTE) {
            routeByActivity(temperatures);
            recordStageValidation(ROUTE);
        }
        addOutput("stages.tsv", stageTable.toString());
    }

    /**
     * Appends each domain's validation NDCG@10 after a stage (stages.tsv) with the scoring each domain keeps,
     * over all its validation users and over those with at most {@code rec.eval.lowactivity.max} training
     * interactions in the domain, so stage choices can be read per domain and activity level.
     */
    private void recordStageValidation(String stage) {
        int lowMax = settings.get(EvalKeys.LOW_ACTIVITY_MAX);
        for (int d = 0; d < data.numDomains(); d++) {
            CandidateSet c = split.domain(d).validation();
            double[] ndcg = c.size() == 0 ? new double[0]
                    : new ScoredDomain(data.domain(d).name(), c, score(d, c)).rankCounts().perUser(RankMetric.NDCG, 10);
            UserItemMatrix train = split.domain(d).train();
            double all = 0;
            double low = 0;
            int lowUsers = 0;
            for (int r = 0; r < ndcg.length; r++) {
                all += ndcg[r];
                if (train.rowSize(c.users()[r]) <= lowMax) {
                    low += ndcg[r];
                    lowUsers++;
                }
            }
            String k = switch (scoresFrom(d)) {
                case AUTOENCODER -> String.valueOf(vectors.get(d).priorWeight());
                case FINETUNE -> String.valueOf(finetunes.get(d).vectors().priorWeight());
                default -> "";
            };
            stageTable.append(String.format(Locale.ROOT, "%s\t%s\t%s\t%.6f\t%.6f\t%d\t%d\t%s%n", stage,
                    data.domain(d).name(), routed(d) ? routedLabel(d) : scoresFrom(d), ndcg.length == 0 ? Double.NaN : all / ndcg.length,
                    lowUsers == 0 ? Double.NaN : low / lowUsers, ndcg.length, lowUsers,
                    hp.scoring() == UserScoring.SHRUNK ? k : ""));
        }
        log.info("[uclr] validation NDCG@10 per stage and domain:\n{}", stageTable);
    }

    /** Stage 1: the backbone over all domains, early-stopped on the mean validation NDCG@10 over domains. */
    void trainPretrainedGlobalEmbedding() {
        noDomainBackbones();
        backbone = newBackbone(settings.get(BprmfKeys.USER_OFFSETS));
        kept = trainOrLoad(backbone, settings.get(BprmfKeys.USER_OFFSETS), STAGE_ONE_LABEL);
        buildDomainUsers();
    }

    /**
     * Trains stage 1's model {@code b} over all domains (or loads it from uclr.pretrained.cache) with every
     * domain scored by it, and leaves them so.
     *
     * @return per domain, b's validation NDCG@10 (NaN: no validation users)
     */
    private double[] trainOrLoad(Backbone b, boolean userOffsets, String label) {
        scorers.clear();
        for (int d = 0; d < data.numDomains(); d++) {
            scorers.add(pgeScorer(d, b, data.itemOffset(d)));
            setScoresFrom(d, PGE);
        }
        PretrainedCache cache = pretrainedCache();
        String description = cache == null ? null
                : PretrainedCache.describe(data.fingerprint(), engine.seed(), settings, userOffsets);
        if (cache != null && cache.load(description, b)) {
            log.info("[{}] stage 1 loaded from {}", label, cache.file(description));
            double[] validation = new double[data.numDomains()];
            for (int d = 0; d < validation.length; d++) {
                validation[d] = validationOrNaN(d);
            }
            return validation;
        }
        // trained under stage 1's own name whatever the label, so its batches (a random stream named after it) and
        // hence its tables equal those of a cached or a stand-alone stage 1 with the same keys
        if (!label.equals(STAGE_ONE_LABEL)) {
            log.info("[{}] training stage 1 {} user offsets (its progress lines say uclr/pge)", label,
                    userOffsets ? "with" : "without");
        }
        TrainingOutcome outcome = record(b.train(BprTriples.global(split, data), validation(), STAGE_ONE_LABEL).withLabel(label));
        if (cache != null) {
            cache.save(description, b);
        }
        return outcome.domainValidation().clone();
    }

    /** The stage-1 cache of {@code uclr.pretrained.cache}, or null when it is off. */
    private PretrainedCache pretrainedCache() {
        String cacheDir = settings.get(UclrKeys.PRETRAINED_CACHE);
        return cacheDir.isBlank() ? null : new PretrainedCache(Path.of(cacheDir));
    }

    /**
     * {@code uclr.pge.shared.candidate}: trains stage 1 again without user offsets (one shared user vector
     * for all domains); a domain whose validation NDCG@10 is higher with it scores with it from here on (ties:
     * the offsets). The later stages then start from each domain's choice.
     */
    private void chooseSharedCandidate() {
        List<UserItemScorer> withOffsets = new ArrayList<>(scorers);
        Backbone shared = newBackbone(false);
        double[] sharedValidation = trainOrLoad(shared, false, "uclr/pge-shared");
        boolean used = false;
        for (int d = 0; d < data.numDomains(); d++) {
            boolean better = sharedValidation[d] > kept[d];
            log.info("[uclr/pge] {}: validation NDCG@10 {} with user offsets, {} with one shared user vector: keeps {}",
                    data.domain(d).name(), String.format(Locale.ROOT, "%.4f", kept[d]),
                    String.format(Locale.ROOT, "%.4f", sharedValidation[d]), better ? "the shared vector" : "the offsets");
            if (better) {
                domainUsers.get(d).close();
                domainUsers.set(d, shared.users().duplicate());
                kept[d] = sharedValidation[d];
                sharedDomains.add(data.domain(d).name());
                setScoresFrom(d, PGE_SHARED);
                used = true;
            } else {
                scorers.set(d, withOffsets.get(d));
                setScoresFrom(d, PGE);
            }
        }
        if (used) {
            sharedBackbone = shared;
        } else {
            shared.close();
        }
    }

    /**
     * {@code uclr.domain.model=stage1}: trains, for each domain, the backbone on that domain alone, as the
     * per-domain baseline does (bprmf with bprmf.mode=per-domain, or lightgcn, with the same keys and the baseline's
     * own random streams, so the same tables: UclrStageOneIsTheBaselineTest); a domain whose validation NDCG@10
     * is higher with it scores with it from here on (ties: the model over all domains), and the later stages start
     * from it. Stage 1 then never leaves a domain below that baseline on validation.
     */
    private void chooseDomainCandidates() {
        for (int d = 0; d < data.numDomains(); d++) {
            String name = data.domain(d).name();
            Backbone own = newDomainBackbone(d);
            double value = trainOrLoadDomainModel(d, own);
            boolean better = value > kept[d];
            log.info("[uclr/pge] {}: validation NDCG@10 {} over all domains, {} trained on this domain alone: keeps {}",
                    name, String.format(Locale.ROOT, "%.4f", kept[d]), String.format(Locale.ROOT, "%.4f", value),
                    better ? "the domain's own" : "the one over all domains");
            if (better) {
                domainBackbones.set(d, own);
                domainUsers.get(d).close();
                domainUsers.set(d, own.users().duplicate());
                scorers.set(d, pgeScorer(d, own, 0));
                kept[d] = value;
                sharedDomains.remove(name);
                setScoresFrom(d, PGE_DOMAIN);
            } else {
                own.close();
            }
        }
        if (sharedBackbone != null && sharedDomains.isEmpty()) {
            sharedBackbone.close();
            sharedBackbone = null;
        }
    }

    /**
     * Trains {@code own}, the backbone on domain d alone, as the per-domain baseline does (or loads it from
     * uclr.pretrained.cache), domain d scored by it meanwhile and by its previous scorer again afterwards.
     *
     * @return own's validation NDCG@10 in domain d (NaN: no validation users)
     */
    private double trainOrLoadDomainModel(int d, Backbone own) {
        String name = data.domain(d).name();
        PretrainedCache cache = pretrainedCache();
        UserItemScorer previous = scorers.get(d);
        scorers.set(d, ownScorer(own));
        try {
            String description = cache == null ? null
                    : PretrainedCache.describeDomain(data.fingerprint(), engine.seed(), settings, name);
            if (cache != null && cache.load(description, own)) {
                log.info("[uclr/domain] {}: the backbone on this domain alone loaded from {}", name, cache.file(description));
                return validationOrNaN(d);
            }
            log.info("[uclr/domain] {}: training the backbone on this domain alone (its progress lines say {})",
                    name, baselineName(d));
            double value;
            try {
                value = record(own.train(BprTriples.of(split.domain(d).train()), validation(d), baselineName(d))
                        .withLabel("uclr/domain/" + name)).domainValidation()[0];
            } catch (RuntimeException e) {
                own.close();
                throw e;
            }
            if (cache != null) {
                cache.save(description, own);
            }
            return value;
        } finally {
            scorers.set(d, previous);
        }
    }

    /** Domain d's validation NDCG@10 under its current scoring, NaN when it has no validation users. */
    private double validationOrNaN(int d) {
        return split.domain(d).validation().size() == 0 ? Double.NaN : validationNdcg10(d);
    }

    /** A backbone trained on one domain alone: its users [numUsers, m] dotted with its items [numItems_d, m]. */
    private static UserItemScorer ownScorer(Backbone own) {
        return new UserItemScorer() {
            @Override
            public NDArray userVectors(NDManager step, NDArray users) {
                return own.users().get(step, new NDIndex("{}", users));
            }

            @Override
            public NDArray itemVectors(NDManager step) {
                return own.items();
            }

            @Override
            public NDArray score(NDManager step, NDArray users, NDArray items) {
                return own.score(users, items);
            }
        };
    }

    /**
     * {@code uclr.domain.model=route}, after the last stage: per domain, trains the backbone on the domain alone
     * and sets the activity threshold t of {@code uclr.route.grid} with the best validation NDCG@10 when users
     * with more than t training interactions in the domain are scored by it (ties: the earlier grid value; the
     * default grid starts at infinity, UCLR alone). With {@code uclr.route.finetune} the domain's model first gets stage 3
     * of its own ({@link #finetuneOwn}). Writes routing.tsv (val_ndcg10_own: the domain's model as routing uses it).
     *
     * @param temperatures stage 2's temperatures (null for a variant without stage 2)
     */
    private void routeByActivity(Temperatures temperatures) {
        StringBuilder table = new StringBuilder("domain\tthreshold\tval_ndcg10_uclr\tval_ndcg10_own\tval_ndcg10_routed"
                + "\tvalidation_users\trouted_validation_users\n");
        for (int d = 0; d < data.numDomains(); d++) {
            String name = data.domain(d).name();
            double uclr = validationOrNaN(d);
            Backbone own = newDomainBackbone(d);
            double alone = trainOrLoadDomainModel(d, own);
            routeModels.set(d, own);
            if (settings.get(UclrKeys.ROUTE_FINETUNE) && hp.variant().hasFinetune()) {
                alone = finetuneOwn(d, own, temperatures, alone);
            }
            int[] activity = domainActivity(d);
            double bestT = Double.NaN;
            double best = Double.NEGATIVE_INFINITY;
            StringBuilder tried = new StringBuilder();
            for (double t : settings.get(UclrKeys.ROUTE_GRID)) {
                routes.set(d, new ActivityRouting(activity, t));
                double value = validationOrNaN(d);
                tried.append(String.format(Locale.ROOT, " t=%s:%.4f", t, value));
                if (value > best) {
                    best = value;
                    bestT = t;
                }
            }
            int[] validationUsers = split.domain(d).validation().users();
            if (Double.isNaN(bestT) || bestT == Double.POSITIVE_INFINITY) {
                routes.set(d, null);
                routeModels.set(d, null);
                routeFinetunes.set(d, null);
                own.close();
            } else {
                routes.set(d, new ActivityRouting(activity, bestT));
                routeThresholds.put(name, bestT);
                if (routeFinetunes.get(d) != null) {
                    routeFinetuned.add(name);
                }
            }
            log.info("[uclr/route] {}: t = {} (validation NDCG@10 {}; UCLR alone {}, the domain's own model alone {}, "
                            + "finetuned where uclr.route.finetune kept it); tried{}",
                    name, bestT, String.format(Locale.ROOT, "%.4f", best), String.format(Locale.ROOT, "%.4f", uclr),
                    String.format(Locale.ROOT, "%.4f", alone), tried);
            table.append(String.format(Locale.ROOT, "%s\t%s\t%.6f\t%.6f\t%.6f\t%d\t%d%n", name,
                    routed(d) ? bestT : Double.POSITIVE_INFINITY, uclr, alone,
                    best, validationUsers.length, routed(d) ? routes.get(d).routed(validationUsers) : 0));
        }
        addOutput("routing.tsv", table.toString());
    }

    /**
     * {@code uclr.route.finetune}: stage 3 on domain d's own model, as UCLR's finetune of the domain (the same keys;
     * W0 = the model's user table, its items copied), early-stopped on the domain's validation with the model alone
     * ({@code alone}) as the starting point, so it is kept only where it scores better. Its random streams are named
     * "uclr/finetune/&lt;domain&gt;/own", apart from UCLR's finetune of the domain.
     *
     * @return the validation NDCG@10 of the domain's model as routing will use it (finetuned or alone)
     */
    private double finetuneOwn(int d, Backbone own, Temperatures temperatures, double alone) {
        String name = data.domain(d).name();
        LoraFinetune ft = ownFinetune(d, own, domainAutoencoders.get(d), temperatures);
        UserItemScorer previous = scorers.get(d);
        scorers.set(d, ft);
        try {
            TrainingOutcome outcome = record(ft.train(split.domain(d).train(), validation(d),
                    hp.keepBestStage() ? alone : Double.NaN));
            if (hp.keepBestStage() && outcome.keptStartingPoint(0)) {
                log.info("[uclr/route] {}: the finetune of the domain's own model never beat it on validation: "
                        + "the model alone is kept", name);
                return alone;
            }
            routeFinetunes.set(d, ft);
            return outcome.domainValidation()[0];
        } finally {
            scorers.set(d, previous);
        }
    }

    /**
     * A stage-3 finetune of domain d's own model, fresh (trained by {@link #finetuneOwn} or loaded): the domain's BPR
     * loss alone, whatever uclr.finetune.combined.weight says, because stage 2's autoencoder and temperatures were
     * trained on stage 1's user table, not on this model's; it scores with W_d[u] itself, so the autoencoder copy the
     * finetune holds is never read.
     */
    private LoraFinetune ownFinetune(int d, Backbone own, DualStreamAutoencoder autoencoder, Temperatures temperatures) {
        return new LoraFinetune(engine, hp.withFinetune(hp.finetune().withoutCombinedLoss()), settings.get(BprmfKeys.LAMBDA),
                data.domain(d).name() + "/own", own.users(), own.items(), autoencoder, temperatures,
                UserVectors.of(UserScoring.EMBEDDING));
    }

    /** What scores domain d's routed users: the finetune of its own model where it was kept, else the model alone. */
    private UserItemScorer routeScorer(int d) {
        return routeFinetunes.get(d) != null ? routeFinetunes.get(d) : ownScorer(routeModels.get(d));
    }

    /**
     * Per domain, the stage its scores come from; a routed domain adds "+own&gt;t": users with more than t training
     * interactions there are scored by the domain's own model ("+own-finetune&gt;t": by its finetune,
     * {@code uclr.route.finetune}) (results.json "scores_from", stages.tsv).
     */
    @Override
    public Map<String, String> scoresFrom() {
        Map<String, String> out = new TreeMap<>(super.scoresFrom());
        routeThresholds.forEach((domain, t) -> out.put(domain, out.getOrDefault(domain, "")
                + (routeFinetuned.contains(domain) ? "+own-finetune>" : "+own>") + t));
        return out;
    }

    private String routedLabel(int d) {
        return scoresFrom().get(data.domain(d).name());
    }

    /** Whether some of domain d's users are scored by its own model ({@code uclr.domain.model=route}). */
    private boolean routed(int d) {
        return d < routes.size() && routes.get(d) != null;
    }

    /** No domain has its own stage 1 or routing (yet). */
    private void noDomainBackbones() {
        routeThresholds.clear();
        routeFinetuned.clear();
        closeDomainModels();
        for (int d = 0; d < data.numDomains(); d++) {
            domainBackbones.add(null);
            routeModels.add(null);
            routeFinetunes.add(null);
            routes.add(null);
        }
    }

    /** Closes the models trained on one domain alone and forgets them (not the thresholds results.json reports). */
    private void closeDomainModels() {
        Stream.concat(domainBackbones.stream(), routeModels.stream()).filter(Objects::nonNull).forEach(Backbone::close);
        domainBackbones.clear();
        routeModels.clear();
        routeFinetunes.clear();
        routes.clear();
    }

    /**
     * The per-domain baseline's name for domain d: its random streams (initialization, batches) are named after it
     * (BPRMFRecommender's and LightGCNRecommender's label of the domain).
     */
    private String baselineName(int d) {
        return settings.get(UclrKeys.BACKBONE).name().toLowerCase(Locale.ROOT) + "/" + data.domain(d).name();
    }

    /** The backbone on domain d alone, untrained: users [numUsers, m], the domain's items [numItems_d, m]. */
    private Backbone newDomainBackbone(int d) {
        UserItemMatrix train = split.domain(d).train();
        return switch (settings.get(UclrKeys.BACKBONE)) {
            case BPRMF -> new MatrixFactorization(engine, data.numUsers(), train.numItems(),
                    BprSettings.from(settings, BprmfKeys.TRAINING), baselineName(d));
            case LIGHTGCN -> new LightGCN(engine, train, LightGCNSettings.from(settings), baselineName(d));
        };
    }

    /** Whether domain d's stage 1 is the backbone trained on it alone. */
    private boolean usesOwn(int d) {
        return d < domainBackbones.size() && domainBackbones.get(d) != null;
    }

    /** Where domain d's items start in its stage-1 model's item table: 0 in its own, its offset in a joint one. */
    private int itemOffsetOf(int d) {
        return usesOwn(d) ? 0 : data.itemOffset(d);
    }

    /** Whether domain d's stage 1 is the shared candidate rather than the primary backbone. */
    private boolean usesShared(int d) {
        return sharedDomains.contains(data.domain(d).name());
    }

    /** The stage-1 model domain d scores with: its own, the shared candidate or the primary backbone. */
    private Backbone backboneOf(int d) {
        if (usesOwn(d)) {
            return domainBackbones.get(d);
        }
        return usesShared(d) ? sharedBackbone : backbone;
    }

    /** Each domain's stage-1 user table: W0 itself (shared), or a new W0 + V_d with domain offsets. */
    private void buildDomainUsers() {
        domainUsers.clear();
        for (int d = 0; d < data.numDomains(); d++) {
            domainUsers.add(hasOffsets(backboneOf(d)) ? ((MatrixFactorization) backboneOf(d)).domainUsers(d)
                    : backboneOf(d).users().duplicate());
        }
    }

    private static boolean hasOffsets(Backbone b) {
        return b instanceof MatrixFactorization mf && mf.hasDomainOffsets();
    }

    /** Stage 1's untrained model, initialized from its named random streams. */
    private Backbone newBackbone(boolean userOffsets) {
        return switch (settings.get(UclrKeys.BACKBONE)) {
            case BPRMF -> {
                MatrixFactorization mf = new MatrixFactorization(engine, data.numUsers(), data.totalItems(),
                        BprSettings.from(settings, BprmfKeys.TRAINING), "uclr/pge");
                yield userOffsets ? mf.withDomainOffsets(BprTriples.itemOffsets(data)) : mf;
            }
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
        if (hp.temperatures().personalized()) {
            temperatures.personalize(temperatureSignal(hp.temperatures().signal()));
        }
        vectors.clear();
        for (int d = 0; d < data.numDomains(); d++) {
            // shrunk scoring trains and early-stops on the decoded vectors (k = inf), then picks k below
            vectors.add(UserVectors.of(hp.scoring() == UserScoring.EMBEDDING ? UserScoring.EMBEDDING : UserScoring.DECODED));
        }
        AutoencoderStage stage = new AutoencoderStage(engine, hp, autoencoder, temperatures);
        List<UserItemScorer> previous = new ArrayList<>(scorers);
        for (int d = 0; d < data.numDomains(); d++) {
            scorers.set(d, stage2Scorer(d, autoencoder));
        }
        TrainingOutcome outcome = record(stage.train(backbone.users(), validation(),
                hp.keepBestStage() ? kept : null));
        Checkpoint checkpoint = stage.checkpoint();
        Checkpoint.State bestMean = checkpoint.save();
        ShrinkWeights offered = settings.get(UclrKeys.SHRINK_WEIGHTS);
        domainAutoencoders.clear();
        for (int d = 0; d < data.numDomains(); d++) {
            boolean improved = !(hp.keepBestStage() && outcome.keptStartingPoint(d));
            // a domain the stage did not improve may still gain from a shrunk mix: offer it the best-mean weights
            // (uclr.shrink.weights=kept; the untrained start when no epoch beat it), what the stage learned (trained),
            // or nothing (none)
            checkpoint.restore(improved || hp.scoring() != UserScoring.SHRUNK ? outcome.domainStates().get(d)
                    : offered == ShrinkWeights.TRAINED ? outcome.ownBestStates().get(d) : bestMean);
            DualStreamAutoencoder own = autoencoder.copy("uclr.ae." + data.domain(d).name());
            domainAutoencoders.add(own);
            double value = outcome.domainValidation()[d];
            if (searchesPriorWeight(hp.scoring(), improved, offered)) {
                scorers.set(d, stage2Scorer(d, own));
                int domain = d;
                value = choosePriorWeight(d, AUTOENCODER, v -> vectors.set(domain, v));
                improved = !hp.keepBestStage() || value > kept[d];
            }
            if (!improved) {
                scorers.set(d, previous.get(d));
                vectors.set(d, UserVectors.of(UserScoring.EMBEDDING));
            } else {
                scorers.set(d, stage2Scorer(d, own));
                setScoresFrom(d, AUTOENCODER);
                kept[d] = value;
            }
        }
        checkpoint.restore(bestMean);
        return temperatures;
    }

    /**
     * Whether a domain chooses a shrunk prior weight k after stage 2: with shrunk scoring, where the autoencoder beat
     * the previous stage or where uclr.shrink.weights offers it weights anyway (kept, trained; not none).
     */
    static boolean searchesPriorWeight(UserScoring scoring, boolean improved, ShrinkWeights offered) {
        return scoring == UserScoring.SHRUNK && (improved || offered != ShrinkWeights.NONE);
    }

    private boolean usesAutoencoder(int domain) {
        return scoresFrom(domain).equals(AUTOENCODER);
    }

    /**
     * Shrunk scoring: sets domain d's prior weight k to the value of {@code uclr.shrink.grid} with the best
     * validation NDCG@10 under the domain's current scorer, which reads the vectors {@code use} is given
     * (ties: the earlier grid value).
     *
     * @return that validation NDCG@10
     */
    private double choosePriorWeight(int d, String stage, Consumer<UserVectors> use) {
        int[] activity = domainActivity(d);
        double bestK = Double.NaN;
        double best = Double.NEGATIVE_INFINITY;
        StringBuilder tried = new StringBuilder();
        for (double k : hp.shrinkGrid()) {
            use.accept(UserVectors.shrunk(activity, k));
            double value = validationNdcg10(d);
            tried.append(String.format(Locale.ROOT, " k=%s:%.4f", k, value));
            if (value > best) {
                best = value;
                bestK = k;
            }
        }
        use.accept(UserVectors.shrunk(activity, bestK));
        log.info("[uclr/shrink] {} after {}: k = {} (validation NDCG@10 {}); tried{}", data.domain(d).name(), stage,
                bestK, String.format(Locale.ROOT, "%.4f", best), tried);
        return best;
    }

    /** n_u of shrunk scoring: each user's training interactions in domain d. */
    private int[] domainActivity(int d) {
        UserItemMatrix train = split.domain(d).train();
        int[] activity = new int[data.numUsers()];
        for (int u = 0; u < activity.length; u++) {
            activity[u] = train.rowSize(u);
        }
        return activity;
    }

    /** c_i of the user-dependent temperature rules: 1 + training interactions over all domains, or |W0[u]|. */
    private double[] temperatureSignal(TauSignal signal) {
        double[] c = new double[data.numUsers()];
        if (signal == TauSignal.ACTIVITY) {
            int[] activity = split.trainActivity();
            for (int u = 0; u < c.length; u++) {
                c[u] = 1.0 + activity[u];
            }
            return c;
        }
        float[] norms;
        try (NDArray n = backbone.users().norm(new int[]{1})) {
            norms = n.toFloatArray();
        }
        for (int u = 0; u < c.length; u++) {
            c[u] = Math.max(norms[u], 1e-12);
        }
        return c;
    }

    /**
     * Stage 1 with model b: W0[u] . i (with offsets: (W0[u] + V_d[u]) . i); the domain's items start at row
     * {@code from} of b's item table.
     */
    private UserItemScorer pgeScorer(int domain, Backbone b, int from) {
        return new UserItemScorer() {
            @Override
            public NDArray userVectors(NDManager step, NDArray users) {
                return domainUsers.get(domain).get(step, new NDIndex("{}", users));
            }

            @Override
            public NDArray itemVectors(NDManager step) {
                return domainItems(step, domain, b, from);
            }

            @Override
            public NDArray score(NDManager step, NDArray users, NDArray items) {
                return hasOffsets(b) ? ((MatrixFactorization) b).score(domain, users, items.add(from))
                        : b.score(users, items.add(from));
            }
        };
    }

    /** Stage 2: dec(enc(W0[u])) . i (or W0[u] . i, uclr.score.user=embedding). */
    private UserItemScorer stage2Scorer(int domain, DualStreamAutoencoder ae) {
        return new UserItemScorer() {
            @Override
            public NDArray userVectors(NDManager step, NDArray users) {
                return UCLRRecommender.this.userVectors(step, domain, users, ae);
            }

            @Override
            public NDArray itemVectors(NDManager step) {
                return domainItems(step, domain, backboneOf(domain), itemOffsetOf(domain));
            }

            @Override
            public NDArray score(NDManager step, NDArray users, NDArray items) {
                return DotProduct.score(userVectors(step, users), backboneOf(domain).items(),
                        items.add(itemOffsetOf(domain)));
            }
        };
    }

    /** Stage-1 model b's item embeddings of one domain [numItems, m], from row {@code from}: a view of its table. */
    private NDArray domainItems(NDManager step, int domain, Backbone b, int from) {
        return b.items().get(step, new NDIndex("{}:{}", from, from + data.domain(domain).numItems()));
    }

    /** The stage-2 user vectors of a batch in a domain: dec(enc(W[u])), W[u] or their shrunk mix. */
    private NDArray userVectors(NDManager step, int domain, NDArray users, DualStreamAutoencoder ae) {
        NDArray w = domainUsers.get(domain).get(step, new NDIndex("{}", users));
        return vectors.get(domain).apply(w, users.toLongArray(), ae);
    }

    /** Stage 3 for one domain, starting from whichever stage the domain kept. */
    void finetune(int d, Temperatures temperatures) {
        String name = data.domain(d).name();
        int from = itemOffsetOf(d);
        UserVectors v = usesAutoencoder(d) ? vectors.get(d) : UserVectors.of(UserScoring.EMBEDDING);
        NDArray domainItems = backboneOf(d).items().get(new NDIndex(from + ":" + (from + data.domain(d).numItems())));
        LoraFinetune ft = new LoraFinetune(engine, hp, settings.get(BprmfKeys.LAMBDA), name, domainUsers.get(d),
                domainItems, domainAutoencoders.get(d), temperatures, v);
        domainItems.close();
        finetunes.add(ft);
        UserItemScorer previous = scorers.get(d);
        scorers.set(d, ft);
        TrainingOutcome outcome = record(ft.train(split.domain(d).train(), validation(d),
                hp.keepBestStage() ? kept[d] : Double.NaN));
        if (hp.keepBestStage() && outcome.keptStartingPoint(0)) {
            scorers.set(d, previous);
            return;
        }
        setScoresFrom(d, FINETUNE);
        kept[d] = outcome.domainValidation()[0];
        if (hp.scoring() == UserScoring.SHRUNK && ft.decodes()) {
            // the grid holds the k the finetune trained with, so re-choosing cannot lower validation
            kept[d] = Math.max(kept[d], choosePriorWeight(d, FINETUNE, ft::setVectors));
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
        NDArray uclr = scorers.get(domain).score(step, users, items);
        return routed(domain) ? routes.get(domain).pick(step, users, routeScorer(domain).score(step, users, items), uclr) : uclr;
    }

    /** As the dot-product path, once per model in a routed domain, each user's row from the model that scores it. */
    @Override
    protected NDArray scoreAllItems(NDManager step, int domain, NDArray users) {
        if (!routed(domain)) {
            return super.scoreAllItems(step, domain, users);
        }
        UserItemScorer own = routeScorer(domain);
        UserItemScorer uclr = scorers.get(domain);
        NDArray ownScores = own.userVectors(step, users).matMul(own.itemVectors(step).transpose());       // [n, numItems]
        NDArray uclrScores = uclr.userVectors(step, users).matMul(uclr.itemVectors(step).transpose());   // [n, numItems]
        return routes.get(domain).pick(step, users, ownScores, uclrScores);
    }

    /**
     * @throws IllegalStateException for a routed domain ({@code uclr.domain.model=route}), whose users are scored by
     *                               two models: no one vector per user serves them all
     */
    @Override
    public NDArray userVectors(NDManager step, int domain, NDArray users) {
        requireUnrouted(domain);
        return scorers.get(domain).userVectors(step, users);
    }

    /** @throws IllegalStateException for a routed domain, as {@link #userVectors} */
    @Override
    public NDArray itemVectors(NDManager step, int domain) {
        requireUnrouted(domain);
        return scorers.get(domain).itemVectors(step);
    }

    private void requireUnrouted(int domain) {
        if (routed(domain)) {
            throw new IllegalStateException("domain '" + data.domain(domain).name() + "' is routed by activity "
                    + "(uclr.domain.model=route): two models score its users, so it has no single vector per user");
        }
    }

    /** The backbone, then per domain what its kept stage scores with (the stage itself is saved by the caller). */
    @Override
    protected void saveTrained(ModelArchive out) {
        backbone.save(out, "uclr/pge");
        if (sharedBackbone != null) {
            sharedBackbone.save(out, "uclr/" + PGE_SHARED);
        }
        for (int d = 0; d < data.numDomains(); d++) {
            String prefix = "uclr/" + data.domain(d).name();
            out.attribute(prefix + "/pge", usesOwn(d) ? PGE_DOMAIN : usesShared(d) ? PGE_SHARED : PGE);
            if (usesOwn(d)) {
                domainBackbones.get(d).save(out, prefix + "/" + PGE_DOMAIN);
            }
            if (routed(d)) {
                routeModels.get(d).save(out, prefix + "/" + ROUTE);
                out.attribute(prefix + "/" + ROUTE + "/threshold", String.valueOf(routes.get(d).threshold()));
                if (routeFinetunes.get(d) != null) {
                    routeFinetunes.get(d).save(out, prefix + "/" + ROUTE + "/" + FINETUNE);
                    out.attribute(prefix + "/" + ROUTE + "/" + FINETUNE, "true");
                }
            }
            switch (scoresFrom(d)) {
                case AUTOENCODER -> {
                    out.putAll(prefix + "/autoencoder", domainAutoencoders.get(d).parameters());
                    out.attribute(prefix + "/autoencoder/prior_weight", String.valueOf(vectors.get(d).priorWeight()));
                }
                case FINETUNE -> {
                    LoraFinetune ft = finetunes.get(d);
                    ft.save(out, prefix + "/finetune");
                    out.attribute(prefix + "/finetune/decoded", String.valueOf(ft.decodes()));
                    out.attribute(prefix + "/finetune/prior_weight", String.valueOf(ft.vectors().priorWeight()));
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
        backbone = newBackbone(settings.get(BprmfKeys.USER_OFFSETS));
        backbone.load(in, "uclr/pge");
        noDomainBackbones();
        for (int d = 0; d < data.numDomains(); d++) {
            String name = data.domain(d).name();
            String pge = in.attributes().get("uclr/" + name + "/pge");
            if (PGE_SHARED.equals(pge)) {
                sharedDomains.add(name);
            } else if (PGE_DOMAIN.equals(pge)) {
                Backbone own = newDomainBackbone(d);
                own.load(in, "uclr/" + name + "/" + PGE_DOMAIN);
                domainBackbones.set(d, own);
            }
            String threshold = in.attributes().get("uclr/" + name + "/" + ROUTE + "/threshold");
            if (threshold != null) {
                Backbone own = newDomainBackbone(d);
                own.load(in, "uclr/" + name + "/" + ROUTE);
                routeModels.set(d, own);
                routes.set(d, new ActivityRouting(domainActivity(d), Double.parseDouble(threshold)));
                routeThresholds.put(name, Double.parseDouble(threshold));
                if (Boolean.parseBoolean(in.attributes().get("uclr/" + name + "/" + ROUTE + "/" + FINETUNE))) {
                    LoraFinetune ft = ownFinetune(d, own, new DualStreamAutoencoder(engine,
                            (int) backbone.users().getShape().get(1), hp.autoencoder().hidden(),
                            engine.random("uclr/ae/init")), new Temperatures(data.numUsers(), hp.temperatures()));
                    ft.load(in, "uclr/" + name + "/" + ROUTE + "/" + FINETUNE);
                    routeFinetunes.set(d, ft);
                    routeFinetuned.add(name);
                }
            }
        }
        if (!sharedDomains.isEmpty()) {
            sharedBackbone = newBackbone(false);
            sharedBackbone.load(in, "uclr/" + PGE_SHARED);
        }
        buildDomainUsers();
        int m = (int) backbone.users().getShape().get(1);
        for (int d = 0; d < data.numDomains(); d++) {
            String name = data.domain(d).name();
            String prefix = "uclr/" + name;
            String stage = scoresFrom(d).isEmpty() ? PGE : scoresFrom(d);
            vectors.add(savedVectors(d, in.attributes().get(prefix + "/" + stage + "/prior_weight"), true));
            switch (stage) {
                case PGE, PGE_SHARED, PGE_DOMAIN -> scorers.add(pgeScorer(d, backboneOf(d), itemOffsetOf(d)));
                case AUTOENCODER -> {
                    DualStreamAutoencoder ae = new DualStreamAutoencoder(engine, m, hp.autoencoder().hidden(),
                            engine.random("uclr/ae/init"));
                    in.restoreAll(prefix + "/autoencoder", ae.parameters());
                    scorers.add(stage2Scorer(d, ae));
                }
                case FINETUNE -> {
                    boolean decoded = Boolean.parseBoolean(in.attribute(prefix + "/finetune/decoded"));
                    int from = itemOffsetOf(d);
                    NDArray items = backboneOf(d).items().get(new NDIndex(from + ":" + (from + data.domain(d).numItems())));
                    LoraFinetune ft = new LoraFinetune(engine, hp, settings.get(BprmfKeys.LAMBDA), name, domainUsers.get(d),
                            items, new DualStreamAutoencoder(engine, m, hp.autoencoder().hidden(),
                            engine.random("uclr/ae/init")), new Temperatures(data.numUsers(), hp.temperatures()),
                            savedVectors(d, in.attributes().get(prefix + "/finetune/prior_weight"), decoded));
                    items.close();
                    ft.load(in, prefix + "/finetune");
                    scorers.add(ft);
                }
                default -> throw new org.uclr.UclrException("the saved model scores domain '" + name + "' from stage '"
                        + stage + "', which UCLR does not have (pge, pge-shared, pge-domain, autoencoder, finetune)");
            }
        }
    }

    /**
     * How a loaded domain turns user rows into vectors: from the saved prior weight k (shrunk scoring), or
     * the configured scoring when the model has none (saved before shrunk scoring existed).
     */
    private UserVectors savedVectors(int d, String priorWeight, boolean decoded) {
        if (!decoded) {
            return UserVectors.of(UserScoring.EMBEDDING);
        }
        if (hp.scoring() == UserScoring.SHRUNK && priorWeight != null) {
            return UserVectors.shrunk(domainActivity(d), Double.parseDouble(priorWeight));
        }
        return UserVectors.of(hp.scoring() == UserScoring.SHRUNK ? UserScoring.DECODED : hp.scoring());
    }

    @Override
    protected void cleanup() {
        if (backbone != null) {
            backbone.close();
        }
        if (sharedBackbone != null) {
            sharedBackbone.close();
        }
        closeDomainModels();
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

    /** Each domain's autoencoder after stage 2 (the weights its scoring reads). */
    List<DualStreamAutoencoder> domainAutoencoders() {
        return domainAutoencoders;
    }
}
