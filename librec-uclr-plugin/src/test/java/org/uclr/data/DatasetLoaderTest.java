package org.uclr.data;

import org.junit.jupiter.api.Test;
import org.uclr.config.Settings;
import org.uclr.testing.Fixtures;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DatasetLoaderTest {

    private static Settings files(String books, String music) {
        return Settings.of(Fixtures.configuration(Map.of("data.source", "files", "data.domains", "books,music",
                "data.domain.books.path", books, "data.domain.music.path", music)));
    }

    @Test
    void oneFileForTwoDomainsIsWarnedEvenWhenSpelledDifferently() {
        Path abs = Path.of("data/b.tsv").toAbsolutePath();
        assertEquals(Optional.of("data.domain.books.path and data.domain.music.path name the same file " + abs
                        + ": the two domains are identical"),
                DatasetLoader.sharedFileWarning(files("data/b.tsv", "./data/../data/b.tsv"), List.of("books", "music")));
        assertEquals(Optional.empty(),
                DatasetLoader.sharedFileWarning(files("data/b.tsv", "data/m.tsv"), List.of("books", "music")));
    }
}
