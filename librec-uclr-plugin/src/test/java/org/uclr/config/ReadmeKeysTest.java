package org.uclr.config;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uclr.testing.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** README.md documents exactly the keys the code declares: its key table is `librec keys` output. */
class ReadmeKeysTest {
    private static final Path README = Fixtures.projectRoot().resolve("README.md");
    private static final String BEGIN = "<!-- keys:begin";
    private static final String END = "<!-- keys:end -->";
    private static final String FIX = "; regenerate the table with `bin/librec keys` and paste it between the "
            + "keys:begin and keys:end markers of README.md";
    private static final KeyCatalog CATALOG = KeyCatalog.discover();
    private static String readme;
    private static List<String> tableRows;

    @BeforeAll
    static void read() throws IOException {
        readme = Files.readString(README);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README.md has the key table markers");
        String section = readme.substring(readme.indexOf('\n', begin) + 1, end);
        tableRows = section.lines().filter(l -> l.startsWith("| `")).toList();
    }

    /** Keys of modules not on this module's test classpath (e.g. baselines) cannot be checked here. */
    private static boolean checkable(String key) {
        return key.startsWith("data.") || key.startsWith("rec.")
                || CATALOG.keys().stream().anyMatch(k -> sameNamespace(k.name(), key));
    }

    private static boolean sameNamespace(String a, String b) {
        return a.substring(0, a.indexOf('.') + 1).equals(b.substring(0, b.indexOf('.') + 1));
    }

    @Test
    void everyDeclaredKeyHasItsGeneratedRowInTheReadme() {
        List<String> missing = new ArrayList<>();
        for (ConfigKey<?> k : CATALOG.keys()) {
            if (!tableRows.contains(KeyTable.row(k))) {
                missing.add(KeyTable.row(k));
            }
        }
        assertEquals(List.of(), missing, "README.md's key table lacks or misstates these rows" + FIX);
    }

    @Test
    void everyRowOfTheReadmeTableIsADeclaredKey() {
        List<String> unknown = new ArrayList<>();
        for (String row : tableRows) {
            String key = row.substring(3, row.indexOf('`', 3)).replace("<name>", "*");
            boolean declared = CATALOG.keys().stream().anyMatch(k -> k.name().equals(key));
            if (!declared && checkable(key)) {
                unknown.add(key);
            }
        }
        assertEquals(List.of(), unknown, "README.md documents keys the code does not declare" + FIX);
    }

    @Test
    void everyKeyMentionedAnywhereInTheReadmeExists() {
        Matcher m = Pattern.compile("`((?:data|rec|bprmf|uclr)\\.[A-Za-z0-9_.<>*-]*[A-Za-z0-9>*])(?:=[^`]*)?`")
                .matcher(readme);
        Set<String> unknown = new LinkedHashSet<>();
        while (m.find()) {
            String key = m.group(1).replaceAll("<[a-z]+>", "x");
            if (key.endsWith(".*") || key.endsWith(".x")) {
                continue; // a namespace ("data.*"), not a key
            }
            if (CATALOG.find(key).isEmpty() && checkable(key)) {
                unknown.add(m.group(1));
            }
        }
        assertEquals(Set.of(), unknown, "README.md mentions keys that do not exist");
    }

    @Test
    void everyRuleBetweenKeysIsListedInTheReadmeAsLibrecKeysPrintsIt() {
        int begin = readme.indexOf("<!-- constraints:begin");
        int end = readme.indexOf("<!-- constraints:end -->");
        assertTrue(begin >= 0 && end > begin, "README.md has the constraints markers");
        List<String> listed = readme.substring(readme.indexOf('\n', begin) + 1, end).lines().toList();
        List<String> missing = new ArrayList<>();
        for (KeyConstraint c : CATALOG.constraints()) {
            if (!listed.contains(KeyTable.constraintLine(c))) {
                missing.add(KeyTable.constraintLine(c));
            }
        }
        assertEquals(List.of(), missing, "README.md's list of rules between keys lacks or misstates these" + FIX);
    }

    @Test
    void theGeneratedTableIsWellFormedMarkdown() {
        String table = KeyTable.markdown(CATALOG);
        assertTrue(table.startsWith(KeyTable.HEADER));
        for (String line : table.lines().skip(2).toList()) {
            // 4 cells: 5 unescaped pipes
            assertEquals(5, line.replace("\\|", "").chars().filter(c -> c == '|').count(), line);
        }
    }
}
