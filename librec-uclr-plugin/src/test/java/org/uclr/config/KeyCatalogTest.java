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
}
