package org.uclr.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.UclrException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void writesTheFileCreatingDirectoriesAndLeavesNoTemporary() throws IOException {
        Path target = dir.resolve("a/b/results.json");
        AtomicFiles.writeString(target, "{}\n");
        assertEquals("{}\n", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void aFailedWriteLeavesNeitherTheTargetNorATemporary() throws IOException {
        Path target = dir.resolve("results.json");
        assertThrows(UclrException.class, () -> AtomicFiles.write(target, out -> {
            out.write("{\"half\":".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals(List.of(), files());
    }

    @Test
    void aFailedRewriteKeepsThePreviousFileWhole() throws IOException {
        Path target = dir.resolve("results.json");
        AtomicFiles.writeString(target, "old");
        assertThrows(UclrException.class, () -> AtomicFiles.write(target, out -> {
            throw new IOException("boom");
        }));
        assertEquals("old", Files.readString(target));
    }

    @Test
    void theFileGetsThePermissionsOfAPlainNewFileNotOwnerOnly() throws IOException {
        Path target = dir.resolve("results.json");
        AtomicFiles.writeString(target, "x");
        Path plain = Files.createFile(dir.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
    }
}
