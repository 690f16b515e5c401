package org.uclr.util;

import org.uclr.UclrException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Text files (configuration and data) in UTF-8, decoded strictly. Java's readers replace every byte
 * sequence that is not UTF-8 with U+FFFD, so a Latin-1 file silently turns {@code a38\xe9} and
 * {@code a38\xe8} into the same id; here such bytes are an error naming the file, the line and the
 * bytes. A UTF-8 byte order mark at the start of the file is not part of the text and is dropped.
 */
public final class Utf8Text {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private Utf8Text() {
    }

    /**
     * A whole file's bytes as text.
     *
     * @param bytes  the file's content
     * @param source the file's name, for the error message
     * @throws UclrException {@code source:LINE: not valid UTF-8 (...)} at the first invalid byte
     */
    public static String decode(byte[] bytes, String source) {
        int start = startsWithBom(bytes, bytes.length) ? BOM.length : 0;
        CharsetDecoder decoder = strictDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            int lineStart = start;
            for (int i = start; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw invalid(source, line, bytes, at, r.length(), at - lineStart + 1);
        }
        return out.flip().toString();
    }

    /**
     * Reads a stream line by line, each line decoded strictly, so an invalid byte is reported at its
     * own line (a decoding reader reports it at whatever line its read-ahead buffer reached). Lines end
     * as for {@link java.io.BufferedReader#readLine()}: at {@code \n}, {@code \r\n} or a lone {@code \r}.
     * Not thread-safe.
     */
    public static final class LineReader implements Closeable {
        private final InputStream in;
        private final String source;
        private final CharsetDecoder decoder = strictDecoder();
        private final byte[] buffer = new byte[1 << 16];
        private int pos;
        private int limit;
        private byte[] line = new byte[256];
        private int lineNumber;
        private boolean eof;
        /** The last line ended at a \r: a \n right after it belongs to that line ending. */
        private boolean afterCr;

        /**
         * @param in     the (already decompressed) bytes
         * @param source the file's name, for error messages
         */
        public LineReader(InputStream in, String source) {
            this.in = in;
            this.source = source;
        }

        /** The 1-based number of the line last returned by {@link #readLine()}. */
        public int lineNumber() {
            return lineNumber;
        }

        /**
         * The next line without its terminator, or null at the end.
         *
         * @throws UclrException at bytes that are not UTF-8
         * @throws IOException   when the stream cannot be read
         */
        public String readLine() throws IOException {
            int length = 0;
            boolean ascii = true;
            boolean any = false;
            while (true) {
                if (pos == limit) {
                    if (eof || !fill()) {
                        if (!any) {
                            return null;
                        }
                        break;
                    }
                }
                byte b = buffer[pos++];
                if (afterCr) {
                    afterCr = false;
                    if (b == '\n') {
                        continue;
                    }
                }
                any = true;
                if (b == '\n') {
                    break;
                }
                if (b == '\r') {
                    afterCr = true;
                    break;
                }
                if (length == line.length) {
                    line = Arrays.copyOf(line, line.length * 2);
                }
                line[length++] = b;
                ascii &= b >= 0;
            }
            lineNumber++;
            int from = lineNumber == 1 && startsWithBom(line, length) ? BOM.length : 0;
            if (ascii) {
                return new String(line, from, length - from, StandardCharsets.ISO_8859_1);
            }
            decoder.reset();
            ByteBuffer bytes = ByteBuffer.wrap(line, from, length - from);
            CharBuffer chars = CharBuffer.allocate(length - from);
            CoderResult r = decoder.decode(bytes, chars, true);
            if (!r.isError()) {
                r = decoder.flush(chars);
            }
            if (r.isError()) {
                throw invalid(source, lineNumber, line, bytes.position(), r.length(), bytes.position() - from + 1);
            }
            return chars.flip().toString();
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * What kind of character {@code c} is when it should not be inside an identifier or a value because
     * it cannot be seen or marks a lossy conversion (U+FFFD, no-break spaces, control and format
     * characters such as the zero width space or a byte order mark), or null when it may be there.
     */
    public static String hiddenCharacter(int c) {
        if (c == 0xFFFD) {
            return "the replacement character: the text was converted from another encoding with losses";
        }
        if (c == 0xA0 || c == 0x2007 || c == 0x202F) {
            return "a no-break space";
        }
        if (Character.isISOControl(c)) {
            return "a control character";
        }
        if (Character.getType(c) == Character.FORMAT) {
            return c == 0xFEFF ? "a byte order mark" : "an invisible format character";
        }
        return null;
    }

    /** The first code point of {@code text} that {@link #hiddenCharacter} names, or -1. */
    public static int firstHidden(String text) {
        return text.codePoints().filter(c -> hiddenCharacter(c) != null).findFirst().orElse(-1);
    }

    /** The text with every character that {@link #hiddenCharacter} names shown as {@code <U+XXXX>}. */
    public static String showHidden(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> sb.append(hiddenCharacter(c) == null ? Character.toString(c)
                : String.format("<U+%04X>", c)));
        return sb.toString();
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static boolean startsWithBom(byte[] bytes, int length) {
        return length >= BOM.length && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
    }

    private static UclrException invalid(String source, int line, byte[] bytes, int at, int length, int column) {
        StringBuilder shown = new StringBuilder();
        for (int i = at; i < at + Math.max(1, length) && i < bytes.length; i++) {
            shown.append(shown.length() == 0 ? "" : " ").append(String.format("0x%02X", bytes[i] & 0xFF));
        }
        return new UclrException(source + ":" + line + ": not valid UTF-8 (byte " + shown + " at byte " + column
                + " of the line; the file is in another encoding, such as Latin-1 or Windows-1252: save it as UTF-8)");
    }
}
