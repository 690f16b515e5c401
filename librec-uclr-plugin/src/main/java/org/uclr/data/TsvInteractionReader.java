package org.uclr.data;

import org.uclr.UclrException;

import org.uclr.util.Utf8Text;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads one domain's interactions: TSV with the header {@code user<TAB>item<TAB>rating}, optionally
 * gzip-compressed (detected from the file's magic bytes, not its name). Every line is an implicit
 * positive; the rating must still be a finite number so that a shifted column is caught.
 *
 * <p>The text is UTF-8, decoded strictly ({@link Utf8Text}): bytes of another encoding are an error at
 * their line, never replaced, so two ids never merge silently. Around each field, whitespace as Java's
 * {@link Character#isWhitespace} defines it (spaces, a CR, Unicode spaces that may break a line) is
 * removed. An id must not contain characters that cannot be seen or that mark a lossy conversion:
 * control characters, no-break spaces (U+00A0, U+2007, U+202F), format characters such as the zero
 * width space or a byte order mark, and U+FFFD; each is an error naming the line, because it would
 * make an id that looks the same as another a different one.
 */
public final class TsvInteractionReader {
    private static final String[] HEADER = {"user", "item", "rating"};

    private TsvInteractionReader() {
    }

    public static RawInteractions read(Path file) {
        if (!Files.exists(file)) {
            throw new UclrException("data file not found: " + file + where(file));
        }
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new UclrException("data file is not a readable file: " + file);
        }
        List<String> users = new ArrayList<>();
        List<String> items = new ArrayList<>();
        try (Utf8Text.LineReader in = open(file)) {
            String header = in.readLine();
            if (header == null) {
                throw new UclrException(file + ": empty file, expected the header 'user<TAB>item<TAB>rating'");
            }
            checkHeader(file, header);
            String line;
            while ((line = in.readLine()) != null) {
                int lineNo = in.lineNumber();
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 3) {
                    throw new UclrException(file + ":" + lineNo + ": expected 3 tab-separated fields (user, item, rating), found "
                            + f.length + ": '" + abbreviate(line) + "'");
                }
                String user = f[0].strip();
                String item = f[1].strip();
                if (user.isEmpty() || item.isEmpty()) {
                    throw new UclrException(file + ":" + lineNo + ": empty user or item id: '" + abbreviate(line) + "'");
                }
                checkId(file, lineNo, "user", user);
                checkId(file, lineNo, "item", item);
                checkRating(file, lineNo, f[2].strip());
                users.add(user);
                items.add(item);
            }
        } catch (NoSuchFileException e) {
            throw new UclrException("data file not found: " + file + where(file));
        } catch (AccessDeniedException e) {
            throw new UclrException("data file is not readable (permission denied): " + file);
        } catch (IOException e) {
            throw new UclrException("cannot read data file " + file + ": " + e.getMessage());
        }
        if (users.isEmpty()) {
            throw new UclrException(file + ": no interactions after the header (empty domain)");
        }
        return new RawInteractions(file.toString(), users, items);
    }

    private static Utf8Text.LineReader open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        InputStream in = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new Utf8Text.LineReader(in, file.toString());
    }

    /** A relative path is resolved against the working directory, which is easy to forget. */
    private static String where(Path file) {
        return file.isAbsolute() ? "" : " (resolved to " + file.toAbsolutePath().normalize() + ")";
    }

    private static void checkHeader(Path file, String header) {
        // (a byte order mark, which some editors on Windows add, is dropped by the reader)
        String[] f = header.strip().split("\t", -1);
        boolean ok = f.length == HEADER.length;
        for (int i = 0; ok && i < f.length; i++) {
            ok = f[i].strip().equalsIgnoreCase(HEADER[i]);
        }
        if (!ok) {
            throw new UclrException(file + ":1: expected the header 'user<TAB>item<TAB>rating', found '"
                    + abbreviate(header) + "'");
        }
    }

    /** Rejects characters that would make an id differ from one that looks the same (see the class comment). */
    private static void checkId(Path file, int lineNo, String what, String id) {
        int c = Utf8Text.firstHidden(id);
        if (c >= 0) {
            throw new UclrException(file + ":" + lineNo + ": " + what + " id '" + abbreviate(Utf8Text.showHidden(id))
                    + "' contains " + String.format("U+%04X", c) + " (" + Utf8Text.hiddenCharacter(c) + "), which would "
                    + "make it a different id from one that looks the same; remove it");
        }
    }

    private static void checkRating(Path file, int lineNo, String rating) {
        boolean ok;
        try {
            ok = Double.isFinite(Double.parseDouble(rating));
        } catch (NumberFormatException e) {
            ok = false;
        }
        if (!ok) {
            throw new UclrException(file + ":" + lineNo + ": rating '" + abbreviate(rating) + "' is not a number");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
