package org.uclr.job;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import net.librec.conf.Configuration;
import net.librec.data.DataModel;
import net.librec.eval.RecommenderEvaluator;
import net.librec.recommender.RecommenderContext;
import net.librec.util.DriverClassUtil;
import net.librec.util.ReflectionUtil;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.UclrException;
import org.uclr.config.ConfigException;
import org.uclr.config.ConfigKey;
import org.uclr.config.KeyCatalog;
import org.uclr.config.PropertiesSource;
import org.uclr.config.Settings;
import org.uclr.data.DataKeys;
import org.uclr.data.DatasetLoader;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.data.MultiDomainDataset;
import org.uclr.engine.DjlRuntime;
import org.uclr.engine.EngineKeys;
import org.uclr.eval.EvalKeys;
import org.uclr.eval.EvalProtocol;
import org.uclr.eval.EvaluatorClasses;
import org.uclr.eval.FullRanking;
import org.uclr.eval.MetricColumn;
import org.uclr.eval.EvaluationReport;
import org.uclr.eval.EvaluationReportBuilder;
import org.uclr.eval.SampledRankingEvaluator;
import org.uclr.model.ModelKeys;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.model.SavedModel;
import org.uclr.util.AtomicFiles;
import org.uclr.util.WritableDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One {@code librec rec} job, driven through LibRec's contracts: the configured {@link DataModel} is
 * built, the recommender runs its lifecycle on a {@link RecommenderContext}, and each evaluator class
 * of {@code rec.eval.classes} evaluates it at every cutoff. Outputs (candidate dump, model extras,
 * then results.json last) are each written atomically, and only after everything has succeeded.
 */
public final class RecJob {
    private static final Logger LOG = LogManager.getLogger(RecJob.class);

    private final PropertiesSource source;
    private final KeyCatalog catalog;

    public RecJob(PropertiesSource source) {
        this(source, KeyCatalog.discover());
    }

    /** The model namespaces the recommender reads, worked out on the first constraint check. */
    private List<String> readNamespaces;

    public RecJob(PropertiesSource source, KeyCatalog catalog) {
        this.source = source;
        this.catalog = catalog;
    }

    /** LibRec's configuration for these properties (LibRec's defaults underneath ours). */
    public Configuration configuration() {
        catalog.validate(source, this::reads);
        Configuration conf = new Configuration();
        source.values().forEach(conf::set);
        setIfAbsent(conf, DataKeys.MODEL_FORMAT);
        setIfAbsent(conf, DataKeys.MODEL_SPLITTER);
        setIfAbsent(conf, JobKeys.IS_RANKING);
        return conf;
    }

    private void setIfAbsent(Configuration conf, ConfigKey<?> key) {
        if (!source.values().containsKey(key.name())) {
            conf.set(key.name(), String.valueOf(key.defaultValue()));
        }
    }

    /**
     * What {@link #run()} would produce, worked out without loading data or training: the run's name,
     * output directory and effective configuration. The leaderboard compares it with an existing
     * results.json to decide whether a finished run can be reused.
     */
    public JobPlan plan() {
        Configuration conf = configuration();
        Settings s = Settings.of(conf);
        MultiDomainRecommender recommender = ReflectionUtil.newInstance(
                RecommenderClasses.resolve(s.get(JobKeys.RECOMMENDER)), conf);
        String runName = runName(recommender, s);
        long seed = s.get(EngineKeys.SEED);
        String dataset = DatasetLoader.name(s);
        if (s.get(EvalKeys.ENABLE)) {
            evaluators(s); // a name without a meaning here fails the plan, not the job after training
        }
        return new JobPlan(runName, dataset, seed, outputDir(s, dataset, runName, seed),
                effectiveConfiguration(s, recommender));
    }

