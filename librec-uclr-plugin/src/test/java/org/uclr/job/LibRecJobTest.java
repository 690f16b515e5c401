package org.uclr.job;

import net.librec.conf.Configuration;
import net.librec.job.RecommenderJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.eval.RankMetric;
import org.uclr.eval.SampledRankingEvaluator;
import org.uclr.model.bprmf.BPRMFRecommender;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LibRec's own {@link RecommenderJob} drives our data model, BPRMF and our evaluators end to end. */
class LibRecJobTest {
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
        conf.set("data.input.path", "synthetic");
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
        assertEquals(1, EVALUATED.size(), EVALUATED.toString());
        String[] f = EVALUATED.get(0).split(":");
        assertEquals("10", f[0], "LibRec set the cutoff from rec.recommender.ranking.topn");
        // random scores give 0.0454 in expectation; BPRMF on the synthetic data does far better
        assertTrue(Double.parseDouble(f[1]) > 0.07, "NDCG@10 " + f[1]);

        // LibRec's own writer saved the model's recommendation lists: 10 per user and domain
        List<String> lines = Files.readAllLines(dir.resolve("result/synthetic-bprmf-output/bprmf"));
        assertEquals(3 * 200 * 10, lines.size());
        assertTrue(lines.get(0).matches("u\\d+,books:b\\d+,-?[0-9.E-]+"), lines.get(0));
    }

    @Test
    void recommenderJobSilentlyDoesNothingWhenTheSplitterIsAClassName() throws Exception {
        // the reason data.model.splitter must stay an alias: LibRec's job switches on it
        new RecommenderJob(conf("net.librec.data.splitter.GivenTestSetDataSplitter")).runJob();
        assertEquals(0, splitFiles());
        assertEquals(List.of(), EVALUATED);
    }
}
