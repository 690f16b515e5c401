package org.uclr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import net.librec.data.DataModel;
import net.librec.eval.Measure;
import net.librec.eval.RecommenderEvaluator;
import net.librec.recommender.Recommender;
import net.librec.recommender.RecommenderContext;
import net.librec.recommender.item.GenericRecommendedItem;
import net.librec.recommender.item.RecommendedItem;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.UclrException;
import org.uclr.config.Settings;
import org.uclr.data.CandidateSet;
import org.uclr.data.DomainSplit;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.data.MultiDomainDataset;
import org.uclr.data.Split;
import org.uclr.data.UserItemMatrix;
import org.uclr.engine.DjlRuntime;
import org.uclr.engine.EngineKeys;
import org.uclr.engine.ModelArchive;
import org.uclr.engine.TrainContext;
import org.uclr.engine.TrainingOutcome;
import org.uclr.engine.Validation;
import org.uclr.eval.EvaluatorClasses;
import org.uclr.eval.FullRanking;
import org.uclr.eval.NDCGEvaluator;
import org.uclr.eval.MRREvaluator;
import org.uclr.eval.RankMetric;
import org.uclr.eval.SampledRankingList;
import org.uclr.eval.ScoredCandidates;
import org.uclr.eval.ScoredDomain;
import org.uclr.eval.TopItems;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The base of every recommender in this project. It keeps LibRec's lifecycle
 * ({@code recommend(context)}: setup, trainModel, scoring, cleanup) and replaces LibRec's per-pair
 * {@code predict(user, item)} with batched candidate scoring: a subclass scores many users' candidates
 * in one tensor operation ({@link #scoreBatch}).
 *
 * <p>After training, {@code recommend} scores the sampled test candidates (handed to evaluators as a
 * {@link SampledRankingList}) and ranks every item of each domain for every user ({@link FullRanking}: the
 * full-ranking protocol and each user's top items, {@link #getRecommendedList()}). With
 * {@code rec.model.save=true} it keeps what scoring needs ({@link #saveTrained}) for {@link #saveModel};
 * after {@link #loadModel} it rebuilds the model from a saved one ({@link #loadTrained}) instead of training.
 */
public abstract class MultiDomainRecommender implements Recommender {
    /** Candidate rows scored per tensor call. */
    private static final int SCORE_ROWS_PER_CALL = 2048;

    protected final Logger log = LogManager.getLogger(getClass());

    protected RecommenderContext context;
    protected Settings settings;
    protected MultiDomainDataset data;
    protected Split split;
    protected TrainContext engine;

    private ScoredCandidates testScores;
    private ScoredCandidates validationScores;
    private final Map<String, Double> stageSeconds = new LinkedHashMap<>();
    private final List<TrainingOutcome> outcomes = new ArrayList<>();
    private final Map<String, String> scoresFrom = new LinkedHashMap<>();
    private final Map<String, String> extraOutputs = new LinkedHashMap<>();
    private final Map<String, Double> scoringSeconds = new LinkedHashMap<>();
    private List<FullRanking.Result> fullRanking;
    private ModelArchive trained;
    private SavedModel loaded;
    private Path loadedFrom;
    /** rec.score.popularity.grid's prior, set after training; null: none. */
    private PopularityPrior popularity;
    /** The choice of rec.score.popularity.grid per domain name, in domain order; empty: no grid. */
    private final Map<String, PopularityChoice> popularityChoices = new LinkedHashMap<>();

    /**
     * LibRec's entry point: train on the context's data model (or rebuild a loaded model), then score the
     * sampled test candidates and rank every item of each domain.
     */
    @Override
    public final void recommend(RecommenderContext context) {
        this.context = context;
        long start = System.nanoTime();
        HOOKS.forEach(h -> h.beforeTraining(this, context));
        try {
            setup();
            long t0 = System.nanoTime();
            if (loaded != null) {
                loaded.checkFits(getClass(), data.fingerprint(), loadedFrom);
                for (int d = 0; d < data.numDomains(); d++) {
                    String stage = loaded.archive().attributes().get(SCORES_FROM + data.domain(d).name());
                    if (stage != null) {
                        setScoresFrom(d, stage);
                    }
                }
                loadTrained(loaded.archive());
                recordStage("load", (System.nanoTime() - t0) / 1e9);
            } else {
                trainModel();
                if (stageSeconds.isEmpty() && outcomes.isEmpty()) {
                    recordStage("train", (System.nanoTime() - t0) / 1e9);
                }
            }
            choosePopularityWeights();
            long t1 = System.nanoTime();
            testScores = scoreAll(DomainSplit::test);
            validationScores = scoreAll(DomainSplit::validation);
            long t2 = System.nanoTime();
            fullRanking = rankAllItems();
            scoringSeconds.put("sampled", (t2 - t1) / 1e9);
            scoringSeconds.put("full", (System.nanoTime() - t2) / 1e9);
            if (settings.get(ModelKeys.SAVE)) {
                trained = new ModelArchive();
                saveTrained(trained);
                scoresFrom.forEach((domain, stage) -> trained.attribute(SCORES_FROM + domain, stage));
            }
            HOOKS.forEach(h -> h.afterScoring(this, context, (System.nanoTime() - start) / 1e9));
        } finally {
            cleanup();
        }
    }

    /** What the layers above do around recommend (see {@link RecommendHook}). */
    private static final List<RecommendHook> HOOKS = ServiceLoader.load(RecommendHook.class).stream()
            .map(ServiceLoader.Provider::get).toList();

    private static final String SCORES_FROM = "scores_from/";

    /** Reads settings and data; subclasses read their own keys after calling this. */
    protected void setup() {
        settings = Settings.of(context.getConf());
        DataModel model = context.getDataModel();
        if (!(model instanceof MultiDomainDataModel mdm)) {
            throw new UclrException(getClass().getSimpleName() + " needs data.model.format="
                    + MultiDomainDataModel.class.getName() + ", got " + (model == null ? "none" : model.getClass().getName()));
        }
        data = mdm.dataset();
        split = mdm.split();
        DjlRuntime.threads(settings.get(EngineKeys.THREADS));
        engine = new TrainContext(settings.get(EngineKeys.DEVICE), settings.get(EngineKeys.SEED));
    }

    /** Trains the model; log progress through {@link org.uclr.engine.TrainingProgress}. */
    protected abstract void trainModel();

    /**
     * Scores candidate items for users of one domain, in one tensor operation.
     *
     * @param step   manager for this call's arrays
     * @param domain domain index
     * @param users  [n] global user indices (int64)
     * @param items  [n, width] local item indices of the domain (int64)
     * @return [n, width] scores (float32); higher ranks first
     */
    protected abstract NDArray scoreBatch(NDManager step, int domain, NDArray users, NDArray items);

    /**
     * Puts into {@code out} everything scoring needs (tensors by name; attributes for choices such as which
     * stage scores a domain; which stage each domain scores from is added by the caller). Called after
     * training when {@code rec.model.save=true}. The default: this model cannot be saved.
     */
    protected void saveTrained(ModelArchive out) {
        throw new UclrException(getClass().getSimpleName() + " cannot save its trained model (rec.model.save)");
    }

    /**
     * Rebuilds the trained model from an archive {@link #saveTrained} filled, instead of training, so that
     * it scores exactly as it did (bit for bit on the same device and threads). Which stage scores each
     * domain ({@link #scoresFrom(int)}) is already restored when it is called.
     */
    protected void loadTrained(ModelArchive in) {
        throw new UclrException(getClass().getSimpleName() + " cannot load a saved model (rec.model.load)");
    }

    /**
     * Scores users against every item of a domain. Dot-product models ({@link DotProductScoring}) do it as
     * one matrix product; any other model through {@link #scoreBatch} with every item as a candidate.
     *
     * @param step  manager for this call's arrays
     * @param users [n] global user indices (int64)
     * @return [n, numItems] scores (float32), items in local order
     */
    protected NDArray scoreAllItems(NDManager step, int domain, NDArray users) {
        if (this instanceof DotProductScoring dot) {
            NDArray userVectors = dot.userVectors(step, domain, users);             // [n, m]
            return userVectors.matMul(dot.itemVectors(step, domain).transpose());    // [n, numItems]
        }
        return scoreEveryItemAsCandidate(step, domain, users);
    }

    /** The generic path of {@link #scoreAllItems}: scoreBatch with every item of the domain as a candidate. */
    protected final NDArray scoreEveryItemAsCandidate(NDManager step, int domain, NDArray users) {
        return scoreEveryItemAsCandidate(step, domain, users, GENERIC_PAIRS_PER_CALL);
    }

    /**
     * scoreBatch over blocks of items, at most {@code pairsPerCall} (user, item) pairs per call, each call's
     * temporaries released before the next: a model such as NeuMF makes several arrays per pair, and
     * 95 users x 87,670 Douban Books items in one call would hold tens of GB.
     *
     * @return [n, numItems] scores (float32)
     */
    protected final NDArray scoreEveryItemAsCandidate(NDManager step, int domain, NDArray users, int pairsPerCall) {
        long n = users.getShape().get(0);
        int numItems = data.domain(domain).numItems();
        int itemsPerCall = (int) Math.max(1, Math.min(numItems, pairsPerCall / Math.max(1, n)));
        NDList parts = new NDList();
        for (int from = 0; from < numItems; from += itemsPerCall) {
            int to = Math.min(numItems, from + itemsPerCall);
            try (NDManager call = step.newSubManager(); NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray items = call.arange(from, to, 1, DataType.INT64).expandDims(0).repeat(0, n); // [n, to - from]
                NDArray scores = scoreBatch(call, domain, users, items).toType(DataType.FLOAT32, false);
                NDScope.unregister(scores);
                scores.attach(step);
                parts.add(scores);
            }
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 1);
    }

    /** (user, item) pairs per scoreBatch call on the generic all-items path (about the sampled scoring's 2048 x 100). */
    private static final int GENERIC_PAIRS_PER_CALL = 1 << 16;

    /** The full-ranking pass of every domain (rank counts of test users, top items of every user). */
    private List<FullRanking.Result> rankAllItems() {
        int topK = settings.get(ModelKeys.RANKING_TOPN);
        List<FullRanking.Result> out = new ArrayList<>();
        for (int d = 0; d < data.numDomains(); d++) {
            int domain = d;
            out.add(FullRanking.rank(data.domain(d).name(), split.domain(d), topK,
                    (step, users) -> popularity == null ? scoreAllItems(step, domain, users)
                            : popularity.addToAll(step, domain, scoreAllItems(step, domain, users)), engine::newStep));
        }
        return out;
    }

    /** Releases DJL resources; subclasses that override must call super. */
    protected void cleanup() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    /** Scores one candidate set of a domain (chunked, so memory stays bounded). */
    public float[] score(int domain, CandidateSet candidates) {
        int n = candidates.size();
        int width = candidates.width();
        float[] out = new float[n * width];
        for (int start = 0; start < n; start += SCORE_ROWS_PER_CALL) {
            int rows = Math.min(SCORE_ROWS_PER_CALL, n - start);
            long[] users = new long[rows];
            long[] items = new long[rows * width];
            for (int r = 0; r < rows; r++) {
                users[r] = candidates.users()[start + r];
                for (int k = 0; k < width; k++) {
                    items[r * width + k] = candidates.candidate(start + r, k);
                }
            }
            try (NDManager step = engine.newStep()) {
                NDArray itemArray = step.create(items, new Shape(rows, width));
                NDArray s = scoreBatch(step, domain, step.create(users), itemArray);
                if (popularity != null) {
                    s = popularity.addTo(step, domain, s.toType(ai.djl.ndarray.types.DataType.FLOAT32, false), itemArray);
                }
                float[] chunk = s.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
                if (chunk.length != rows * width) {
                    throw new IllegalStateException(getClass().getSimpleName() + ".scoreBatch returned " + s.getShape()
                            + " for " + rows + " x " + width + " candidates");
                }
                System.arraycopy(chunk, 0, out, start * width, chunk.length);
            }
        }
        return out;
    }

    /**
     * {@code rec.score.popularity.grid}: after training (or loading), chooses each domain's popularity weight
     * ({@link PopularityPrior}) on validation NDCG@10, as the grid value times the population standard deviation of
     * the model's validation scores without the prior (1 when they do not vary); ties keep the earlier grid value. A domain without
     * validation users keeps no prior (WARN). The choice is logged and written to popularity.tsv. Nothing happens
     * with the default grid (0 alone).
     */
    private void choosePopularityWeights() {
        List<Double> grid = settings.get(ModelKeys.POPULARITY_GRID);
        if (grid.stream().allMatch(b -> b == 0)) {
            return;
        }
        List<UserItemMatrix> train = new ArrayList<>();
        for (int d = 0; d < data.numDomains(); d++) {
            train.add(split.domain(d).train());
        }
        long start = System.nanoTime();
        PopularityPrior prior = PopularityPrior.of(train);
        popularity = prior;
        double top = grid.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        boolean several = grid.stream().distinct().count() > 1;
        StringBuilder tsv = new StringBuilder("domain\tgrid_value\tscore_sd\tweight\tval_ndcg10\tval_ndcg10_without\n");
        for (int d = 0; d < data.numDomains(); d++) {
            String name = data.domain(d).name();
            CandidateSet c = split.domain(d).validation();
            if (c.size() == 0) {
                log.warn("[popularity] {}: no validation users, so no popularity prior ({})", name, ModelKeys.POPULARITY_GRID.name());
                continue;
            }
            double spread = populationSd(score(d, c));
            // a model whose validation scores do not vary (untrained, constant) gets the prior in its own units
            double sd = spread > 0 ? spread : 1;
            double without = validationNdcg10(d);
            double bestValue = Double.NEGATIVE_INFINITY;
            double bestB = 0;
            StringBuilder tried = new StringBuilder();
            for (double b : grid) {
                prior.setWeight(d, b * sd);
                double value = validationNdcg10(d);
                tried.append(String.format(Locale.ROOT, " %s:%.4f", b, value));
                if (value > bestValue) {
                    bestValue = value;
                    bestB = b;
                }
            }
            prior.setWeight(d, bestB * sd);
            boolean atTop = several && bestB == top && bestB > 0;
            popularityChoices.put(name, new PopularityChoice(bestB, sd, prior.weight(d), bestValue, without, atTop));
            if (atTop) {
                log.warn("[popularity] {}: the chosen grid value {} is the largest of {}={}: a larger one might do "
                        + "better on validation; extend the grid", name, bestB, ModelKeys.POPULARITY_GRID.name(), grid);
            }
            log.info("[popularity] {}: prior weight {} x score sd {} (validation NDCG@10 {}, {} without); tried{}", name,
                    bestB, String.format(Locale.ROOT, "%.4g", sd), String.format(Locale.ROOT, "%.4f", bestValue),
                    String.format(Locale.ROOT, "%.4f", without), tried);
            tsv.append(String.format(Locale.ROOT, "%s\t%s\t%.6g\t%.6g\t%.6f\t%.6f%n", name, bestB, sd, prior.weight(d),
                    bestValue, without));
        }
        addOutput("popularity.tsv", tsv.toString());
        recordStage("popularity", (System.nanoTime() - start) / 1e9);
    }

    /**
     * The choice of {@code rec.score.popularity.grid} per domain name, in domain order, once recommend has run;
     * empty when the grid is the default (0 alone). Domains without validation users are absent.
     */
    public Map<String, PopularityChoice> popularityChoices() {
        return java.util.Collections.unmodifiableMap(popularityChoices);
    }

    private static double populationSd(float[] values) {
        double mean = 0;
        for (float v : values) {
            mean += v;
        }
        mean /= Math.max(1, values.length);
        double var = 0;
        for (float v : values) {
            var += (v - mean) * (v - mean);
        }
        return Math.sqrt(var / Math.max(1, values.length));
    }

    /** Scores the chosen candidates (test or validation) of every domain. */
    protected ScoredCandidates scoreAll(Function<DomainSplit, CandidateSet> which) {
        List<ScoredDomain> scored = new ArrayList<>();
        for (int d = 0; d < data.numDomains(); d++) {
            CandidateSet c = which.apply(split.domain(d));
            scored.add(new ScoredDomain(data.domain(d).name(), c, score(d, c)));
        }
        return new ScoredCandidates(scored);
    }

    /** Mean validation NDCG@10 of one domain under the current parameters (0 without validation users). */
    protected double validationNdcg10(int domain) {
        CandidateSet c = split.domain(domain).validation();
        if (c.size() == 0) {
            return 0;
        }
        return new ScoredDomain(data.domain(domain).name(), c, score(domain, c)).rankCounts().mean(RankMetric.NDCG, 10);
    }

    /** The early-stopping signal over every domain. */
    protected Validation validation() {
        int[] all = new int[data.numDomains()];
        for (int d = 0; d < all.length; d++) {
            all[d] = d;
        }
        return validation(all);
    }

    /** The early-stopping signal over the given domains (in that order). */
    protected Validation validation(int... domains) {
        List<String> names = new ArrayList<>();
        for (int d : domains) {
            names.add(data.domain(d).name());
        }
        List<String> fixed = List.copyOf(names);
        return new Validation() {
            @Override
            public List<String> domains() {
                return fixed;
            }

            @Override
            public boolean hasUsers(int k) {
                return split.domain(domains[k]).validation().size() > 0;
            }

            @Override
            public double ndcg10(int k) {
                return validationNdcg10(domains[k]);
            }
        };
    }

    /**
     * Records what a training stage did: it goes to results.json ("training") and training.tsv, and
     * its wall time to the stage seconds. The record drops the outcome's saved parameters
     * ({@link TrainingOutcome#withoutStates()}), so they are freed once the caller is done with them.
     *
     * @return outcome itself, states included
     */
    protected TrainingOutcome record(TrainingOutcome outcome) {
        outcomes.add(outcome.withoutStates());
        recordStage(outcome.label(), outcome.trainSeconds() + outcome.validationSeconds());
        return outcome;
    }

    /** Records which stage of a multi-stage model a domain's scores come from (results.json "scores_from"). */
    protected void setScoresFrom(int domain, String stage) {
        scoresFrom.put(data.domain(domain).name(), stage);
    }

    /** The stage a domain's scores come from, or "" when the model has a single stage. */
    protected String scoresFrom(int domain) {
        return scoresFrom.getOrDefault(data.domain(domain).name(), "");
    }

    /** Per domain name, the stage its scores come from (empty for single-stage models). */
    public Map<String, String> scoresFrom() {
        return Map.copyOf(scoresFrom);
    }

    /** Every training stage's outcome, in training order. */
    public List<TrainingOutcome> trainingOutcomes() {
        return List.copyOf(outcomes);
    }

    /**
     * The run's name in output paths and tables; by default the class name without "Recommender",
     * lower case. Models with variants add them (e.g. "bprmf-global"). Callable before training,
     * so a job's output directory is known up front.
     */
    public String runName(Settings settings) {
        return getClass().getSimpleName().replace("Recommender", "").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Key prefixes this model reads (e.g. "bprmf."): their defaults are recorded in results.json as
     * part of the effective configuration.
     */
    public List<String> keyNamespaces(Settings settings) {
        return List.of();
    }

    /** Records the wall time of a training stage, reported in results.json. */
    protected void recordStage(String stage, double seconds) {
        stageSeconds.merge(stage, seconds, Double::sum);
    }

    /** Adds a file (name, text) the job writes next to results.json, e.g. UCLR's temperatures.tsv. */
    protected void addOutput(String fileName, String text) {
        extraOutputs.put(fileName, text);
    }

    public Map<String, Double> stageSeconds() {
        return Map.copyOf(stageSeconds);
    }

    public Map<String, String> extraOutputs() {
        return Map.copyOf(extraOutputs);
    }

    /** Test candidate scores of every domain; available after {@link #recommend}. */
    /**
     * Validation candidate scores of every domain with the final model; available after {@link #recommend}.
     * Choices between configurations are made on these, never on {@link #testScores}.
     */
    public ScoredCandidates validationScores() {
        if (validationScores == null) {
            throw new IllegalStateException("recommend(context) has not run");
        }
        return validationScores;
    }

    public ScoredCandidates testScores() {
        if (testScores == null) {
            throw new IllegalStateException("recommend(context) has not run");
        }
        return testScores;
    }

    /** The full-ranking pass of every domain, in dataset domain order; available after {@link #recommend}. */
    public List<FullRanking.Result> fullRanking() {
        if (fullRanking == null) {
            throw new IllegalStateException("recommend(context) has not run");
        }
        return fullRanking;
    }

    /** Wall seconds of scoring under each protocol ("sampled": the test candidates, "full": every item). */
    public Map<String, Double> scoringSeconds() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scoringSeconds));
    }

    /** The test scores as LibRec's recommended list, what evaluators receive. */
    public SampledRankingList recommendedList() {
        int[] offsets = new int[data.numDomains()];
        for (int d = 0; d < offsets.length; d++) {
            offsets[d] = data.itemOffset(d);
        }
        return new SampledRankingList(testScores(), offsets, data.numUsers());
    }

    /**
     * LibRec's evaluation call: the macro average over domains (each domain's mean over its test users) of the
     * evaluator's metric on the sampled candidate lists. A LibRec evaluator class (what LibRec's job makes of
     * {@code ndcg}, {@code hitrate}, ...) is evaluated as the equivalent one of ours at its cutoff, since LibRec's
     * own would rank a full list against a single test matrix of all domains.
     *
     * @throws org.uclr.UclrException for a metric without a meaning for sampled ranking (e.g. RMSE), saying why
     */
    @Override
    public double evaluate(RecommenderEvaluator evaluator) {
        return EvaluatorClasses.forEvaluator(evaluator).evaluate(context, recommendedList());
    }

    /** LibRec's "all evaluators" path: NDCG and reciprocal rank at 10 and 20 (LibRec has no HR measure). */
    @Override
    public Map<Measure.MeasureValue, Double> evaluateMap() {
        Map<Measure.MeasureValue, Double> out = new HashMap<>();
        for (int k : new int[]{10, 20}) {
            NDCGEvaluator ndcg = new NDCGEvaluator();
            ndcg.setTopN(k);
            MRREvaluator mrr = new MRREvaluator();
            mrr.setTopN(k);
            out.put(new Measure.MeasureValue(Measure.NDCG, k), evaluate(ndcg));
            out.put(new Measure.MeasureValue(Measure.RR, k), evaluate(mrr));
        }
        return out;
    }

    @Override
    public DataModel getDataModel() {
        return context == null ? null : context.getDataModel();
    }

    /**
     * LibRec's load: the next {@link #recommend} rebuilds the model saved in {@code filePath} (a run
     * directory or its model/ folder) instead of training.
     *
     * @throws UclrException if there is no saved model there, or it is of another class; a model trained on
     *                       other data is refused by {@code recommend}
     */
    @Override
    public void loadModel(String filePath) {
        load(SavedModel.read(Path.of(filePath)), Path.of(filePath));
    }

    /** As {@link #loadModel}, for a saved model already read (and checked against the job's configuration). */
    public void load(SavedModel saved, Path from) {
        if (!saved.modelClass().equals(getClass().getName())) {
            throw new UclrException("rec.model.load=" + from + ": the saved model is a " + saved.modelClass()
                    + ", this recommender is " + getClass().getName());
        }
        loaded = saved;
        loadedFrom = from;
    }

    /** Where the model was loaded from, or null when it was trained. */
    public Path loadedFrom() {
        return loadedFrom;
    }

    /**
     * LibRec's save: writes the model trained by the last {@link #recommend} into {@code filePath} (a folder),
     * with this recommender's explicit configuration.
     *
     * @throws IllegalStateException if {@code rec.model.save} was not true during recommend (the model's
     *                               tensors are released after scoring unless kept for saving)
     */
    @Override
    public void saveModel(String filePath) {
        saveModel(Path.of(filePath), settings.entries(""));
    }

    /** As {@link #saveModel(String)}, recording the job's effective configuration (explicit keys and defaults). */
    public void saveModel(Path dir, Map<String, String> configuration) {
        if (trained == null) {
            throw new IllegalStateException("no trained model kept: set " + ModelKeys.SAVE.name()
                    + "=true before recommend(context)");
        }
        new SavedModel(runName(settings), getClass().getName(), data.name(), data.fingerprint(),
                settings.get(EngineKeys.SEED), configuration, trained).write(dir);
    }

    /**
     * Every user's top items of every domain, best first ({@code rec.recommender.ranking.topn} per domain,
     * never one of the user's training or validation items): user ids are the raw ids, item ids are
     * qualified by domain ("books:b8812"), as in the data model's item mapping. Domain by domain, user by user.
     */
    @Override
    public List<RecommendedItem> getRecommendedList() {
        if (fullRanking == null) {
            return null;
        }
        List<RecommendedItem> out = new ArrayList<>();
        for (int d = 0; d < data.numDomains(); d++) {
            TopItems top = fullRanking.get(d).top();
            String name = data.domain(d).name();
            String[] itemIds = data.domain(d).itemIds();
            for (int u = 0; u < top.numUsers(); u++) {
                for (int r = 0; r < top.length(u); r++) {
                    out.add(new GenericRecommendedItem(data.userIds()[u], name + ":" + itemIds[top.item(u, r)],
                            top.score(u, r)));
                }
            }
        }
        return out;
    }

    /** The dataset the last {@link #recommend} ran on. */
    public MultiDomainDataset dataset() {
        return data;
    }

    @Override
    public void setContext(RecommenderContext context) {
        this.context = context;
    }

}