    public RunResult run() {
        warnings().forEach(w -> LOG.warn("{}", w));
        Configuration conf = configuration();
        Settings s = Settings.of(conf);
        MultiDomainRecommender recommender = ReflectionUtil.newInstance(
                RecommenderClasses.resolve(s.get(JobKeys.RECOMMENDER)), conf);
        if (s.get(EvalKeys.ENABLE)) {
            evaluators(s); // a name without a meaning here fails the job before any data is loaded
        }
        Path outputDir = outputDir(s, DatasetLoader.name(s), runName(recommender, s), s.get(EngineKeys.SEED));
        WritableDirectory.check(outputDir, "output directory " + outputDir, "set rec.output.dir");
        loadSavedModel(s, recommender);

        MultiDomainDataModel dataModel = dataModel(conf, s);
        dataModel.buildDataModel();
        warnIfReplacingAnotherRun(outputDir, dataModel.dataset(), runName(recommender, s));

        RecommenderContext context = new RecommenderContext(conf, dataModel);
        long t0 = System.nanoTime();
        recommender.recommend(context);
        return finish(recommender, dataModel, s, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * What a job checks once the data model is built and before training, for a job whose recommender and data
     * model were made by someone else (LibRec's own job): the output directory can be written, an earlier run
     * there is named, and a saved model is loaded into the recommender when rec.model.load says so.
     */
    void beforeTraining(MultiDomainRecommender recommender, MultiDomainDataModel dataModel, Settings s) {
        if (s.get(EvalKeys.ENABLE)) {
            evaluators(s);
        }
        String runName = runName(recommender, s);
        Path outputDir = outputDir(s, DatasetLoader.name(s), runName, s.get(EngineKeys.SEED));
        WritableDirectory.check(outputDir, "output directory " + outputDir, "set rec.output.dir");
        warnIfReplacingAnotherRun(outputDir, dataModel.dataset(), runName);
        loadSavedModel(s, recommender);
    }

    private void loadSavedModel(Settings s, MultiDomainRecommender recommender) {
        Path loadFrom = loadFrom(s);
        if (loadFrom != null) {
            SavedModel saved = SavedModel.read(loadFrom);
            saved.checkConfiguration(effectiveConfiguration(s, recommender), loadFrom);
            recommender.load(saved, loadFrom);
        }
    }

    /**
     * Everything after {@code recommend}: the metrics of every evaluator of rec.eval.classes at every cutoff of
     * rec.eval.topn under each protocol, then the outputs (candidate dump, recommendations, model, training log,
     * model extras, results.json last; each written atomically, the earlier ones removed again if a later one
     * fails), and the result tables on stdout.
     *
     * @param recommendSeconds wall seconds of {@code recommend} (training and scoring)
     */
    RunResult finish(MultiDomainRecommender recommender, MultiDomainDataModel dataModel, Settings s, double recommendSeconds) {
        List<SampledRankingEvaluator> evaluators = s.get(EvalKeys.ENABLE) ? evaluators(s) : List.of();
        EvalProtocol protocol = s.get(EvalKeys.PROTOCOL);
        Map<String, String> configuration = effectiveConfiguration(s, recommender);
        long seed = s.get(EngineKeys.SEED);
        String runName = runName(recommender, s);
        MultiDomainDataset data = dataModel.dataset();
        Path outputDir = outputDir(s, DatasetLoader.name(s), runName, seed);
        Map<String, Double> scoring = recommender.scoringSeconds();
        double scoringSeconds = scoring.values().stream().mapToDouble(Double::doubleValue).sum();
        double trainSeconds = recommendSeconds - scoringSeconds;

        EvaluationReport report = null;
        EvaluationReport validationReport = null;
        EvaluationReport fullReport = null;
        Map<String, Double> protocolSeconds = new LinkedHashMap<>(scoring);
        if (!evaluators.isEmpty() && protocol.sampled()) {
            long t1 = System.nanoTime();
            for (RecommenderEvaluator e : evaluators) {
                double macro = recommender.evaluate(e);
                LOG.debug("{}: {}", e.getClass().getSimpleName(), macro);
            }
            EvaluationReportBuilder builder = new EvaluationReportBuilder(evaluators, s.get(EvalKeys.LOW_ACTIVITY_MAX),
                    s.get(EvalKeys.ACTIVITY_GROUPS));
            report = builder.build(recommender.testScores(), dataModel.split());
            validationReport = builder.build(recommender.validationScores(), dataModel.split());
            protocolSeconds.merge("sampled", (System.nanoTime() - t1) / 1e9, Double::sum);
        }
        if (s.get(EvalKeys.ENABLE) && protocol.full()) {
            long t1 = System.nanoTime();
            fullReport = EvaluationReportBuilder.of(MetricColumn.fullRanking(s.get(EvalKeys.TOPN)),
                    s.get(EvalKeys.LOW_ACTIVITY_MAX), s.get(EvalKeys.ACTIVITY_GROUPS))
                    .build(recommender.fullRanking().stream().map(FullRanking.Result::ranked).toList(), dataModel.split());
            protocolSeconds.merge("full", (System.nanoTime() - t1) / 1e9, Double::sum);
        }
        double evalSeconds = protocolSeconds.values().stream().mapToDouble(Double::doubleValue).sum();

        RunResult result = new RunResult(runName, recommender.getClass().getName(), data.name(), data.synthetic(),
                data.fingerprint(), seed, configuration, report, trainSeconds, evalSeconds,
                recommender.stageSeconds(), recommender.trainingOutcomes(), recommender.scoresFrom(), outputDir,
                protocol, fullReport, protocolSeconds, recommender.loadedFrom(), recommender.popularityChoices());
        // results.json last; if any write fails, the files written before it go again, so a failed
        // job never leaves a dump without its results.json
        List<Path> written = new ArrayList<>();
        try {
            Path dump = outputDir.resolve(CandidateDump.FILE_NAME);
            Path fullDump = outputDir.resolve(FullRankDump.FILE_NAME);
            if (s.get(EvalKeys.DUMP)) {
                CandidateDump.write(outputDir, data, recommender.testScores());
                written.add(dump);
            } else if (Files.deleteIfExists(dump)) {
                LOG.info("removed {} of an earlier run: it would not match the new results.json", dump);
            }
            if (s.get(EvalKeys.DUMP) && fullReport != null) {
                FullRankDump.write(outputDir, data, recommender.fullRanking());
                written.add(fullDump);
            } else if (Files.deleteIfExists(fullDump)) {
                LOG.info("removed {} of an earlier run: it would not match the new results.json", fullDump);
            }
            RecommendationList.write(outputDir, data, recommender.fullRanking());
            written.add(outputDir.resolve(RecommendationList.FILE_NAME));
            Path modelDir = outputDir.resolve(SavedModel.DIR);
            if (s.get(ModelKeys.SAVE)) {
                recommender.saveModel(modelDir, configuration);
                written.add(modelDir.resolve(SavedModel.TENSORS));
                written.add(modelDir.resolve(SavedModel.JSON));
            } else if (removeSavedModel(modelDir)) {
                LOG.info("removed the saved model {} of an earlier run: it would not match the new results.json", modelDir);
            }
            if (!recommender.trainingOutcomes().isEmpty()) {
                AtomicFiles.writeString(outputDir.resolve(TrainingLog.FILE_NAME), TrainingLog.tsv(recommender.trainingOutcomes()));
                written.add(outputDir.resolve(TrainingLog.FILE_NAME));
            }
            for (Map.Entry<String, String> extra : recommender.extraOutputs().entrySet()) {
                AtomicFiles.writeString(outputDir.resolve(extra.getKey()), extra.getValue());
                written.add(outputDir.resolve(extra.getKey()));
            }
            ResultsJson.write(outputDir, result, validationReport, runtime(s));
        } catch (IOException e) {
            throw new UclrException("cannot remove the earlier run's outputs in " + outputDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteAll(written, e);
            throw e;
        }
        if (report != null) {
            System.out.println();
            System.out.print(ResultTable.render(title(result, "1 positive vs sampled negatives"), report));
        }
        if (fullReport != null) {
            System.out.println();
            System.out.print(ResultTable.render(title(result, "full ranking: every item but the user's training "
                    + "and validation items"), fullReport));
        }
        if (!result.popularity().isEmpty()) {
            List<String> parts = new ArrayList<>();
            result.popularity().forEach((domain, c) -> parts.add(String.format(java.util.Locale.ROOT,
                    "%s b=%s (weight %.4g%s)", domain, c.gridValue(), c.weight(), c.atGridTop() ? ", top of the grid" : "")));
            System.out.println("scores include a popularity prior (" + ModelKeys.POPULARITY_GRID.name() + "): "
                    + String.join("; ", parts));
        }
        LOG.info("train {} s, evaluation {} s ({}); wrote {}", String.format("%.1f", trainSeconds),
                String.format("%.1f", evalSeconds), protocolText(protocolSeconds), outputDir.resolve(ResultsJson.FILE_NAME));
        return result;
    }

    private static String protocolText(Map<String, Double> seconds) {
        List<String> parts = new ArrayList<>();
        seconds.forEach((k, v) -> parts.add(k + " " + String.format("%.1f", v) + " s"));
        return String.join(", ", parts);
    }

    /** rec.model.load as a path, or null; a load job may not write into the directory it loads from. */
    private static Path loadFrom(Settings s) {
        String load = s.get(ModelKeys.LOAD);
        if (load.isBlank()) {
            return null;
        }
        Path from = Path.of(load);
        String out = s.get(JobKeys.OUTPUT_DIR);
        if (!out.isBlank() && Path.of(out).toAbsolutePath().normalize().equals(from.toAbsolutePath().normalize())) {
            throw new ConfigException("rec.output.dir=" + out + " is the directory rec.model.load reads: the evaluation "
                    + "would replace the results of the run that saved the model; choose another rec.output.dir");
        }
        return from;
    }

    /** Deletes an earlier run's model/ folder (the files this code writes there); whether there was one. */
    private static boolean removeSavedModel(Path modelDir) throws IOException {
        boolean any = Files.deleteIfExists(modelDir.resolve(SavedModel.TENSORS));
        any |= Files.deleteIfExists(modelDir.resolve(SavedModel.JSON));
        if (Files.isDirectory(modelDir)) {
            try (var rest = Files.list(modelDir)) {
                if (rest.findAny().isEmpty()) {
                    Files.delete(modelDir);
                }
            }
        }
        return any;
    }

    private static void deleteAll(List<Path> files, RuntimeException failure) {
        for (Path p : files) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Keys given that have no effect on this run, one line each: those the key sets' rules name (a key
     * the chosen variant or data source never reads), and keys in another model's namespace (uclr.alpha
     * on a bprmf job), which are valid keys this model never reads. {@link #run()} logs them.
     */
    public List<String> warnings() {
        List<String> out = new ArrayList<>(catalog.validate(source, this::reads));
        Settings s = Settings.of(configuration());
        MultiDomainRecommender recommender = ReflectionUtil.newInstance(
                RecommenderClasses.resolve(s.get(JobKeys.RECOMMENDER)), s.libRec());
        List<String> unread = new ArrayList<>();
        for (String key : source.values().keySet()) {
            if (isOtherModelsKey(key, recommender, s)) {
                unread.add(key + "=" + source.values().get(key) + " (" + source.origin(key) + ")");
            }
        }
        if (!unread.isEmpty()) {
            out.add(runName(recommender, s) + " does not read " + String.join(", ", unread)
                    + ": keys of other models have no effect on this run");
        }
        return out;
    }

    /**
     * A results.json of another dataset (two subsets of one folder share a name) or another model (a
     * shared rec.output.dir) is about to be replaced: say so, since its run is lost.
     */
    private static void warnIfReplacingAnotherRun(Path dir, MultiDomainDataset data, String runName) {
        Path previous = dir.resolve(ResultsJson.FILE_NAME);
        if (!Files.isRegularFile(previous)) {
            return;
        }
        try {
            var json = JsonParser.parseString(Files.readString(previous)).getAsJsonObject();
            JsonElement fp = json.get("dataset_fingerprint");
            JsonElement model = json.get("model");
            if (fp != null && !fp.getAsString().equals(data.fingerprint())) {
                LOG.warn("{} holds a run on other data (fingerprint {}, now {}); it will be replaced. "
                        + "Set data.name or rec.output.dir to keep both", previous, fp.getAsString(), data.fingerprint());
            } else if (model != null && !model.getAsString().equals(runName)) {
                LOG.warn("{} holds a run of {}; it will be replaced by {}. Set rec.output.dir to keep both", previous,
                        model.getAsString(), runName);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} is not a readable results file; it will be replaced", previous);
        }
    }

    private static String title(RunResult r, String protocol) {
        return r.model() + " on " + r.dataset() + (r.synthetic() ? " (synthetic)" : "") + ", seed " + r.seed()
                + (r.loadedFrom() != null ? " (loaded from " + r.loadedFrom() + ")" : "")
                + " -- test metrics in %, " + protocol;
    }

    private static MultiDomainDataModel dataModel(Configuration conf, Settings s) {
        String format = s.get(DataKeys.MODEL_FORMAT);
        Class<?> c;
        try {
            c = DriverClassUtil.getClass(format);
        } catch (ClassNotFoundException | NullPointerException e) {
            throw new ConfigException("data.model.format=" + format + ": no such data model class");
        }
        if (c == null || !MultiDomainDataModel.class.isAssignableFrom(c)) {
            throw new ConfigException("data.model.format=" + format + ": this project's recommenders need "
                    + MultiDomainDataModel.class.getName() + " (or a subclass)");
        }
        return (MultiDomainDataModel) ReflectionUtil.newInstance(c, conf);
    }

    /**
     * One evaluator per (cutoff, metric), cutoff-major, so columns read MRR@10 HR@10 NDCG@10 MRR@20 ...;
     * a metric without a cutoff (AUC) once, among the first cutoff's. Names are resolved (and rejected
     * with their reason) by {@link EvaluatorClasses}, before any data is loaded.
     */
    private List<SampledRankingEvaluator> evaluators(Settings s) {
        String key = EvalKeys.CLASSES.name();
        String origin = source.values().containsKey(key) ? source.origin(key).toString() : "default";
        List<Class<? extends SampledRankingEvaluator>> classes = EvaluatorClasses.resolve(s.get(EvalKeys.CLASSES), origin);
        List<SampledRankingEvaluator> out = new ArrayList<>();
        List<Integer> cutoffs = s.get(EvalKeys.TOPN);
        for (int k : cutoffs) {
            for (Class<? extends SampledRankingEvaluator> c : classes) {
                SampledRankingEvaluator e = ReflectionUtil.newInstance(c);
                if (e.metric().hasCutoff() || k == cutoffs.get(0)) {
                    e.setTopN(k);
                    out.add(e);
                }
            }
        }
        return out;
    }

    /**
     * The metric names results.json will have ("MRR@10", ..., "AUC"), worked out from the keys alone;
     * empty when evaluation is disabled. The leaderboard checks its metrics against them before training.
     */
    public List<String> metricNames() {
        Settings s = Settings.of(configuration());
        if (!s.get(EvalKeys.ENABLE)) {
            return List.of();
        }
        return evaluators(s).stream().map(EvaluationReportBuilder::metricName).toList();
    }

    /** rec.output.dir, else the standard run directory; a loaded model is evaluated into {@code <load dir>/loaded}. */
    /**
     * The run's name in its output directory, results.json and leaderboard rows: rec.run.name when set, else
     * the model's own ({@link MultiDomainRecommender#runName}).
     */
    static String runName(MultiDomainRecommender recommender, Settings s) {
        String name = s.get(JobKeys.RUN_NAME);
        return name.isBlank() ? recommender.runName(s) : name;
    }

    private static Path outputDir(Settings s, String dataset, String runName, long seed) {
        String configured = s.get(JobKeys.OUTPUT_DIR);
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        if (!s.get(ModelKeys.LOAD).isBlank()) {
            Path from = Path.of(s.get(ModelKeys.LOAD));
            Path run = SavedModel.folder(from).equals(from) && from.getFileName() != null
                    && from.getFileName().toString().equals(SavedModel.DIR) ? from.getParent() : from;
            return (run == null ? from : run).resolve(LOADED_DIR);
        }
        return Path.of("reports", "runs", dataset, runName, "seed-" + seed);
    }

    /** Where a load job writes by default, inside the run directory it loads from. */
    public static final String LOADED_DIR = "loaded";

    /**
     * Whether this job reads a key namespace: data.* and rec.* always, a model's namespace when the
     * recommender reads it ({@link MultiDomainRecommender#keyNamespaces}: UCLR reads uclr.* and its backbone's).
     * The catalog asks only after every key passed its own check, so the recommender class resolves or
     * fails with its own message; without a recommender class every namespace counts as read.
     */
    private boolean reads(String namespace) {
        if (namespace.equals("data.") || namespace.equals("rec.")) {
            return true;
        }
        if (readNamespaces == null) {
            Configuration conf = new Configuration();
            source.values().forEach(conf::set);
            Settings s = Settings.of(conf);
            String recommender = s.get(JobKeys.RECOMMENDER);
            if (recommender == null) {
                return true;
            }
            readNamespaces = ReflectionUtil.newInstance(RecommenderClasses.resolve(recommender), conf).keyNamespaces(s);
        }
        return readNamespaces.contains(namespace);
    }

    /** A valid key of a model's namespace (uclr.alpha) that this job's model does not read (on a bprmf job). */
    private boolean isOtherModelsKey(String key, MultiDomainRecommender recommender, Settings s) {
        boolean modelKey = catalog.ownedPrefixes().stream().anyMatch(key::startsWith)
                && Stream.of("data.", "rec.").noneMatch(key::startsWith);
        return modelKey && recommender.keyNamespaces(s).stream().noneMatch(key::startsWith);
    }

    /**
     * The keys given (other models' keys left out: they change nothing here, so a leaderboard given
     * {@code -D uclr.lora.rank=128} still reuses its bprmf runs) plus the defaults of data.*, rec.* and the model's
     * own namespaces.
     */
    private Map<String, String> effectiveConfiguration(Settings s, MultiDomainRecommender recommender) {
        Map<String, String> out = new TreeMap<>(source.values());
        out.keySet().removeIf(key -> isOtherModelsKey(key, recommender, s));
        List<String> prefixes = new ArrayList<>(List.of("data.", "rec."));
        prefixes.addAll(recommender.keyNamespaces(s));
        for (ConfigKey<?> k : catalog.keys()) {
            if (!k.isPattern() && k.defaultValue() != null && prefixes.stream().anyMatch(k.name()::startsWith)) {
                out.putIfAbsent(k.name(), render(k.defaultValue()));
            }
        }
        return out;
    }

    private static String render(Object value) {
        if (value instanceof Enum<?> e) {
            return ConfigKey.enumLabel(e);
        }
        if (value instanceof List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    /** The code version bin/librec passes in (git commit, "-dirty-<hash>" for uncommitted changes). */
    public static String codeVersion() {
        return System.getProperty("uclr.code.version", "unknown");
    }

    private static Map<String, Object> runtime(Settings s) {
        Map<String, Object> rt = new LinkedHashMap<>(MachineInfo.describe());
        rt.put("djl", ai.djl.engine.Engine.getDjlVersion());
        rt.put("engine", "PyTorch " + DjlRuntime.engine().getVersion());
        rt.put("device", DjlRuntime.device(s.get(EngineKeys.DEVICE)).toString());
        rt.put("peak_rss_mb", MachineInfo.peakRssMb());
        rt.put("code_version", codeVersion());
        return rt;
    }
}
