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

    /** As BufferedReader.readLine: a lone CR (old Mac files) ends a line too, and CR LF is one line end. */
    @Test
    void oldMacLineEndingsAndMixedOnesCountLinesLikeAnyReader() throws IOException {
        RawInteractions r = TsvInteractionReader.read(write("cr.tsv", "user\titem\trating\ru\ti\t1\r\r\nv\tj\t2\rw\tk\t3"));
        assertEquals(List.of("u", "v", "w"), r.users());
        Path bad = write("cr-bad.tsv", "user\titem\trating\ru\ti\t1\r\nv\tj\r");
        assertTrue(errorOf(bad).startsWith(bad + ":3: expected 3 tab-separated fields"), errorOf(bad));
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

    private Path writeBytes(String name, byte[]... parts) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.write(p);
        }
        Path f = dir.resolve(name);
        Files.write(f, all.toByteArray());
        return f;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Issue 10's example: ids a38\xe9 and a38\xe8 (Latin-1) used to decode both to a38\uFFFD and merge. */
    @Test
    void latin1IdsAreAnErrorAtTheirLineNotMergedIntoOneReplacementCharacter() throws IOException {
        Path f = writeBytes("latin1.tsv", ascii("user\titem\trating\nu1\ta38"), new byte[]{(byte) 0xE9},
                ascii("\t5\nu2\ta38"), new byte[]{(byte) 0xE8}, ascii("\t4\n"));
        assertEquals(f + ":2: not valid UTF-8 (byte 0xE9 at byte 7 of the line; the file is in another encoding, "
                + "such as Latin-1 or Windows-1252: save it as UTF-8)", errorOf(f));
    }

    @Test
    void anInvalidByteDeepInAGzipFileIsReportedAtItsOwnLine() throws IOException {
        // far beyond any read-ahead buffer: a decoding reader would blame an earlier line
        StringBuilder text = new StringBuilder("user\titem\trating\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("u").append(i).append("\ti").append(i % 50).append("\t1\n");
        }
        byte[] head = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'u', 'x', '\t', 'i', (byte) 0xC3, '(', '\t', '1', '\n'}; // 0xC3 must be followed by 0x80-0xBF
        Path f = dir.resolve("deep.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(head);
            out.write(bad);
        }
        assertTrue(errorOf(f).startsWith(f + ":20002: not valid UTF-8 (byte 0xC3 at byte 5 of the line"), errorOf(f));
    }

    @Test
    void utf8IdsThatDifferOnlyInAnAccentStayTwoIds() throws IOException {
        RawInteractions r = TsvInteractionReader.read(write("accents.tsv", "user\titem\trating\nu1\ta38\u00e9\t5\nu2\ta38\u00e8\t4\n"));
        assertEquals(List.of("a38\u00e9", "a38\u00e8"), r.items());
    }

    @Test
    void whitespaceAroundEveryFieldIsRemovedButNotInsideAnId() throws IOException {
        RawInteractions r = TsvInteractionReader.read(write("spaces.tsv",
                "user\titem\trating\n  u1 \t The Beatles\u2003\t 5 \r\n"));
        assertEquals(List.of("u1"), r.users());
        assertEquals(List.of("The Beatles"), r.items());
    }

    @Test
    void invisibleCharactersInsideAnIdAreErrorsNamingTheCharacter() throws IOException {
        Path nbsp = write("nbsp.tsv", "user\titem\trating\nu1\ti1\t1\nu1\u00a0\ti1\t1\n");
        assertEquals(nbsp + ":3: user id 'u1<U+00A0>' contains U+00A0 (a no-break space), which would make it a "
                + "different id from one that looks the same; remove it", errorOf(nbsp));
        Path zwsp = write("zwsp.tsv", "user\titem\trating\nu1\ti\u200b1\t1\n");
        assertTrue(errorOf(zwsp).startsWith(zwsp + ":2: item id 'i<U+200B>1' contains U+200B (an invisible format character)"));
        // a second file appended with its own byte order mark: the mark is inside the data, not at the start
        Path bom = write("bom-inside.tsv", "user\titem\trating\nu1\ti1\t1\n\uFEFFu2\ti1\t1\n");
        assertTrue(errorOf(bom).startsWith(bom + ":3: user id '<U+FEFF>u2' contains U+FEFF (a byte order mark)"));
        Path lossy = write("lossy.tsv", "user\titem\trating\nu1\ta38\uFFFD\t1\n");
        assertTrue(errorOf(lossy).startsWith(lossy + ":2: item id 'a38<U+FFFD>' contains U+FFFD (the replacement "
                + "character: the text was converted from another encoding with losses)"));
        Path control = write("control.tsv", "user\titem\trating\nu\u00071\ti1\t1\n");
        assertTrue(errorOf(control).startsWith(control + ":2: user id 'u<U+0007>1' contains U+0007 (a control character)"));
    }

    @Test
    void aUtf16FileIsNotValidUtf8() throws IOException {
        // what "Unicode" means in some Windows editors: UTF-16LE with its byte order mark FF FE
        Path f = writeBytes("utf16.tsv", new byte[]{(byte) 0xFF, (byte) 0xFE},
                "user\titem\trating\nu\ti\t1\n".getBytes(StandardCharsets.UTF_16LE));
        assertTrue(errorOf(f).startsWith(f + ":1: not valid UTF-8 (byte 0xFF at byte 1 of the line"), errorOf(f));
    }
}
