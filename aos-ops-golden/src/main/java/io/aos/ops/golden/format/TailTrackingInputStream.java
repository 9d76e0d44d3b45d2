package io.aos.ops.golden.format;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers where the last newline of everything read so far was and what the last byte was, so that after a parse
 * error the reader can tell a cut-off last line (no newline after the event's start, none at the end) from bad JSON
 * in the middle of a file. Scans each chunk backwards only to its last newline, so the cost is tiny for JSONL.
 */
final class TailTrackingInputStream extends FilterInputStream {

    private long position;
    private long lastNewline = -1;
    private int lastByte = -1;

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
            lastByte = b;
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
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
        while (read(sink, 0, sink.length) >= 0) {
            // keep reading
        }
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
