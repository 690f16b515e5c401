package org.uclr.job;

import net.librec.conf.Configuration;
import net.librec.job.RecommenderJob;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.config.ConfigException;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.eval.RankMetric;
import org.uclr.eval.SampledRankingEvaluator;
import org.uclr.model.bprmf.BPRMFRecommender;
import org.uclr.testing.LogCapture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LibRec's own {@link RecommenderJob} drives our data model, BPRMF and our evaluators end to end. */
public class LibRecJobTest {
    /** What LibRec's job handed to the evaluators. */
    static final List<String> EVALUATED = new ArrayList<>();

    /** NDCG that records each value LibRec's job obtains through {@code recommender.evaluate(evaluator)}. */
    public static final class RecordingNdcg extends SampledRankingEvaluator {
        @Override
        public RankMetric metric() {
            return RankMetric.NDCG;
        }

        @Override
        public double evaluate(net.librec.recommender.RecommenderContext context,
                               net.librec.recommender.item.RecommendedList list) {
            double v = super.evaluate(context, list);
            EVALUATED.add(topN() + ":" + v);
            return v;
        }
    }

    @TempDir
    Path dir;

    @BeforeEach
    void clear() {
        EVALUATED.clear();
    }

    private Configuration conf(String splitter) {
        Configuration conf = new Configuration(); // with LibRec's defaults underneath
        conf.set("data.model.format", MultiDomainDataModel.class.getName());
        conf.set("data.model.splitter", splitter);
        conf.set("rec.recommender.class", BPRMFRecommender.class.getName());
        conf.set("rec.eval.enable", "true");
        conf.set("rec.eval.classes", RecordingNdcg.class.getName());
        conf.set("rec.recommender.ranking.topn", "10");
        conf.set("rec.random.seed", "4");
        conf.set("rec.device", "cpu");
        conf.set("data.source", "synthetic");
        conf.set("data.synthetic.scale", "0.1");
        conf.set("data.split.dir", dir.resolve("splits").toString());
        conf.set("dfs.result.dir", dir.resolve("result").toString());
        conf.set("rec.recommender.isranking", "true"); // LibRec's default is false (rating prediction)
        conf.set("rec.output.dir", dir.resolve("run").toString());
        conf.set("bprmf.factors", "32");
        conf.set("bprmf.learn.rate", "0.01");
        conf.set("bprmf.batch.size", "512");
        conf.set("bprmf.epochs.max", "15");
        return conf;
    }

