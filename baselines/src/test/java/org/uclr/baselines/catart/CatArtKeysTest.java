package org.uclr.baselines.catart;

import org.junit.jupiter.api.Test;
import org.uclr.config.ConfigException;
import org.uclr.config.KeyCatalog;
import org.uclr.config.KeyOrigin;
import org.uclr.config.PropertiesSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** CAT-ART's rules between keys, checked with the whole catalog before anything runs. */
class CatArtKeysTest {
    private static final KeyCatalog CATALOG = KeyCatalog.discover();

    private static PropertiesSource lines(String... entries) {
        PropertiesSource s = new PropertiesSource();
        for (int i = 0; i < entries.length; i++) {
            String[] kv = entries[i].split("=", 2);
            s.put(kv[0], kv[1], new KeyOrigin("catart.properties", i + 1));
        }
        return s;
    }

    @Test
    void anArtThatWouldTrainNothingIsAnError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> CATALOG.validate(lines("catart.art.inputs=none", "catart.art.tune.embeddings=false")));
        assertEquals("catart.art.inputs=none (catart.properties:1) contradicts catart.art.tune.embeddings=false "
                + "(catart.properties:2): ART would have nothing to train (no transfer maps, embeddings frozen)", e.getMessage());
    }

    @Test
    void catKeysAreWarnedAsUnusedWhenCatIsNotTrained() {
        assertEquals(List.of("catart.art.inputs=attention (catart.properties:1) does not read catart.cat.tau=0.2 "
                        + "(catart.properties:2): they have no effect"),
                CATALOG.validate(lines("catart.art.inputs=attention", "catart.cat.tau=0.2")));
        assertEquals(List.of(), CATALOG.validate(lines("catart.art.inputs=cat", "catart.cat.tau=0.2")));
    }
}
