package org.uclr.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uclr.UclrException;

import java.io.IOException;
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
        assertEquals("two words ", s.values().get("c.d"));
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
}
