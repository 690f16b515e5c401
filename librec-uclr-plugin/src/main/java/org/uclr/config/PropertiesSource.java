package org.uclr.config;

import org.uclr.UclrException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Key/value pairs in the order they were given, each remembering its origin, so that an error can
 * name the file and line of the offending key. Later entries (for example -D overrides) win.
 */
public final class PropertiesSource {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, KeyOrigin> origins = new LinkedHashMap<>();

    /** Reads a .properties file; Java's escaping and continuation rules apply to values. */
    public static PropertiesSource read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new UclrException("configuration file not found: " + file);
        } catch (IOException e) {
            throw new UclrException("cannot read configuration file " + file + ": " + e.getMessage());
        }
        PropertiesSource source = new PropertiesSource();
        String[] lines = text.split("\r?\n|\r", -1);
        boolean continuation = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            boolean startsEntry = !continuation && !trimmed.isEmpty()
                    && !trimmed.startsWith("#") && !trimmed.startsWith("!");
            if (startsEntry) {
                StringBuilder logical = new StringBuilder(line);
                int j = i;
                while (endsWithOddBackslashes(lines[j]) && j + 1 < lines.length) {
                    j++;
                    logical.append('\n').append(lines[j]);
                }
                Properties one = new Properties();
                try {
                    one.load(new StringReader(logical.toString()));
                } catch (IOException | IllegalArgumentException e) {
                    throw new ConfigException(file + ":" + (i + 1) + ": malformed line: " + trimmed);
                }
                for (String key : one.stringPropertyNames()) {
                    source.put(key, one.getProperty(key), new KeyOrigin(file.toString(), i + 1));
                }
                i = j;
            }
            continuation = false;
        }
        return source;
    }

    private static boolean endsWithOddBackslashes(String line) {
        int n = 0;
        for (int k = line.length() - 1; k >= 0 && line.charAt(k) == '\\'; k--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** Parses a {@code key=value} override from the command line. */
    public void putOverride(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("-D " + assignment + ": expected key=value");
        }
        put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim(), KeyOrigin.commandLine());
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
