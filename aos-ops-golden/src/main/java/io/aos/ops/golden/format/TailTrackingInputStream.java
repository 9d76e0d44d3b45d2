package io.aos.ops.golden.format;

import com.fasterxml.jackson.core.JsonLocation;
import io.aos.ops.core.json.TextPosition;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Remembers where the last newline of everything read so far was and what the last byte was, so that after a parse
 * error the reader can tell a cut-off last line (no newline after the event's start, none at the end) from bad JSON
 * in the middle of a file. Scans each chunk backwards only to its last newline, so the cost is tiny for JSONL.
 *
 * <p>It also keeps a reference (not a copy) to the last bytes it handed to the parser, in the parser's own buffer,
 * which the parser leaves as they are once it has failed, and a copy of the bytes of the line in progress before them
 * (from its last line break, up to {@link #MAX_CARRY}): so the character column of an error can be computed for a
 * stream that cannot be read again ({@link #position}), even on a line longer than the parser's buffer.
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
    /**
     * The bytes just before the last chunk, from the start of the line in progress there: {@code carry[0,
     * carryLength)} starting at offset {@code carryStart}; {@code carryStart} is -1 when they are not known (a line
     * longer than {@link #MAX_CARRY}, or a byte read alone).
     */
    private byte[] carry = new byte[256];
    private int carryLength;
    private long carryStart;

    /** The longest line start kept for a column: 1 MiB; an error further into a line is named at its byte column. */
    static final int MAX_CARRY = 1 << 20;

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
            carryStart = -1;
            lastByte = b;
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (chunk != null) {
            carryOver(); // before the read: buf may be the last chunk's buffer
        }
        int n = track(buf, off, len);
        if (n > 0) {
            chunk = buf;
            chunkFrom = off;
            chunkTo = off + n;
            chunkEnd = position;
        }
        return n;
    }

    /**
     * Makes the carry the bytes up to the end of the last chunk from the start of the line in progress there: the
     * chunk's bytes after its last line break, or, when it holds none, the carry so far and the whole chunk.
     */
    private void carryOver() {
        long chunkStart = chunkEnd - (chunkTo - chunkFrom);
        if (lastNewline >= chunkStart) {
            int from = chunkFrom + (int) (lastNewline + 1 - chunkStart);
            carryStart = lastNewline + 1;
            carryLength = 0;
            append(from);
        } else if (carryStart >= 0 && carryStart + carryLength == chunkStart) {
            append(chunkFrom);
        } else {
            carryStart = -1;
        }
    }

    private void append(int from) {
        int n = chunkTo - from;
        if (carryLength + n > MAX_CARRY) {
            carryStart = -1;
            return;
        }
        if (carryLength + n > carry.length) {
            carry = Arrays.copyOf(carry, Math.min(MAX_CARRY, Math.max(carryLength + n, carry.length * 2)));
        }
        System.arraycopy(chunk, from, carry, carryLength, n);
        carryLength += n;
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
     * ({@link TextPosition}), computed from the last bytes the parser read and the carry before them; null when they
     * do not reach back to its line's start (a line longer than {@link #MAX_CARRY}). Unexpected end of input is
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
            return fromCarry(lineStart, chunkStart, at, problem);
        }
        TextPosition inLine = TextPosition.of(chunk, chunkFrom + (int) (lineStart - chunkStart), chunkTo, 1, column,
                problem);
        return new TextPosition(at.getLineNr(), inLine.column());
    }

    /**
     * The position of an error on a line that began before the last chunk, from the carry and the chunk; null when
     * the carry does not reach back to the line's start.
     */
    private TextPosition fromCarry(long lineStart, long chunkStart, JsonLocation at, String problem) {
        if (carryStart < 0 || carryStart > lineStart || carryStart + carryLength != chunkStart) {
            return null;
        }
        int skip = (int) (lineStart - carryStart);
        int inChunk = chunkTo - chunkFrom;
        byte[] line = new byte[carryLength - skip + inChunk];
        System.arraycopy(carry, skip, line, 0, carryLength - skip);
        System.arraycopy(chunk, chunkFrom, line, carryLength - skip, inChunk);
        TextPosition inLine = TextPosition.of(line, 0, line.length, 1, at.getColumnNr(), problem);
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
