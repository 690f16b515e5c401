package org.uclr.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.UclrException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PropertiesSourceTest {
    @TempDir
    Path dir;

    @Test
    void everyKeyRemembersItsFileAndLine() throws IOException {
        Path f = dir.resolve("a.properties");
        Files.writeString(f, "# comment\n\na.b=1\n  c.d = two words \nlong=x\\\n   y\nafter=3\n");
        PropertiesSource s = PropertiesSource.read(f);
        assertEquals("1", s.values().get("a.b"));
        assertEquals("two words", s.values().get("c.d"), "whitespace around a value is not part of it");
        assertEquals("xy", s.values().get("long"));
        assertEquals(f + ":3", s.origin("a.b").toString());
        assertEquals(f + ":4", s.origin("c.d").toString());
        assertEquals(f + ":5", s.origin("long").toString());
        assertEquals(f + ":7", s.origin("after").toString());
    }

    @Test
    void commandLineOverridesWinAndSaySo() throws IOException {
        Path f = dir.resolve("a.properties");
        Files.writeString(f, "k=file\n");
        PropertiesSource s = PropertiesSource.read(f);
        s.putOverride("k = cli");
        s.putOverride("new=v=w");
        assertEquals("cli", s.values().get("k"));
        assertEquals("v=w", s.values().get("new"));
        assertEquals("-D", s.origin("k").toString());
    }

    @Test
    void overrideWithoutEqualsSignIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> new PropertiesSource().putOverride("novalue"));
        assertEquals("-D novalue: expected key=value", e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("missing.properties");
        UclrException e = assertThrows(UclrException.class, () -> PropertiesSource.read(f));
        assertEquals("configuration file not found: " + f, e.getMessage());
    }

    @Test
    void malformedUnicodeEscapeNamesTheLine() throws IOException {
        Path f = dir.resolve("bad.properties");
        Files.writeString(f, "ok=1\nbad=\\u12\n");
        ConfigException e = assertThrows(ConfigException.class, () -> PropertiesSource.read(f));
        assertTrue(e.getMessage().startsWith(f + ":2: malformed line"), e.getMessage());
    }

    private Path writeBytes(String name, byte[]... parts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.write(p);
        }
        Path f = dir.resolve(name);
        Files.write(f, all.toByteArray());
        return f;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Issue 10's example: the first key of a file with a byte order mark was stored as "\uFEFFbprmf.epochs.max". */
    @Test
    void aByteOrderMarkIsNotPartOfTheFirstKey() throws IOException {
        Path f = writeBytes("bom.properties", BOM, utf8("bprmf.epochs.max=1\nbprmf.factors=8\n"));
        PropertiesSource s = PropertiesSource.read(f);
        assertEquals(java.util.List.of("bprmf.epochs.max", "bprmf.factors"), java.util.List.copyOf(s.values().keySet()));
        assertEquals(f + ":1", s.origin("bprmf.epochs.max").toString());
    }

    @Test
    void filesAreReadAsUtf8NotLatin1() throws IOException {
        Path f = writeBytes("utf8.properties", utf8("data.name=caf\u00e9-\u8c46\u74e3\n"));
        assertEquals("caf\u00e9-\u8c46\u74e3", PropertiesSource.read(f).values().get("data.name"));
    }

    @Test
    void bytesThatAreNotUtf8AreAnErrorAtTheirLine() throws IOException {
        Path f = writeBytes("latin1.properties", utf8("# ok\nbprmf.factors=8\ndata.name=caf"), new byte[]{(byte) 0xE9},
                utf8("\n"));
        UclrException e = assertThrows(UclrException.class, () -> PropertiesSource.read(f));
        assertEquals(f + ":3: not valid UTF-8 (byte 0xE9 at byte 14 of the line; the file is in another encoding, "
                + "such as Latin-1 or Windows-1252: save it as UTF-8)", e.getMessage());
    }

    /** Each raw text after "k=" means the same as a line of a file and as a -D override. */
    @ParameterizedTest
    @ValueSource(strings = {"16", "  16  ", "caf\u00e9", "caf\\u00e9", "a\\tb", "C:\\\\data", "x y", "a=b",
            "a:b", "a#b", "", "\\u8c46"})
    void aValueMeansTheSameInAFileAndOnTheCommandLine(String raw) throws IOException {
        Path f = writeBytes("same.properties", utf8("k=" + raw + "\n"));
        String fromFile = PropertiesSource.read(f).values().get("k");
        PropertiesSource cli = new PropertiesSource();
        cli.putOverride("k=" + raw);
        assertEquals(fromFile, cli.values().get("k"), "k=" + raw);
    }

    @Test
    void escapesAreDecodedTheSameWayInBoth() throws IOException {
        PropertiesSource cli = new PropertiesSource();
        cli.putOverride("k=caf\\u00e9\\t\\\\");
        assertEquals("caf\u00e9\t\\", cli.values().get("k"));
    }

    @Test
    void aBackslashBeforeAnOrdinaryCharacterIsAnErrorNotDropped() throws IOException {
        Path f = writeBytes("win.properties", utf8("a=1\ndata.domain.books.path=C:\\data\\books.tsv\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> PropertiesSource.read(f));
        assertEquals(f + ":2: '\\d' in 'data.domain.books.path=C:\\data\\books.tsv' is not an escape (.properties "
                + "syntax would drop the backslash); write '\\\\' for a backslash", e.getMessage());
        ConfigException cli = assertThrows(ConfigException.class,
                () -> new PropertiesSource().putOverride("data.domain.books.path=C:\\data\\books.tsv"));
        assertTrue(cli.getMessage().startsWith("-D: '\\d' in"), cli.getMessage());
    }

    @Test
    void aKeySetTwiceInOneFileIsAnError() throws IOException {
        Path f = writeBytes("twice.properties", utf8("bprmf.epochs.max=1\nbprmf.factors=8\nbprmf.epochs.max=300\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> PropertiesSource.read(f));
        assertEquals(f + ":3: bprmf.epochs.max is set a second time (first at " + f + ":1); set each key once",
                e.getMessage());
    }

    @Test
    void invisibleCharactersInKeysAndValuesAreErrors() throws IOException {
        Path nbsp = writeBytes("nbsp.properties", utf8("bprmf.factors\u00a0=16\n"));
        ConfigException e = assertThrows(ConfigException.class, () -> PropertiesSource.read(nbsp));
        assertEquals(nbsp + ":1: key 'bprmf.factors<U+00A0>' contains U+00A0 (a no-break space); remove it", e.getMessage());
        Path zwsp = writeBytes("zwsp.properties", utf8("ok=1\n\u200bdata.name=x\n"));
        e = assertThrows(ConfigException.class, () -> PropertiesSource.read(zwsp));
        assertTrue(e.getMessage().startsWith(zwsp + ":2: key '<U+200B>data.name' contains U+200B"), e.getMessage());
        ConfigException v = assertThrows(ConfigException.class,
                () -> new PropertiesSource().putOverride("data.name=douban\uFFFD"));
        assertTrue(v.getMessage().startsWith("-D: the value of data.name contains U+FFFD (the replacement character"),
                v.getMessage());
    }

    @Test
    void anOverrideCannotSpanLines() {
        ConfigException e = assertThrows(ConfigException.class, () -> new PropertiesSource().putOverride("a=1\nb=2"));
        assertEquals("-D a=1...: a value cannot span lines", e.getMessage());
    }
}
