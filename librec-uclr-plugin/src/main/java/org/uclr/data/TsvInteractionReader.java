package org.uclr.data;

import org.uclr.UclrException;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
        try (BufferedReader in = open(file)) {
            String header = in.readLine();
            if (header == null) {
                throw new UclrException(file + ": empty file, expected the header 'user<TAB>item<TAB>rating'");
            }
            checkHeader(file, header);
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 3) {
                    throw new UclrException(file + ":" + lineNo + ": expected 3 tab-separated fields (user, item, rating), found "
                            + f.length + ": '" + abbreviate(line) + "'");
                }
                String user = f[0].trim();
                String item = f[1].trim();
                if (user.isEmpty() || item.isEmpty()) {
                    throw new UclrException(file + ":" + lineNo + ": empty user or item id: '" + abbreviate(line) + "'");
                }
                checkRating(file, lineNo, f[2].trim());
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

    private static BufferedReader open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        InputStream in = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** A relative path is resolved against the working directory, which is easy to forget. */
    private static String where(Path file) {
        return file.isAbsolute() ? "" : " (resolved to " + file.toAbsolutePath().normalize() + ")";
    }

    private static void checkHeader(Path file, String header) {
        // a byte order mark (some editors on Windows add one) is not part of the first column's name
        String[] f = header.replace("\uFEFF", "").strip().split("\t", -1);
        boolean ok = f.length == HEADER.length;
        for (int i = 0; ok && i < f.length; i++) {
            ok = f[i].strip().equalsIgnoreCase(HEADER[i]);
        }
        if (!ok) {
            throw new UclrException(file + ":1: expected the header 'user<TAB>item<TAB>rating', found '"
                    + abbreviate(header) + "'");
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
