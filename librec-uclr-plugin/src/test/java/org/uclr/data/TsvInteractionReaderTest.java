package org.uclr.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.UclrException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TsvInteractionReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private Path writeGzip(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    private static String errorOf(Path file) {
        UclrException e = assertThrows(UclrException.class, () -> TsvInteractionReader.read(file));
        assertFalse(e.getMessage().contains("\n"), "one-line message: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void readsEveryLineInFileOrderWithDuplicatesKept() throws IOException {
        Path f = write("d.tsv", "user\titem\trating\nu1\ti1\t5\nu2\ti1\t3.5\nu1\ti1\t4\n");
        RawInteractions r = TsvInteractionReader.read(f);
        assertEquals(List.of("u1", "u2", "u1"), r.users());
        assertEquals(List.of("i1", "i1", "i1"), r.items());
        assertEquals(f.toString(), r.source());
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesNotItsName() throws IOException {
        String text = "user\titem\trating\n7\t9\t1\n8\t9\t2\n";
        RawInteractions gz = TsvInteractionReader.read(writeGzip("no-suffix.tsv", text));
        RawInteractions plain = TsvInteractionReader.read(write("plain.tsv.gz", text));
        assertEquals(plain.users(), gz.users());
        assertEquals(List.of("9", "9"), gz.items());
    }

    @Test
    void windowsLineEndingsAndBlankLinesAreAccepted() throws IOException {
        RawInteractions r = TsvInteractionReader.read(write("crlf.tsv", "user\titem\trating\r\nu\ti\t1\r\n\r\nv\tj\t2\r\n"));
        assertEquals(List.of("u", "v"), r.users());
        assertEquals(List.of("i", "j"), r.items());
    }

    @Test
    void aUtf8ByteOrderMarkBeforeTheHeaderIsIgnored() throws IOException {
        RawInteractions r = TsvInteractionReader.read(write("bom.tsv", "\uFEFFuser\titem\trating\nu\ti\t1\n"));
        assertEquals(List.of("u"), r.users());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.tsv");
        String msg = errorOf(missing);
        assertTrue(msg.startsWith("data file not found: " + missing), msg);
    }

    @Test
    void aDirectoryIsNotADataFile() {
        assertTrue(errorOf(dir).contains("not a readable file"), "directory");
    }

    @Test
    void wrongHeaderNamesLineOne() throws IOException {
        Path f = write("h.tsv", "userId,itemId,rating\nu\ti\t1\n");
        String msg = errorOf(f);
        assertTrue(msg.startsWith(f + ":1: expected the header"), msg);
    }

    @Test
    void malformedLineGivesFileAndLineNumber() throws IOException {
        Path f = write("m.tsv", "user\titem\trating\nu\ti\t1\nu\ti2\t1\nbroken line without tabs\n");
        String msg = errorOf(f);
        assertTrue(msg.startsWith(f + ":4: expected 3 tab-separated fields"), msg);
    }

    @Test
    void lineNumbersCountBlankLinesAndTheHeader() throws IOException {
        Path f = writeGzip("m.tsv.gz", "user\titem\trating\n\nu\ti\t1\n\nu\ti\t1\tx\n");
        assertTrue(errorOf(f).startsWith(f + ":5: expected 3 tab-separated fields (user, item, rating), found 4"));
    }

    @Test
    void nonNumericRatingGivesFileLineAndValue() throws IOException {
        Path f = write("r.tsv", "user\titem\trating\nu\ti\t1\nu\tj\tfive\n");
        assertEquals(f + ":3: rating 'five' is not a number", errorOf(f));
    }

    @Test
    void nonFiniteRatingIsRejected() throws IOException {
        Path f = write("nan.tsv", "user\titem\trating\nu\ti\tNaN\n");
        assertEquals(f + ":2: rating 'NaN' is not a number", errorOf(f));
    }

    @Test
    void emptyUserIdIsRejected() throws IOException {
        Path f = write("e.tsv", "user\titem\trating\n\ti\t1\n");
        assertTrue(errorOf(f).startsWith(f + ":2: empty user or item id"));
    }

    @Test
    void emptyFileAndHeaderOnlyFileAreEmptyDomains() throws IOException {
        Path empty = write("empty.tsv", "");
        assertTrue(errorOf(empty).contains("empty file"));
        Path headerOnly = write("header.tsv", "user\titem\trating\n\n");
        assertEquals(headerOnly + ": no interactions after the header (empty domain)", errorOf(headerOnly));
    }

    @Test
    void truncatedGzipIsAReadErrorNotACrash() throws IOException {
        Path full = writeGzip("full.gz", "user\titem\trating\n" + "u\ti\t1\n".repeat(5000));
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(errorOf(cut).startsWith("cannot read data file " + cut), "truncated gzip");
    }
}
