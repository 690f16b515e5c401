package org.uclr.baselines;

import org.junit.jupiter.api.Test;
import org.uclr.config.ConfigKey;
import org.uclr.config.KeyCatalog;
import org.uclr.config.KeyConstraint;
import org.uclr.config.KeyTable;
import org.uclr.testing.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The plugin's ReadmeKeysTest cannot see the baselines' keys (they are not on its classpath); this
 * checks that README.md's key table carries every baseline key exactly as `bin/librec keys` prints it.
 */
class ReadmeBaselineKeysTest {
    private static final List<String> BASELINE_PREFIXES = List.of("neumf.", "lightgcn.", "catart.", "herograph.", "gamtcdr.");

    @Test
    void readmeKeyTableHasTheGeneratedRowOfEveryBaselineKey() throws IOException {
        String readme = Files.readString(Fixtures.projectRoot().resolve("README.md"));
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (ConfigKey<?> k : KeyCatalog.discover().keys()) {
            if (BASELINE_PREFIXES.stream().anyMatch(k.name()::startsWith)) {
                checked++;
                if (!readme.contains(KeyTable.row(k))) {
                    missing.add(KeyTable.row(k));
                }
            }
        }
        assertFalse(checked == 0, "no baseline keys discovered: are the KeySets registered in META-INF/services?");
        assertEquals(List.of(), missing, "README.md lacks these rows; regenerate the table with `bin/librec keys`");
    }

    @Test
    void readmeListsEveryRuleBetweenBaselineKeys() throws IOException {
        List<String> lines = Files.readString(Fixtures.projectRoot().resolve("README.md")).lines().toList();
        List<String> missing = new ArrayList<>();
        for (KeyConstraint c : KeyCatalog.discover().constraints()) {
            if (c.keys().stream().anyMatch(k -> BASELINE_PREFIXES.stream().anyMatch(k.name()::startsWith))
                    && !lines.contains(KeyTable.constraintLine(c))) {
                missing.add(KeyTable.constraintLine(c));
            }
        }
        assertEquals(List.of(), missing, "README.md lacks these rules; copy them from `bin/librec keys`");
    }
}
