package io.aos.ops.core.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one reader of a file's last lines (a run log, the monitor log, the emergency stop's audit log): read backwards
 * from the end, so a large file costs only its tail, and bounded in time and memory whatever the file holds.
 *
 * <p>The search for line starts reads backwards at most {@link #MAX_SCAN_BYTES} in one reused block, and at most
 * {@code maxLineBytes} of each line are kept. A longer line (a log left ending in a block of NUL bytes after a crash,
 * a runaway writer) is its start, cut on a character boundary, and a marker saying how long it was:
 * {@code … (line of 30000000 bytes cut)}. Lines of normal length come out as they are in the file, without their
 * {@code \n} or {@code \r\n}. Only a regular file is opened ({@link RegularFile}).
 */
public final class FileTail {

    /**
     * The most read backwards looking for line starts. Past it the oldest line reached is only a marker,
     * {@code … (line of over 67108864 bytes cut)}, and older lines are not looked for: an endless line must not cost
     * endless reading.
     */
    public static final long MAX_SCAN_BYTES = 64L * 1024 * 1024;

    private static final int BLOCK = 8192;

    private FileTail() {
    }

    /**
     * Up to {@code n} last lines of {@code file}, oldest first, without line terminators; empty when the file does not
     * exist.
     *
     * @param file         the file
     * @param n            how many lines, zero or more
     * @param maxLineBytes the most kept of one line; a longer one is cut and marked
     * @return the lines, oldest first
     * @throws NotRegularFileException if it is a FIFO or other special file (never opened)
     * @throws IOException if it cannot be read
     */
    public static List<String> lastLines(Path file, int n, int maxLineBytes) throws IOException {
        checkArgument(n >= 0, "n must not be negative, got %s", n);
        checkArgument(maxLineBytes > 0, "maxLineBytes must be positive, got %s", maxLineBytes);
        if (n == 0) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (FileChannel channel = RegularFile.openChannel(file)) {
            long size = channel.size();
            if (size == 0) {
                return List.of();
            }
            ByteBuffer block = ByteBuffer.allocate(BLOCK);
            // One terminating newline ends the last line; it does not start an empty one after it.
            boolean terminated = readFully(channel, block, size - 1, 1) == 1 && block.get(0) == '\n';
            long lineEnd = terminated ? size - 1 : size;
            boolean lineTerminated = terminated;
            long pos = lineEnd;
            long scanned = 0;
            search:
            while (lines.size() < n) {
                if (pos == 0) {
                    lines.add(line(channel, 0, lineEnd, lineTerminated, maxLineBytes));
                    break;
                }
                if (scanned >= MAX_SCAN_BYTES) {
                    lines.add("… (line of over " + (lineEnd - pos) + " bytes cut)");
                    break;
                }
                int len = (int) Math.min(BLOCK, pos);
                long blockStart = pos - len;
                int got = readFully(channel, block, blockStart, len);
                if (got < len) {
                    // Truncated while read: what is left before this point is gone.
                    lines.add(line(channel, pos, lineEnd, lineTerminated, maxLineBytes));
                    break;
                }
                scanned += len;
                byte[] bytes = block.array();
                for (int i = len - 1; i >= 0; i--) {
                    if (bytes[i] == '\n') {
                        long newline = blockStart + i;
                        lines.add(line(channel, newline + 1, lineEnd, lineTerminated, maxLineBytes));
                        lineEnd = newline;
                        lineTerminated = true;
                        if (lines.size() == n) {
                            break search;
                        }
                    }
                }
                pos = blockStart;
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        Collections.reverse(lines);
        return List.copyOf(lines);
    }

    /** The line at {@code [start, end)}: without a {@code \r} before its newline, cut past {@code maxLineBytes}. */
    private static String line(FileChannel channel, long start, long end, boolean terminated, int maxLineBytes)
            throws IOException {
        long length = end - start;
        boolean cut = length > maxLineBytes;
        // One byte more than kept when cutting, to see whether the cut falls inside a UTF-8 sequence.
        int want = (int) Math.min(length, maxLineBytes + 1L);
        ByteBuffer buffer = ByteBuffer.allocate(want);
        int got = readFully(channel, buffer, start, want);
        byte[] bytes = buffer.array();
        if (cut) {
            int keep = Math.min(got, maxLineBytes);
            while (keep > 0 && keep < got && (bytes[keep] & 0xC0) == 0x80) {
                keep--;
            }
            String kept = new String(bytes, 0, keep, StandardCharsets.UTF_8);
            return kept + "… (line of " + length + " bytes cut)";
        }
        int visible = got;
        if (terminated && visible > 0 && bytes[visible - 1] == '\r') {
            visible--;
        }
        return new String(bytes, 0, visible, StandardCharsets.UTF_8);
    }

    /** Reads up to {@code len} bytes at {@code position} into the start of {@code buffer}; fewer only at the end. */
    private static int readFully(FileChannel channel, ByteBuffer buffer, long position, int len) throws IOException {
        buffer.clear().limit(len);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) <= 0) {
                break;
            }
        }
        return buffer.position();
    }
}
