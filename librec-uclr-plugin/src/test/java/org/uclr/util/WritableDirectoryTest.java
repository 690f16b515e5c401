package org.uclr.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.UclrException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WritableDirectoryTest {
    @TempDir
    Path dir;

    private List<Path> everything() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).toList();
        }
    }

    @Test
    void aWritableDirectoryPassesAndTheProbeLeavesNothingBehind() throws IOException {
        assertDoesNotThrow(() -> WritableDirectory.check(dir.resolve("a/b/c"), "output directory", "set x"));
        assertEquals(List.of(), everything(), "the directories it made and its probe file are gone");
        Files.createDirectory(dir.resolve("kept"));
        WritableDirectory.check(dir.resolve("kept"), "output directory", "set x");
        assertEquals(List.of(dir.resolve("kept")), everything(), "an existing directory stays, empty");
    }

    @Test
    void aFileInThePathIsNamed() throws IOException {
        Files.writeString(dir.resolve("f"), "x");
        UclrException e = assertThrows(UclrException.class,
                () -> WritableDirectory.check(dir.resolve("f/run"), "output directory " + dir.resolve("f/run"), "set x"));
        assertEquals("output directory " + dir.resolve("f/run") + ": " + dir.resolve("f") + " is a file, not a directory (set x)",
                e.getMessage());
    }

    @Test
    void theOperatingSystemsReasonIsInTheMessage() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        UclrException e = assertThrows(UclrException.class,
                () -> WritableDirectory.check(Path.of("/proc/x/y"), "split directory /proc/x/y", "set data.split.dir"));
        assertEquals("split directory /proc/x/y: cannot create /proc/x: No such file or directory (set data.split.dir)",
                e.getMessage());
        assertFalse(Files.exists(Path.of("/proc/x")));
    }

    /** Java maps ENOENT, EACCES, ... to exceptions without their reason; the message must still give it. */
    @Test
    void reasonsJavaLeavesOutAreFilledIn() {
        assertEquals("/a: No such file or directory", WritableDirectory.reason(new NoSuchFileException("/a")));
        assertEquals("/a: Permission denied", WritableDirectory.reason(new AccessDeniedException("/a")));
        assertEquals("/a: Read-only file system",
                WritableDirectory.reason(new FileSystemException("/a", null, "Read-only file system")));
        assertEquals("disk full", WritableDirectory.reason(new IOException("disk full")));
    }
}