    private long splitFiles() throws IOException {
        Path splits = dir.resolve("splits");
        if (!Files.exists(splits)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(splits)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void recommenderJobWithTheTestsetAliasTrainsAndEvaluatesThroughOurDataModel() throws Exception {
        new RecommenderJob(conf("testset")).runJob();
        assertEquals(1, splitFiles(), "our data model made and stored the leave-one-out split");
        // our outputs first (rec.eval.topn = 10, 20), then LibRec's own evaluator call, at rec.recommender.ranking.topn
        assertEquals(List.of("10", "20", "10"), EVALUATED.stream().map(e -> e.split(":")[0]).toList(), EVALUATED.toString());
        double libRecs = Double.parseDouble(EVALUATED.get(2).split(":")[1]);
        // random scores give 0.0454 in expectation; BPRMF on the synthetic data does far better
        assertTrue(libRecs > 0.07, "NDCG@10 " + libRecs);

        // results.json is written where rec.output.dir says, with the value LibRec's job logs as its macro NDCG@10
        JsonObject results = JsonParser.parseString(Files.readString(dir.resolve("run/results.json"))).getAsJsonObject();
        assertEquals(libRecs, results.getAsJsonObject("macro").get("NDCG@10").getAsDouble(), 1e-15);
        assertEquals(3, results.getAsJsonArray("domains").size());
        assertTrue(Files.isRegularFile(dir.resolve("run/recommendations.tsv")));

        // LibRec's own writer saved the model's recommendation lists: 10 per user and domain,
        // in a folder named after the dataset, not after LibRec's data.input.path
        List<String> lines = Files.readAllLines(dir.resolve("result/synthetic-small-x0.1-bprmf-output/bprmf"));
        assertEquals(3 * 200 * 10, lines.size());
        assertTrue(lines.get(0).matches("u\\d+,books:b\\d+,-?[0-9.E-]+"), lines.get(0));
    }

    @Test
    void libRecsOwnDefaultsThatContradictThisProjectFailBeforeTrainingNamingWhereTheyCameFrom() {
        Configuration conf = conf("testset");
        conf.set("rec.recommender.isranking", "false"); // what librec-default.properties gives when a conf omits it
        ConfigException e = assertThrows(ConfigException.class, () -> new RecommenderJob(conf).runJob());
        assertTrue(e.getMessage().startsWith("rec.recommender.isranking=false (librec-default.properties, LibRec's "
                + "default): this project only ranks"), e.getMessage());
        assertEquals(List.of(), EVALUATED);
        assertFalse(Files.exists(dir.resolve("run")), "nothing trained, nothing written");
    }

    @Test
    void aRatioOrCrossValidationSplitterIsRefusedRatherThanIgnored() {
        for (String splitter : List.of("ratio", "kcv")) {
            ConfigException e = assertThrows(ConfigException.class, () -> new RecommenderJob(conf(splitter)).runJob());
            assertTrue(e.getMessage().contains("data.model.splitter"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("run")));
    }

    @Test
    void aKeyThisProjectDoesNotKnowIsAnErrorUnderLibRecsJobToo() {
        Configuration conf = conf("testset");
        conf.set("bprmf.learnrate", "0.1");
        ConfigException e = assertThrows(ConfigException.class, () -> new RecommenderJob(conf).runJob());
        assertEquals("LibRec's -conf or -D: unknown key 'bprmf.learnrate'; did you mean 'bprmf.learn.rate'?", e.getMessage());
    }

    @Test
    void libRecsEvaluatorAliasesAreComputedByOursOnTheSampledListsAtTheCutoffLibRecSets() throws Exception {
        Configuration conf = conf("testset");
        conf.set("rec.eval.classes", "ndcg,hitrate"); // LibRec's job makes its NormalizedDCGEvaluator, HitRateEvaluator of them
        conf.set("rec.recommender.ranking.topn", "20");
        List<String> logged;
        try (LogCapture log = new LogCapture("net.librec.job.RecommenderJob")) {
            new RecommenderJob(conf).runJob();
            logged = log.messages().stream().filter(m -> m.startsWith("Evaluator info:")).toList();
        }
        JsonObject macro = JsonParser.parseString(Files.readString(dir.resolve("run/results.json"))).getAsJsonObject()
                .getAsJsonObject("macro");
        assertEquals(List.of("Evaluator info:NormalizedDCGEvaluator is " + macro.get("NDCG@20").getAsDouble(),
                "Evaluator info:HitRateEvaluator is " + macro.get("HR@20").getAsDouble()), logged);
        assertTrue(macro.get("NDCG@20").getAsDouble() > macro.get("NDCG@10").getAsDouble(), macro.toString());
    }

    @Test
    void aRatingMetricIsRefusedUnderLibRecsJobWithTheReason() {
        Configuration conf = conf("testset");
        conf.set("rec.eval.classes", "rmse");
        ConfigException e = assertThrows(ConfigException.class, () -> new RecommenderJob(conf).runJob());
        assertTrue(e.getMessage().contains("'rmse' (net.librec.eval.rating.RMSEEvaluator) is a rating-prediction metric"),
                e.getMessage());
    }

    @Test
    void recommenderJobSilentlyDoesNothingWhenTheSplitterIsAClassName() throws Exception {
        // the reason data.model.splitter must stay an alias: LibRec's job switches on it
        new RecommenderJob(conf("net.librec.data.splitter.GivenTestSetDataSplitter")).runJob();
        assertEquals(0, splitFiles());
        assertEquals(List.of(), EVALUATED);
    }
}
