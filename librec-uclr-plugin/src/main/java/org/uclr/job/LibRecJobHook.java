package org.uclr.job;

import net.librec.conf.Configuration;
import net.librec.recommender.RecommenderContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.uclr.UclrException;
import org.uclr.config.KeyCatalog;
import org.uclr.config.KeyOrigin;
import org.uclr.config.PropertiesSource;
import org.uclr.config.Settings;
import org.uclr.data.DatasetLoader;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.librec.LibRecJobs;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.model.RecommendHook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code librec rec} does around training that LibRec's own {@code RecommenderJob} (run by LibRec's
 * {@code RecDriver}) does not, done when that job is the caller: before training, the keys are checked as the
 * launcher checks them and the output directory and a saved model are handled; after scoring, the metrics under
 * each protocol are computed, the run's outputs (results.json, recommendations.tsv, training.tsv, ...) are
 * written where the output keys say, and the result tables are printed. LibRec's job then logs each evaluator
 * of rec.eval.classes at rec.recommender.ranking.topn and writes its own result file; this hook names that file
 * after the dataset (data.input.path, LibRec's folder name, means nothing to this project's data model).
 *
 * <p>Keys LibRec itself defines ({@code librec-default.properties}, a {@code librec.properties} on the classpath)
 * and this project does not are LibRec's business and not checked; every other key is checked as in a
 * configuration file, so LibRec's own defaults that contradict this project (rec.recommender.isranking=false,
 * data.model.splitter=ratio) fail before training, naming where they came from.
 */
public final class LibRecJobHook implements RecommendHook {
    private static final Logger LOG = LogManager.getLogger(LibRecJobHook.class);

    /** Set by LibRec's job itself, not by the user. */
    private static final Set<String> SET_BY_LIBREC = Set.of("rec.job.id", "data.splitter.cv.index");
    private static final String INPUT_PATH = "data.input.path";

    /** Made on first use: every recommend() of every model passes through this hook, most of them not LibRec's job's. */
    private KeyCatalog catalog;

    private synchronized KeyCatalog catalog() {
        if (catalog == null) {
            catalog = KeyCatalog.discover();
        }
        return catalog;
    }

    @Override
    public void beforeTraining(MultiDomainRecommender recommender, RecommenderContext context) {
        if (!LibRecJobs.isCaller()) {
            return;
        }
        Configuration conf = context.getConf();
        try {
            RecJob job = new RecJob(source(conf), catalog());
            job.warnings().forEach(w -> LOG.warn("{}", w));
            job.beforeTraining(recommender, dataModel(context), Settings.of(conf));
            nameResultFolder(conf);
        } catch (UclrException e) {
            LOG.error("error: {}", e.getMessage());
            throw e;
        }
    }

    @Override
    public void afterScoring(MultiDomainRecommender recommender, RecommenderContext context, double recommendSeconds) {
        if (!LibRecJobs.isCaller()) {
            return;
        }
        Configuration conf = context.getConf();
        new RecJob(source(conf), catalog()).finish(recommender, dataModel(context), Settings.of(conf), recommendSeconds);
    }

    private static MultiDomainDataModel dataModel(RecommenderContext context) {
        if (context.getDataModel() instanceof MultiDomainDataModel m) {
            return m;
        }
        throw new UclrException("data.model.format: this project's recommenders need " + MultiDomainDataModel.class.getName()
                + ", got " + (context.getDataModel() == null ? "none" : context.getDataModel().getClass().getName()));
    }

    /**
     * The keys of a LibRec configuration as a configuration file of this project would give them: LibRec's own keys
     * left out, each other key with where it came from (LibRec's default file when it holds LibRec's default value).
     */
    public PropertiesSource source(Configuration conf) {
        Map<String, String> libRecDefaults = libRecDefaults();
        PropertiesSource source = new PropertiesSource();
        Map<String, String> sorted = new TreeMap<>();
        conf.forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((key, value) -> {
            boolean ours = catalog().find(key).isPresent();
            if (SET_BY_LIBREC.contains(key) || (!ours && libRecDefaults.containsKey(key))) {
                return;
            }
            KeyOrigin origin = value.equals(libRecDefaults.get(key))
                    ? new KeyOrigin("librec-default.properties, LibRec's default", 0)
                    : new KeyOrigin("LibRec's -conf or -D", 0);
            source.put(key, value, origin);
        });
        return source;
    }

    /** LibRec's result file is dfs.result.dir/&lt;data.input.path&gt;-&lt;alias&gt;-output/&lt;alias&gt;: name it after the dataset. */
    private static void nameResultFolder(Configuration conf) {
        String name = DatasetLoader.name(Settings.of(conf));
        String given = conf.get(INPUT_PATH);
        if (given != null && !given.equals(libRecDefaults().get(INPUT_PATH)) && !given.equals(name)) {
            LOG.warn("{}={} is not read by {} (its data come from data.source and data.domain.*.path); LibRec's result "
                    + "folder is named after the dataset, {}", INPUT_PATH, given, MultiDomainDataModel.class.getSimpleName(), name);
        }
        conf.set(INPUT_PATH, name);
    }

    /** LibRec's default keys and values, as its Configuration loads them (later files override earlier ones). */
    static Map<String, String> libRecDefaults() {
        Map<String, String> out = new TreeMap<>();
        for (String resource : new String[]{"librec-default.properties", "librec.properties"}) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try (InputStream in = (loader != null ? loader : LibRecJobHook.class.getClassLoader()).getResourceAsStream(resource)) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read LibRec's " + resource + ": " + e.getMessage(), e);
            }
        }
        return out;
    }
}
