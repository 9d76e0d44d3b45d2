package io.aos.ops.golden.format;

import com.fasterxml.jackson.core.JsonLocation;
import io.aos.ops.core.json.TextPosition;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers where the last newline of everything read so far was and what the last byte was, so that after a parse
 * error the reader can tell a cut-off last line (no newline after the event's start, none at the end) from bad JSON
 * in the middle of a file. Scans each chunk backwards only to its last newline, so the cost is tiny for JSONL.
 *
 * <p>It also keeps a reference (not a copy) to the last bytes it handed to the parser, in the parser's own buffer,
 * which the parser leaves as they are once it has failed: so the character column of an error can be computed for a
 * stream that cannot be read again ({@link #position}).
 */
final class TailTrackingInputStream extends FilterInputStream {

    private long position;
    private long lastNewline = -1;
    private int lastByte = -1;
    /** The last bytes read into a caller's buffer: {@code chunk[chunkFrom, chunkTo)} ending at {@code chunkEnd}. */
    private byte[] chunk;
    private int chunkFrom;
    private int chunkTo;
    private long chunkEnd;

    TailTrackingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            if (b == '\n') {
                lastNewline = position;
            }
            chunk = null;
            lastByte = b;
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = track(buf, off, len);
        if (n > 0) {
            chunk = buf;
            chunkFrom = off;
            chunkTo = off + n;
            chunkEnd = position;
        }
        return n;
    }

    private int track(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0) {
            for (int i = off + n - 1; i >= off; i--) {
                if (buf[i] == '\n') {
                    lastNewline = position + (i - off);
                    break;
                }
            }
            lastByte = buf[off + n - 1];
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes are not seen; read them instead so the tail stays known.
        byte[] sink = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = read(sink, 0, (int) Math.min(sink.length, left));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - left;
    }

    /** Reads to the end so the tail is known. */
    void drain() throws IOException {
        byte[] sink = new byte[65536];
        while (track(sink, 0, sink.length) >= 0) {
            // keep reading
        }
    }

    /**
     * Where a parse error at {@code at} (a location in the bytes read) is, with the column in characters
     * ({@link TextPosition}), computed from the last bytes the parser read; null when its line did not start in them
     * (a line longer than the parser's buffer, or one that began in the buffer before). Unexpected end of input is
     * placed at the end of the last line that is not blank, when that line starts in those bytes.
     *
     * @param at      the parser's location of the error
     * @param problem the parser's message; null if none
     * @return the position, or null if these bytes cannot tell
     */
    TextPosition position(JsonLocation at, String problem) {
        long column = at.getColumnNr();
        long offset = at.getByteOffset();
        if (chunk == null || column < 1 || offset < 0 || offset > chunkEnd) {
            return null;
        }
        long chunkStart = chunkEnd - (chunkTo - chunkFrom);
        if (problem != null && problem.startsWith("Unexpected end-of-input")) {
            return endOfInput(at.getLineNr(), chunkStart, problem);
        }
        long lineStart = offset - (column - 1);
        if (lineStart < chunkStart) {
            return null;
        }
        TextPosition inLine = TextPosition.of(chunk, chunkFrom + (int) (lineStart - chunkStart), chunkTo, 1, column,
                problem);
        return new TextPosition(at.getLineNr(), inLine.column());
    }

    /**
     * The end of the last line that is not blank, from the bytes after the first line break in the last bytes read
     * (the parser's last, so they end where the input ended, on line {@code lastLine}); null if they hold none.
     */
    private TextPosition endOfInput(long lastLine, long chunkStart, String problem) {
        if (chunkEnd != position) {
            return null;
        }
        int from = chunkFrom;
        if (chunkStart > 0) {
            while (from < chunkTo && chunk[from] != '\n' && chunk[from] != '\r') {
                from++;
            }
            from += from + 1 < chunkTo && chunk[from] == '\r' && chunk[from + 1] == '\n' ? 2 : 1;
        }
        long breaks = 0;
        boolean blank = true;
        for (int i = from; i < chunkTo; i++) {
            byte b = chunk[i];
            if (b == '\n' && !(i > from && chunk[i - 1] == '\r') || b == '\r') {
                breaks++;
            } else if (b != ' ' && b != '\t' && b != '\n') {
                blank = false;
            }
        }
        if (blank || from >= chunkTo) {
            return null;
        }
        TextPosition end = TextPosition.of(chunk, from, chunkTo, Long.MAX_VALUE, 1, problem);
        return new TextPosition(lastLine - breaks + end.line() - 1, end.column());
    }

    /** Offset of the last newline read, or -1. */
    long lastNewline() {
        return lastNewline;
    }

    /** The last byte read, or -1 if nothing was read. */
    int lastByte() {
        return lastByte;
    }
}
