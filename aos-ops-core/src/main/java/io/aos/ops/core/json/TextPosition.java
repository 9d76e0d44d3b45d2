package io.aos.ops.core.json;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a JSON problem is, as an operator counts it: the line from 1, and the column in characters (Unicode code
 * points, as Python's {@code json} counts them) from 1, at the first character of what is wrong. Jackson's byte
 * parser counts columns in bytes, places an unknown word ({@code x}, {@code tru}) after it and the character that ended
 * it, and an unexpected end of input after every trailing line break (here: at the end of the last line that is
 * not blank, where the text stopped short); this class turns its location into that
 * position by reading the text again. That happens once, for an error, never while a valid file is read.
 *
 * @param line   1-based line
 * @param column 1-based column, in characters
 */
public record TextPosition(long line, long column) {

    /** Jackson's longest unknown word in a message ({@code ErrorReportConfiguration}'s default): it stops there. */
    private static final int MAX_TOKEN_IN_MESSAGE = 256;
    private static final Pattern UNKNOWN_WORD = Pattern.compile("^Unrecognized token '(.*)': was expecting",
            Pattern.DOTALL);

    /**
     * The position of a problem Jackson located at {@code line} and {@code byteColumn} in {@code data[from, to)}
     * (line 1 starting at {@code from}).
     *
     * @param data       the bytes the parser read
     * @param from       where it started
     * @param to         where it stopped
     * @param line       Jackson's line
     * @param byteColumn Jackson's column (bytes from 1)
     * @param problem    Jackson's message (its original message, without the location); null if none
     * @return the position; Jackson's own when the text does not reach it
     */
    public static TextPosition of(byte[] data, int from, int to, long line, long byteColumn, String problem) {
        try {
            return locate(new ByteArrayInputStream(data, from, to - from), line, byteColumn, problem);
        } catch (IOException e) {
            throw new AssertionError("a byte array cannot fail to be read", e);
        }
    }

    /**
     * As {@link #of(byte[], int, int, long, long, String)} for the text of {@code file} (read again from its start).
     *
     * @param file       the file the parser read from its start
     * @param line       Jackson's line
     * @param byteColumn Jackson's column (bytes from 1)
     * @param problem    Jackson's message; null if none
     * @return the position; Jackson's own when the file cannot be read again or does not reach it
     */
    public static TextPosition inFile(Path file, long line, long byteColumn, String problem) {
        if (!Files.isRegularFile(file)) {
            return new TextPosition(line, byteColumn);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return locate(in, line, byteColumn, problem);
        } catch (IOException | RuntimeException e) {
            return new TextPosition(line, byteColumn);
        }
    }

    /**
     * One pass over the text, counting lines as Jackson does ({@code \n}, {@code \r\n} and a lone {@code \r} end a
     * line): the character column of Jackson's byte position, and where the last line that is not blank ends.
     */
    private static TextPosition locate(InputStream in, long line, long byteColumn, String problem) throws IOException {
        boolean endOfInput = problem != null && problem.startsWith("Unexpected end-of-input");
        long ln = 1;
        long bytes = 1;
        long chars = 1;
        boolean afterCr = false;
        long endLine = 1;
        long endColumn = 1;
        long hit = -1;
        int last = -1;
        int c;
        while (true) {
            if (hit < 0 && ln == line && bytes == byteColumn) {
                hit = chars;
                if (!endOfInput) {
                    break;
                }
            }
            c = in.read();
            if (c < 0) {
                break;
            }
            bytes++;
            if ((c & 0xc0) != 0x80) {
                chars++;
            }
            boolean onTarget = ln == line && bytes == byteColumn;
            if (c == '\n' && afterCr) {
                // the \n of \r\n: the line began after the \r, and begins again after this
                bytes = 1;
                chars = 1;
            } else if ((c == '\n' || c == '\r') && !onTarget) {
                ln++;
                bytes = 1;
                chars = 1;
            } else {
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    endLine = ln;
                }
                if (ln == endLine) {
                    endColumn = chars;
                }
            }
            afterCr = c == '\r';
            last = c;
        }
        if (endOfInput) {
            return new TextPosition(endLine, endColumn);
        }
        if (hit < 0) {
            return new TextPosition(line, byteColumn);
        }
        Matcher word = problem == null ? null : UNKNOWN_WORD.matcher(problem);
        if (word != null && word.find()) {
            // Jackson read the word and the character that ended it (none when the text or its limit ended first:
            // the last byte read is then part of the word)
            int length = word.group(1).codePointCount(0, word.group(1).length());
            boolean ended = last >= 0 && last < 0x80 && !Character.isJavaIdentifierPart(last);
            long start = hit - length - (ended && length < MAX_TOKEN_IN_MESSAGE ? 1 : 0);
            return new TextPosition(line, Math.max(1, start));
        }
        return new TextPosition(line, hit);
    }
}
