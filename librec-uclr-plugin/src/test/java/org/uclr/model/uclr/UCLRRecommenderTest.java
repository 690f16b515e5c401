package org.uclr.model.uclr;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.config.PropertiesSource;
import org.uclr.config.KeyOrigin;
import org.uclr.job.RecJob;
import org.uclr.job.RunResult;
import org.uclr.data.CandidateSet;
import org.uclr.data.MultiDomainDataModel;
import org.uclr.engine.TrainingOutcome;
import org.uclr.model.MultiDomainRecommender;
import org.uclr.testing.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UCLRRecommenderTest {

    /** Tiny data and short schedules: this checks the plumbing of every variant, not quality. */
    private static PropertiesSource job(Path dir, String variant) {
        PropertiesSource s = new PropertiesSource();
        Map<String, String> values = Map.ofEntries(
                Map.entry("rec.recommender.class", "uclr"),
                Map.entry("rec.random.seed", "2"),
                Map.entry("rec.device", "cpu"),
                Map.entry("rec.output.dir", dir.resolve(variant).toString()),
                Map.entry("data.source", "synthetic"),
                Map.entry("data.synthetic.scale", "0.1"),
                Map.entry("data.split.dir", dir.resolve("splits").toString()),
                Map.entry("bprmf.factors", "16"),
                Map.entry("bprmf.epochs.max", "3"),
                Map.entry("bprmf.learn.rate", "0.01"),
                Map.entry("uclr.variant", variant),
                Map.entry("uclr.hidden", "16,8"),
                Map.entry("uclr.epochs.max", "3"),
                Map.entry("uclr.finetune.epochs.max", "2"),
                Map.entry("uclr.finetune.contrast.users", "32"));
        values.forEach((k, v) -> s.put(k, v, new KeyOrigin("test", 0)));
        return s;
    }

    @Test
    void everyVariantRunsAndOnlyContrastiveOnesWriteTheTemperaturesOfTheEpochTheyKept(@TempDir Path dir)
            throws IOException {
        for (String variant : List.of("pge", "pge-ae", "pge-cl-ae", "pge-ucl-ae", "uclr")) {
            RunResult r = new RecJob(job(dir, variant)).run();
            assertEquals(variant.equals("uclr") ? "uclr" : "uclr-" + variant, r.model());
            assertTrue(Files.exists(r.outputDir().resolve("results.json")), variant);
            Path temps = r.outputDir().resolve("temperatures.tsv");
            boolean contrastive = variant.contains("cl") || variant.equals("uclr");
            assertEquals(contrastive, Files.exists(temps), variant + " temperatures.tsv");
            List<String> labels = r.training().stream().map(TrainingOutcome::label).toList();
            assertEquals("uclr/pge", labels.get(0), variant);
            assertEquals(!variant.equals("pge"), labels.contains("uclr/autoencoder"), variant + " " + labels);
            assertEquals(variant.equals("uclr") ? 3 : 0, labels.stream().filter(l -> l.startsWith("uclr/finetune/")).count(),
                    variant + " " + labels);
            assertTrue(r.stageSeconds().keySet().containsAll(labels), variant + " " + r.stageSeconds().keySet());
            if (contrastive) {
                List<String> lines = Files.readAllLines(temps);
                assertEquals("user\ttrain_interactions\ttau", lines.get(0));
                assertEquals(201, lines.size(), "one line per user");
                java.util.Set<String> taus = new java.util.HashSet<>();
                lines.subList(1, lines.size()).forEach(l -> taus.add(l.split("\t")[2]));
                TrainingOutcome ae = r.training().get(labels.indexOf("uclr/autoencoder"));
                if (ae.bestEpoch() == 0) {
                    assertEquals(java.util.Set.of("0.100000"), taus, variant + ": the untrained stage's temperatures");
                } else if (variant.equals("pge-cl-ae")) {
                    assertEquals(1, taus.size(), "CL-AE has one global temperature");
                    assertFalse(taus.contains("0.100000"), "it moved from its init");
                } else {
                    assertTrue(taus.size() > 100, variant + ": individual temperatures after "
                            + ae.bestEpoch() + " epochs: " + taus.size() + " distinct");
                }
            }
            assertFalse(Double.isNaN(r.report().macro().get("NDCG@10")), variant);
        }
    }

    // ---- stage by stage, on the recommender itself ----

    private static final Map<String, String> FAST = Map.ofEntries(
            Map.entry("rec.random.seed", "2"), Map.entry("rec.device", "cpu"), Map.entry("rec.threads", "1"),
            Map.entry("bprmf.factors", "16"), Map.entry("bprmf.batch.size", "256"), Map.entry("bprmf.learn.rate", "0.01"),
            Map.entry("bprmf.epochs.max", "8"), Map.entry("bprmf.patience", "3"),
            Map.entry("uclr.hidden", "16,8"), Map.entry("uclr.batch.size", "64"), Map.entry("uclr.epochs.max", "3"),
            Map.entry("uclr.patience", "2"), Map.entry("uclr.finetune.epochs.max", "2"),
            Map.entry("uclr.finetune.contrast.users", "32"));

    /** Stages 2 and 3 that cannot beat stage 1: an autoencoder one epoch from its random init, and a LoRA with A_d = 0. */
    private static final String[] CANNOT_WIN = {"uclr.learn.rate", "1e-8", "uclr.epochs.max", "1",
            "uclr.lora.init.std", "0"};

    private static MultiDomainDataModel dataModel(Map<String, String> conf) {
        return Fixtures.dataModel(DATA, 2, conf);
    }

    private static final org.uclr.data.MultiDomainDataset DATA = Fixtures.synthetic(0.05);

    private static TrainingOutcome outcome(MultiDomainRecommender r, String label) {
        return r.trainingOutcomes().stream().filter(o -> o.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void aStageThatLowersValidationIsNotKeptAndTheScoresStayStageOnesBitForBit() {
        MultiDomainDataModel dm = dataModel(Fixtures.with(FAST, CANNOT_WIN));
        UCLRRecommender full = Fixtures.train(new UCLRRecommender(), dm);
        UCLRRecommender pge = Fixtures.train(new UCLRRecommender(),
                dataModel(Fixtures.with(FAST, "uclr.variant", "pge")));
        TrainingOutcome ae = outcome(full, "uclr/autoencoder");
        for (int d = 0; d < DATA.numDomains(); d++) {
            String name = DATA.domain(d).name();
            assertTrue(ae.keptStartingPoint(d), name + ": the setup makes the autoencoder lose");
            assertTrue(outcome(full, "uclr/finetune/" + name).keptStartingPoint(0), name + ": and the finetune tie");
            assertEquals("pge", full.scoresFrom().get(name));
            assertArrayEquals(pge.testScores().domain(d).scores(), full.testScores().domain(d).scores(), name);
        }
    }

    /** The recommender with each domain's autoencoder weights, read before its resources are released. */
    private static final class WithAutoencoders extends UCLRRecommender {
        final java.util.List<java.util.List<float[]>> weights = new java.util.ArrayList<>();
        /** The outcomes as training returned them, saved parameters included (the recorded ones drop them). */
        final java.util.List<TrainingOutcome> returned = new java.util.ArrayList<>();

        @Override
        protected TrainingOutcome record(TrainingOutcome outcome) {
            returned.add(outcome);
            return super.record(outcome);
        }

        TrainingOutcome returned(String label) {
            return returned.stream().filter(o -> o.label().equals(label)).findFirst().orElseThrow();
        }

        @Override
        protected void cleanup() {
            if (engine != null) {
                for (DualStreamAutoencoder ae : domainAutoencoders()) {
                    weights.add(ae.parameters().stream().map(p -> p.value().toFloatArray()).toList());
                }
            }
            super.cleanup();
        }
    }

    @Test
    void shrunkScoringMixesInTheAutoencodersOwnBestEpochWithShrinkWeightsTrainedAndItsUntrainedStartWithKept() {
        // three epochs from a random init: the decoded vectors alone cannot beat stage 1, so every domain keeps
        // its start; what the stage learned differs from that start
        Map<String, String> conf = Fixtures.with(FAST, "uclr.variant", "pge-ucl-ae", "uclr.score.user", "shrunk",
                "uclr.learn.rate", "0.001");
        WithAutoencoders kept = Fixtures.train(new WithAutoencoders(), dataModel(conf));
        WithAutoencoders trained = Fixtures.train(new WithAutoencoders(),
                dataModel(Fixtures.with(conf, "uclr.shrink.weights", "trained")));
        TrainingOutcome ae = trained.returned("uclr/autoencoder");
        TrainingOutcome aeKept = kept.returned("uclr/autoencoder");
        assertTrue(trained.trainingOutcomes().stream().allMatch(o -> o.domainStates().isEmpty()
                && o.ownBestStates().isEmpty()), "the job's record keeps no saved parameters");
        for (int d = 0; d < DATA.numDomains(); d++) {
            String name = DATA.domain(d).name();
            assertTrue(ae.keptStartingPoint(d) && aeKept.keptStartingPoint(d), name + ": the setup makes the autoencoder lose");
            for (int p = 0; p < trained.weights.get(d).size(); p++) {
                float[] start = (float[]) aeKept.domainStates().get(d).part(p);
                float[] ownBest = (float[]) ae.ownBestStates().get(d).part(p);
                assertArrayEquals(ownBest, trained.weights.get(d).get(p),
                        name + " parameter " + p + ": trained mixes in the stage's own best epoch");
                assertArrayEquals(start, kept.weights.get(d).get(p),
                        name + " parameter " + p + ": kept mixes in the start it keeps");
            }
            assertFalse(java.util.Arrays.equals((float[]) aeKept.domainStates().get(d).part(0),
                    (float[]) ae.ownBestStates().get(d).part(0)), name + ": the stage moved the weights");
        }
    }

    @Test
    void shrinkWeightsNoneSearchesNoPriorWeightWhereTheAutoencoderLostSoStageOnesScoresStandBitForBit() {
        for (ShrinkWeights w : ShrinkWeights.values()) {
            assertTrue(UCLRRecommender.searchesPriorWeight(UserScoring.SHRUNK, true, w), w + ": a winning autoencoder");
            assertEquals(w != ShrinkWeights.NONE, UCLRRecommender.searchesPriorWeight(UserScoring.SHRUNK, false, w),
                    w + ": a losing autoencoder");
            assertFalse(UCLRRecommender.searchesPriorWeight(UserScoring.DECODED, false, w), w + ": no shrunk scoring");
        }
        Map<String, String> conf = Fixtures.with(FAST, "uclr.variant", "pge-ucl-ae", "uclr.score.user", "shrunk",
                "uclr.learn.rate", "0.001", "uclr.shrink.weights", "none");
        UCLRRecommender none = Fixtures.train(new UCLRRecommender(), dataModel(conf));
        UCLRRecommender pge = Fixtures.train(new UCLRRecommender(), dataModel(Fixtures.with(FAST, "uclr.variant", "pge")));
        TrainingOutcome ae = outcome(none, "uclr/autoencoder");
        for (int d = 0; d < DATA.numDomains(); d++) {
            String name = DATA.domain(d).name();
            assertTrue(ae.keptStartingPoint(d), name + ": the setup makes the autoencoder lose");
            assertEquals("pge", none.scoresFrom().get(name));
            assertArrayEquals(pge.testScores().domain(d).scores(), none.testScores().domain(d).scores(), name);
        }
    }

    @Test
    void routeFinetuneGivesTheDomainsOwnModelStageThreeAndKeepsItOnlyWhereValidationRises() {
        // t = 0 routes every user with a training interaction in the domain; a strong, long finetune so that some
        // domain's own model gains from it on this toy set
        Map<String, String> conf = Fixtures.with(FAST, "uclr.domain.model", "route", "uclr.route.grid", "0",
                "uclr.finetune.epochs.max", "6", "uclr.finetune.learn.rate", "0.01", "uclr.finetune.items", "true",
                "uclr.lora.rank", "16");
        MultiDomainDataModel dm = dataModel(Fixtures.with(conf, "uclr.route.finetune", "true"));
        UCLRRecommender tuned = Fixtures.train(new UCLRRecommender(), dm);
        UCLRRecommender alone = Fixtures.train(new UCLRRecommender(), dataModel(conf));
        int kept = 0;
        for (int d = 0; d < DATA.numDomains(); d++) {
            String name = DATA.domain(d).name();
            TrainingOutcome own = outcome(tuned, "uclr/finetune/" + name + "/own");
            assertTrue(alone.trainingOutcomes().stream().noneMatch(o -> o.label().endsWith("/own")), "off by default");
            float[] a = tuned.testScores().domain(d).scores();
            float[] b = alone.testScores().domain(d).scores();
            CandidateSet c = tuned.testScores().domain(d).candidates();
            org.uclr.data.UserItemMatrix train = dm.split().domain(d).train();
            boolean differs = false;
            for (int r = 0; r < c.size(); r++) {
                float[] rowA = java.util.Arrays.copyOfRange(a, r * c.width(), (r + 1) * c.width());
                float[] rowB = java.util.Arrays.copyOfRange(b, r * c.width(), (r + 1) * c.width());
                if (train.rowSize(c.users()[r]) == 0 || own.keptStartingPoint(0)) {
                    // unrouted users keep UCLR's pipeline, which the own model's finetune does not touch
                    assertArrayEquals(rowB, rowA, name + " user " + c.users()[r]);
                } else {
                    differs |= !java.util.Arrays.equals(rowA, rowB);
                }
            }
            // every validation user has a training interaction, so t = 0 routes them all: validation is the own model's
            double validationTuned = tuned.validationScores().domain(d).rankCounts().mean(org.uclr.eval.RankMetric.NDCG, 10);
            double validationAlone = alone.validationScores().domain(d).rankCounts().mean(org.uclr.eval.RankMetric.NDCG, 10);
            assertTrue(validationTuned >= validationAlone, name + ": " + validationTuned + " < " + validationAlone);
            if (own.keptStartingPoint(0)) {
                assertEquals(validationAlone, validationTuned, name);
                assertTrue(tuned.scoresFrom().get(name).endsWith("+own>0.0"), tuned.scoresFrom().toString());
            } else {
                kept++;
                assertTrue(tuned.scoresFrom().get(name).endsWith("+own-finetune>0.0"), tuned.scoresFrom().toString());
                assertTrue(differs, name + ": the routed users are scored by the finetuned model");
                assertTrue(validationTuned > validationAlone, name + ": kept only where it scores better");
            }
        }
        assertTrue(kept > 0, "the setup makes some domain keep the finetune of its own model");
    }

    @Test
    void withoutKeepBestStageEveryStageReplacesTheOneBefore() {
        MultiDomainDataModel dm = dataModel(Fixtures.with(Fixtures.with(FAST, CANNOT_WIN), "uclr.keep.best.stage", "false"));
        UCLRRecommender full = Fixtures.train(new UCLRRecommender(), dm);
        UCLRRecommender pge = Fixtures.train(new UCLRRecommender(),
                dataModel(Fixtures.with(FAST, "uclr.variant", "pge")));
        for (int d = 0; d < DATA.numDomains(); d++) {
            String name = DATA.domain(d).name();
            assertEquals("finetune", full.scoresFrom().get(name));
            assertFalse(java.util.Arrays.equals(pge.testScores().domain(d).scores(), full.testScores().domain(d).scores()),
                    name + ": scored through the (untrained) autoencoder, not stage 1");
        }
    }

    /**
     * The recommender, and before its resources are released, each domain's test scores computed
     * directly in float64 from the kept parameters: W_d = W0 + B_d A_d, then W_d[u] . i
     * ("embedding") and dec(enc(W_d[u])) . i ("decoded").
     */
    private static final class Inspected extends UCLRRecommender {
        final java.util.List<double[]> embedding = new java.util.ArrayList<>();
        final java.util.List<double[]> decoded = new java.util.ArrayList<>();

        @Override
        protected void cleanup() {
            if (engine != null) {
                double[][] w0 = rows(pretrained().users());
                for (int d = 0; d < data.numDomains(); d++) {
                    LoraFinetune ft = finetunes().get(d);
                    double[][] wd = add(w0, multiply(rows(ft.lora().b().table()), rows(ft.lora().a().value())));
                    java.util.List<org.uclr.engine.DenseParameter> ae = ft.autoencoder().parameters();
                    double[][] dec = AutoencoderStageTest.forward(ae.subList(ae.size() / 2, ae.size()),
                            AutoencoderStageTest.forward(ae.subList(0, ae.size() / 2), wd));
                    double[][] items = rows(ft.items().table());
                    CandidateSet c = split.domain(d).test();
                    embedding.add(scores(wd, items, c));
                    decoded.add(scores(dec, items, c));
                }
            }
            super.cleanup();
        }

        private static double[] scores(double[][] users, double[][] items, CandidateSet c) {
            double[] out = new double[c.candidates().length];
            for (int r = 0; r < c.size(); r++) {
                for (int k = 0; k < c.width(); k++) {
                    double[] u = users[c.users()[r]];
                    double[] i = items[c.candidate(r, k)];
                    for (int j = 0; j < u.length; j++) {
                        out[r * c.width() + k] += u[j] * i[j];
                    }
                }
            }
            return out;
        }
    }

    @Test
    void scoreUserChoosesBetweenTheFinetunedEmbeddingAndItsDecodedVectorEndToEnd() {
        for (String scoring : List.of("embedding", "decoded")) {
            MultiDomainDataModel dm = dataModel(Fixtures.with(FAST, "uclr.score.user", scoring,
                    "uclr.keep.best.stage", "false", "uclr.finetune.learn.rate", "0.05"));
            Inspected r = Fixtures.train(new Inspected(), dm);
            for (int d = 0; d < DATA.numDomains(); d++) {
                float[] got = r.testScores().domain(d).scores();
                double[] expected = (scoring.equals("embedding") ? r.embedding : r.decoded).get(d);
                double[] other = (scoring.equals("embedding") ? r.decoded : r.embedding).get(d);
                double worst = 0;
                double apart = 0;
                for (int k = 0; k < got.length; k++) {
                    // float32 products of 16-dim vectors of size ~0.1-1: 1e-5 absolute
                    worst = Math.max(worst, Math.abs(got[k] - expected[k]));
                    apart = Math.max(apart, Math.abs(got[k] - other[k]));
                }
                assertTrue(worst < 1e-5, scoring + " domain " + d + ": off by " + worst);
                assertTrue(apart > 1e-3, scoring + " domain " + d + ": the two scorings must differ here");
            }
        }
    }

    /** Each step of the ablation chain changes what is learned: the contrastive stream, then individual temperatures. */
    @Test
    void theContrastiveStreamAndIndividualTemperaturesEachChangeTheScores() {
        java.util.Map<String, float[]> scores = new java.util.LinkedHashMap<>();
        for (String variant : List.of("pge-ae", "pge-cl-ae", "pge-ucl-ae")) {
            MultiDomainDataModel dm = dataModel(Fixtures.with(FAST, "uclr.variant", variant, "uclr.keep.best.stage", "false",
                    "uclr.learn.rate", "0.01"));
            UCLRRecommender r = Fixtures.train(new UCLRRecommender(), dm);
            assertEquals("autoencoder", r.scoresFrom().get(DATA.domain(0).name()), variant);
            scores.put(variant, r.testScores().domain(0).scores());
        }
        assertFalse(java.util.Arrays.equals(scores.get("pge-ae"), scores.get("pge-cl-ae")), "the contrastive stream");
        assertFalse(java.util.Arrays.equals(scores.get("pge-cl-ae"), scores.get("pge-ucl-ae")), "individual temperatures");
    }

    static double[][] rows(NDArray a) {
        int n = (int) a.getShape().get(0);
        int m = (int) a.getShape().get(1);
        float[] f = a.toFloatArray();
        double[][] out = new double[n][m];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < m; c++) {
                out[r][c] = f[r * m + c];
            }
        }
        return out;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        double[][] out = new double[x.length][y[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < y.length; k++) {
                for (int j = 0; j < y[0].length; j++) {
                    out[i][j] += x[i][k] * y[k][j];
                }
            }
        }
        return out;
    }

    private static double[][] add(double[][] x, double[][] y) {
        double[][] out = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                out[i][j] = x[i][j] + y[i][j];
            }
        }
        return out;
    }
}
