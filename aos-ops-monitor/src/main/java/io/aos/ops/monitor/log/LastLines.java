package io.aos.ops.monitor.log;

import io.aos.ops.core.io.FileTail;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The last lines of a log, read backwards from its end by {@link FileTail}, so a large log costs only its tail and a
 * log ending in an endless line (a block of NUL bytes left by a crash) costs a bounded read: a line over
 * {@link #MAX_LINE_BYTES} is shown cut, with a marker saying how long it was ({@code … (line of 30000000 bytes cut)}).
 */
public final class LastLines {

    /** The most of one log line kept; a longer line is cut and marked. */
    public static final int MAX_LINE_BYTES = 16 * 1024;

    /** The most read backwards looking for line starts ({@link FileTail#MAX_SCAN_BYTES}). */
    public static final long MAX_SCAN_BYTES = FileTail.MAX_SCAN_BYTES;

    private LastLines() {
    }

    /**
     * Up to {@code n} last lines of {@code file}, oldest first, without line terminators; empty when the file does not
     * exist, a {@link io.aos.ops.core.io.NotRegularFileException} (never opened) when it is a FIFO or other special
     * file. {@code stripColour} removes ANSI colour codes (upstream writes them into its logs). A line over
     * {@link #MAX_LINE_BYTES} is cut and marked.
     */
    public static List<String> of(Path file, int n, boolean stripColour) throws IOException {
        List<String> lines = FileTail.lastLines(file, n, MAX_LINE_BYTES);
        return stripColour ? lines.stream().map(LogLine::stripColour).toList() : lines;
    }
}
