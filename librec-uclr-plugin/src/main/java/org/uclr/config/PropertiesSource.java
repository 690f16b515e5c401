package org.uclr.config;

import org.uclr.UclrException;
import org.uclr.util.Utf8Text;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Key/value pairs in the order they were given, each remembering its origin, so that an error can
 * name the file and line of the offending key. Later entries (for example -D overrides) win.
 *
 * <p>A value means the same whether it comes from a file or from {@code -D key=value}: both are parsed
 * by the same rules. Files are UTF-8 (a byte order mark is dropped; bytes that are not UTF-8 are an
 * error at their line), not the ISO-8859-1 of {@link Properties#load(java.io.InputStream)}. Java's
 * {@code .properties} escapes apply in both ({@code \t}, {@code \\}, {@code \u00e9}, a trailing
 * backslash continuing a file line), and a backslash before any other character is an error rather
 * than silently dropped (so {@code C:\data} is not read as {@code C:data}). Whitespace around a value
 * is not part of it. Keys and values must not contain characters that cannot be seen (no-break
 * spaces, zero width spaces, byte order marks, control characters other than an escaped tab in a
 * value) or U+FFFD. A file sets each key once.
 */
public final class PropertiesSource {
    private static final String ESCAPABLE = "tnrf\\u=: #!";

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, KeyOrigin> origins = new LinkedHashMap<>();

    /** Reads a .properties file (see the class comment for the rules). */
    public static PropertiesSource read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UclrException("configuration file not found: " + file);
        } catch (IOException e) {
            throw new UclrException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        String text = Utf8Text.decode(bytes, file.toString());
        PropertiesSource source = new PropertiesSource();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            StringBuilder logical = new StringBuilder(lines[i]);
            int j = i;
            while (endsWithOddBackslashes(lines[j]) && j + 1 < lines.length) {
                j++;
                logical.append('\n').append(lines[j]);
            }
            KeyOrigin origin = new KeyOrigin(file.toString(), i + 1);
            String[] entry = parseEntry(logical.toString(), origin.toString());
            if (source.values.containsKey(entry[0])) {
                throw new ConfigException(origin + ": " + entry[0] + " is set a second time (first at "
                        + source.origin(entry[0]) + "); set each key once");
            }
            source.put(entry[0], entry[1], origin);
            i = j;
        }
        return source;
    }

    /**
     * One {@code key=value} entry (a file's logical line or a -D assignment) parsed as a
     * {@code .properties} line: returns {key, value}.
     */
    private static String[] parseEntry(String text, String origin) {
        checkEscapes(text, origin);
        Properties one = new Properties();
        try {
            one.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(origin + ": malformed line: " + text.strip());
        }
        if (one.size() != 1) {
            throw new ConfigException(origin + ": malformed line: " + text.strip());
        }
        String key = one.stringPropertyNames().iterator().next();
        String value = one.getProperty(key).strip();
        if (key.isEmpty()) {
            throw new ConfigException(origin + ": no key before '=' in: " + text.strip());
        }
        checkVisible(origin, "key '" + Utf8Text.showHidden(key) + "'", key, false);
        checkVisible(origin, "the value of " + key, value, true);
        return new String[]{key, value};
    }

    /** A backslash before a character that is no escape is dropped by Java; here it is an error. */
    private static void checkEscapes(String text, String origin) {
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) != '\\') {
                continue;
            }
            if (k + 1 == text.length()) {
                return; // a continuation at the end of the last line
            }
            char next = text.charAt(k + 1);
            if (next != '\n' && ESCAPABLE.indexOf(next) < 0) {
                throw new ConfigException(origin + ": '\\" + next + "' in '" + text.strip() + "' is not an escape "
                        + "(.properties syntax would drop the backslash); write '\\\\' for a backslash");
            }
            k++;
        }
    }

    private static void checkVisible(String origin, String what, String text, boolean tabAllowed) {
        for (int k = 0; k < text.length(); ) {
            int c = text.codePointAt(k);
            String kind = Utf8Text.hiddenCharacter(c);
            if (kind != null && !(tabAllowed && c == '\t')) {
                String hint = c == 0xFFFD && origin.equals(KeyOrigin.commandLine().toString())
                        ? " (with -D, is the terminal's locale UTF-8? try LC_ALL=C.UTF-8)" : "";
                throw new ConfigException(origin + ": " + what + " contains " + String.format("U+%04X", c) + " ("
                        + kind + ")" + hint + "; remove it");
            }
            k += Character.charCount(c);
        }
    }

    private static boolean endsWithOddBackslashes(String line) {
        int n = 0;
        for (int k = line.length() - 1; k >= 0 && line.charAt(k) == '\\'; k--) {
            n++;
        }
        return n % 2 == 1;
    }

    /**
     * Parses a {@code key=value} override from the command line by the same rules as a line of a file,
     * so a value means the same in both places.
     */
    public void putOverride(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0 || assignment.substring(0, eq).isBlank()) {
            throw new ConfigException("-D " + assignment + ": expected key=value");
        }
        if (assignment.indexOf('\n') >= 0 || assignment.indexOf('\r') >= 0) {
            throw new ConfigException("-D " + assignment.lines().findFirst().orElse("") + "...: a value cannot span lines");
        }
        String[] entry = parseEntry(assignment, KeyOrigin.commandLine().toString());
        put(entry[0], entry[1], KeyOrigin.commandLine());
    }

    public void put(String key, String value, KeyOrigin origin) {
        values.remove(key);
        values.put(key, value);
        origins.put(key, origin);
    }

    public Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public KeyOrigin origin(String key) {
        return origins.getOrDefault(key, new KeyOrigin("configuration", 0));
    }
}
