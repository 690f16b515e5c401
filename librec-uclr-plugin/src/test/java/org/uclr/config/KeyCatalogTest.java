package org.uclr.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyCatalogTest {
    private static final KeyCatalog CATALOG = KeyCatalog.discover();

    private static PropertiesSource source(String key, String value) {
        PropertiesSource s = new PropertiesSource();
        s.put(key, value, new KeyOrigin("job.properties", 7));
        return s;
    }

    private static String error(String key, String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> CATALOG.validate(source(key, value)));
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void everyComponentRegistersItsKeys() {
        for (String k : List.of("data.source", "data.domain.*.path", "rec.random.seed", "rec.eval.topn",
                "rec.recommender.class", "bprmf.learn.rate")) {
            assertTrue(CATALOG.find(k).isPresent(), k);
        }
        assertEquals("data.domain.*.path", CATALOG.find("data.domain.books.path").orElseThrow().name());
    }

    @Test
    void keyNamesAreUniqueAndEveryDefaultIsValid() {
        List<String> names = CATALOG.keys().stream().map(ConfigKey::name).toList();
        assertEquals(names.size(), names.stream().distinct().count(), "duplicate key names: " + names);
        for (ConfigKey<?> k : CATALOG.keys()) {
            if (k.defaultValue() != null && !(k.defaultValue() instanceof String str && str.isEmpty())) {
                String raw = k.defaultValue() instanceof List<?> l
                        ? String.join(",", l.stream().map(String::valueOf).toList())
                        : k.defaultValue() instanceof Enum<?> e ? ConfigKey.enumLabel(e) : String.valueOf(k.defaultValue());
                assertEquals(k.defaultValue(), k.parse(raw, "default"), k.name());
            }
            assertTrue(k.description() != null && !k.description().isBlank(), k.name() + " has a description");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "bprmf.learnrate, bprmf.learn.rate",
            "bprmf.factor, bprmf.factors",
            "bprmf.epochs, bprmf.epochs.max",
            "bprmf.batchsize, bprmf.batch.size",
            "data.domian.books.path, data.domain.books.path",
            "data.domain.books.file, data.domain.books.path",
            "data.synthetic.presets, data.synthetic.preset",
            "data.user, data.users",
            "rec.random.seeds, rec.random.seed",
            "rec.eval.dumps, rec.eval.dump",
            "rec.recommender.clas, rec.recommender.class",
    })
    void unknownKeyInAnOwnedNamespaceSuggestsTheClosestKey(String typo, String suggestion) {
        assertEquals("job.properties:7: unknown key '" + typo + "'; did you mean '" + suggestion + "'?", error(typo, "1"));
    }

    @Test
    void aPatternKeyWithADottedNameSaysTheNameIsOneSegment() {
        assertEquals("job.properties:7: unknown key 'data.domain.books.v2.path': in data.domain.*.path the * is one name "
                + "without dots, and 'books.v2' has one (rename it in data.domains too)", error("data.domain.books.v2.path", "x"));
    }

    @Test
    void anUnrelatedUnknownKeyGetsNoSuggestion() {
        assertEquals("job.properties:7: unknown key 'data.input.path'", error("data.input.path", "x"));
    }

    @Test
    void keysOutsideOurNamespacesPassThroughToLibRec() {
        assertDoesNotThrow(() -> CATALOG.validate(source("dfs.result.dir", "x")));
        assertDoesNotThrow(() -> CATALOG.validate(source("someother.key", "x")));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = ';', value = {
            "bprmf.factors;0;is out of range: expected an integer in [1, 4096]",
            "bprmf.factors;12.5;is not an integer in [1, 4096]",
            "bprmf.learn.rate;fast;is not a number in [1.0E-8, 10.0]",
            "bprmf.lambda;-1;is out of range: expected a number in [0.0, 10.0]",
            "data.synthetic.scale;2;is out of range: expected a number in [1.0E-6, 1.0]",
            "data.eval.negatives;0;is out of range: expected an integer in [1, 100000]",
            "data.source;database;is not one of files|synthetic",
            "bprmf.mode;perdomain;is not one of per-domain|global",
            "rec.random.seed;one;is not an integer",
            "rec.eval.topn;10,x;is not a comma-separated list of integers in [1, 100000]",
            "rec.eval.topn;0;is out of range: expected a comma-separated list of integers in [1, 100000]",
            "rec.eval.dump;yes;is not true or false",
    })
    void valuesAreParsedAndRangeCheckedWithTheirOrigin(String key, String value, String problem) {
        assertEquals("job.properties:7: " + key + "=" + value + " " + problem, error(key, value));
    }

    @Test
    void enumValuesIgnoreCaseAndAcceptUnderscores() {
        assertDoesNotThrow(() -> CATALOG.validate(source("bprmf.mode", "PER_DOMAIN")));
        assertDoesNotThrow(() -> CATALOG.validate(source("data.source", "Files")));
    }

    @Test
    void aModelNamespaceIsOwnedOnceItsKeySetSaysSo() {
        KeySet fake = new KeySet() {
            @Override
            public List<ConfigKey<?>> keys() {
                return List.of(ConfigKey.ofDouble("fakemodel.tau", 0.1, 0.0, 1.0, "temperature"));
            }

            @Override
            public List<String> ownedPrefixes() {
                return List.of("fakemodel.");
            }
        };
        KeyCatalog catalog = new KeyCatalog(List.of(fake));
        ConfigException e = assertThrows(ConfigException.class, () -> catalog.validate(source("fakemodel.tua", "0.2")));
        assertEquals("job.properties:7: unknown key 'fakemodel.tua'; did you mean 'fakemodel.tau'?", e.getMessage());
    }

    /** A source of "key=value" entries, each from its own line of job.properties, or "-D key=value" overrides. */
    private static PropertiesSource lines(String... entries) {
        PropertiesSource s = new PropertiesSource();
        for (int i = 0; i < entries.length; i++) {
            if (entries[i].startsWith("-D ")) {
                s.putOverride(entries[i].substring(3));
                continue;
            }
            String[] kv = entries[i].split("=", 2);
            s.put(kv[0], kv[1], new KeyOrigin("job.properties", i + 1));
        }
        return s;
    }

    private static final ConfigKey<Double> MIN = ConfigKey.ofDouble("fake.tau.min", 0.01, 0.0, 10.0, "lower clip");
    private static final ConfigKey<Double> INIT = ConfigKey.ofDouble("fake.tau.init", 0.1, 0.0, 10.0, "start");
    private static final ConfigKey<Double> MAX = ConfigKey.ofDouble("fake.tau.max", 1.0, 0.0, 10.0, "upper clip");
    private static final ConfigKey<Boolean> LEARN = ConfigKey.ofBoolean("fake.tau.learn", true, "learn tau");

    private static final KeyCatalog FAKE = new KeyCatalog(List.of(new KeySet() {
        @Override
        public List<ConfigKey<?>> keys() {
            return List.of(MIN, INIT, MAX, LEARN);
        }

        @Override
        public List<String> ownedPrefixes() {
            return List.of("fake.");
        }

        @Override
        public List<KeyConstraint> constraints() {
            return List.of(KeyConstraint.atMost(MIN, MAX, "tau is clipped to [min, max]"),
                    KeyConstraint.atMost(MIN, INIT, "tau starts inside the clip"),
                    KeyConstraint.notTogether(LEARN, false, INIT, 0.0, false, "a fixed tau of 0 divides by zero"),
                    KeyConstraint.unusedWhen(LEARN, l -> !l, "tau is fixed", List.of(MIN, MAX)));
        }
    }));

    @Test
    void aBrokenRelationNamesBothKeysWithTheirValuesAndOrigins() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> FAKE.validate(lines("fake.tau.init=0.5", "fake.tau.min=0.5", "fake.tau.max=0.1")));
        assertEquals("fake.tau.min=0.5 (job.properties:2) is above fake.tau.max=0.1 (job.properties:3): "
                + "tau is clipped to [min, max]", e.getMessage());
    }

    @Test
    void aKeyLeftAtItsDefaultIsShownAsTheDefault() {
        ConfigException e = assertThrows(ConfigException.class, () -> FAKE.validate(lines("fake.tau.min=0.5")));
        assertEquals("fake.tau.min=0.5 (job.properties:1) is above fake.tau.init=0.1 (default): tau starts inside the clip",
                e.getMessage());
        assertDoesNotThrow(() -> FAKE.validate(lines("fake.tau.min=0.1")), "equal bounds are allowed");
    }

    @Test
    void contradictingValuesAreAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> FAKE.validate(lines("fake.tau.min=0", "fake.tau.init=0", "fake.tau.learn=false")));
        assertEquals("fake.tau.learn=false (job.properties:3) contradicts fake.tau.init=0 (job.properties:2): "
                + "a fixed tau of 0 divides by zero", e.getMessage());
    }

    @Test
    void keysWithoutEffectAreWarningsNotErrors() {
        assertEquals(List.of("fake.tau.learn=false (job.properties:2) does not read fake.tau.max=2 (job.properties:1): "
                + "they have no effect"), FAKE.validate(lines("fake.tau.max=2", "fake.tau.learn=false")));
        assertEquals(List.of(), FAKE.validate(lines("fake.tau.learn=false")), "nothing given that is ignored");
    }

    @Test
    void theLoraRankIsBoundedByTheFactorsOfTheBackboneItUpdates() {
        assertEquals(List.of(), CATALOG.validate(lines("uclr.backbone=lightgcn", "uclr.lora.rank=64", "bprmf.factors=32",
                "lightgcn.factors=64")), "bprmf.factors does not bound a LightGCN backbone's LoRA rank");
        assertThrows(ConfigException.class, () -> CATALOG.validate(lines("uclr.lora.rank=64", "bprmf.factors=32",
                "lightgcn.factors=64")), "the default backbone is BPR-MF");
    }

    @Test
    void theDefaultsOfEveryKeySatisfyEveryRule() {
        assertEquals(List.of(), CATALOG.validate(new PropertiesSource()));
        assertTrue(CATALOG.constraints().size() >= 10, CATALOG.constraints().toString());
    }

    /** Issue 10's example and the other relations of the plugin's key sets, each broken once. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "uclr.tau.min=0.5|uclr.tau.max=0.1;uclr.tau.min=0.5 (job.properties:1) is above uclr.tau.max=0.1 (job.properties:2): "
                    + "the temperature is clipped to [uclr.tau.min, uclr.tau.max]",
            "uclr.tau.min=0.2;uclr.tau.min=0.2 (job.properties:1) is above uclr.tau.init=0.1 (default)",
            "uclr.tau.max=0.05;uclr.tau.init=0.1 (default) is above uclr.tau.max=0.05 (job.properties:1)",
            "uclr.lora.rank=64|bprmf.factors=32;uclr.lora.rank=64 (job.properties:1) is above bprmf.factors=32 (job.properties:2)",
            "uclr.backbone=lightgcn|uclr.lora.rank=64|lightgcn.factors=32|bprmf.factors=128;uclr.lora.rank=64 (job.properties:2) "
                    + "is above lightgcn.factors=32 (job.properties:3)",
            "uclr.variant=pge-cl-ae|uclr.temperature=individual;uclr.temperature=individual (job.properties:2) contradicts "
                    + "uclr.variant=pge-cl-ae (job.properties:1)",
            "data.domains=books|data.domain.books.path=b.tsv;data.domains=books (job.properties:1) is given but "
                    + "data.source=synthetic (default) would train on generated data instead; set data.source=files",
            "data.domain.books.path=b.tsv;data.domain.books.path=b.tsv (job.properties:1) is given but data.source=synthetic (default)",
            "data.source=synthetic|-D data.domains=books;data.domains=books (-D) is given but data.source=synthetic (job.properties:1)",
            "rec.eval.topn=10,20,10;rec.eval.topn=10,20,10 (job.properties:1) names a cutoff twice",
            "data.eval.negatives=9;rec.eval.topn=10,20 (default) has a cutoff K above data.eval.negatives=9 (job.properties:1): "
                    + "with 10 candidates per user every candidate is in the top K, so HR@K would be 1 for any model",
            "rec.recommender.isranking=false;rec.recommender.isranking=false (job.properties:1): this project only ranks",
            "data.name=../../elsewhere;data.name=../../elsewhere (job.properties:1) is not one folder name",
            "data.name=..;data.name=.. (job.properties:1) is not one folder name",
            "data.domains=books.v2,music;data.domains=books.v2,music (job.properties:1) has a domain name that is not letters",
            "data.domains=books music;data.domains=books music (job.properties:1) has a domain name that is not letters",
            "data.model.splitter=ratio;data.model.splitter=ratio (job.properties:1): the split is always leave-one-out",
            "rec.recommender.earlystop=false;rec.recommender.earlystop=false (job.properties:1): every model early-stops",
    })
    void everyRelationOfThePluginsKeySetsIsChecked(String entries, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> CATALOG.validate(lines(entries.split("\\|"))));
        assertTrue(e.getMessage().startsWith(expected), "expected: " + expected + "\n     got: " + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "data.domains=books|-D data.source=synthetic;data.source=synthetic (-D) does not read data.domains=books (job.properties:1)",
            "data.source=files|data.domains=b|data.domain.b.path=x|data.synthetic.scale=0.5;data.source=files (job.properties:1) "
                    + "does not read data.synthetic.scale=0.5 (job.properties:4)",
            "uclr.variant=pge|uclr.alpha=0.1;uclr.variant=pge (job.properties:1) does not read uclr.alpha=0.1",
            "uclr.variant=pge-ae|uclr.tau.rho=0.5;uclr.variant=pge-ae (job.properties:1) does not read uclr.tau.rho=0.5",
            "uclr.variant=pge-ucl-ae|uclr.finetune.learn.rate=0.1|uclr.lora.rank=4;uclr.variant=pge-ucl-ae (job.properties:1) "
                    + "does not read uclr.lora.rank=4 (job.properties:3), uclr.finetune.learn.rate=0.1 (job.properties:2)",
    })
    void keysTheConfigurationNeverReadsAreWarned(String entries, String expected) {
        List<String> warnings = CATALOG.validate(lines(entries.split("\\|")));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith(expected), "expected: " + expected + "\n     got: " + warnings.get(0));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "bpmrf.factors, bprmf.factors",
            "BPRMF.factors, bprmf.factors",
            "bprmf_factors, bprmf.factors",
            "ucl.tau.min, uclr.tau.min",
    })
    void aKeyOutsideOurNamespacesThatLooksLikeATypoOfOursIsAnError(String typo, String suggestion) {
        assertTrue(error(typo, "1").startsWith("job.properties:7: unknown key '" + typo + "'; did you mean '" + suggestion + "'?"),
                error(typo, "1"));
    }
}
