package io.aos.ops.monitor.debug;

import io.aos.ops.core.io.RegularFile;
import io.aos.ops.monitor.log.LogEvent;
import io.aos.ops.monitor.log.LogLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One pass over a run log for the sections that need more than its tail: line count, the first and last
 * {@code HH:MM:SS}, and the last progress lines. A 24-hour upstream log is a few thousand lines, so reading it whole
 * once per console call is cheap; the monitor's incremental tail is for the daemon, not for this.
 */
final class LogScan {

    static final int PROGRESS_KEPT = 5;

    private final Path file;
    private final long size;
    private final Instant modified;
    private final long lines;
    private final Optional<String> firstTime;
    private final Optional<String> lastTime;
    private final List<String> lastProgress;

    private LogScan(Path file, long size, Instant modified, long lines, Optional<String> firstTime,
                    Optional<String> lastTime, List<String> lastProgress) {
        this.file = file;
        this.size = size;
        this.modified = modified;
        this.lines = lines;
        this.firstTime = firstTime;
        this.lastTime = lastTime;
        this.lastProgress = List.copyOf(lastProgress);
    }

    /**
     * Reads {@code file}; an IOException names the file in its message for the caller to report. Only a regular file
     * is opened.
     */
    static LogScan of(Path file) throws IOException {
        BasicFileAttributes attrs = RegularFile.check(file);
        long size = attrs.size();
        Instant modified = attrs.lastModifiedTime().toInstant();
        long count = 0;
        String first = null;
        String last = null;
        Deque<String> progress = new ArrayDeque<>();
        // Malformed bytes are replaced, not fatal: a log cut mid-character must still be readable.
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(
                new java.io.InputStreamReader(RegularFile.newInputStream(file, Long.MAX_VALUE), decoder))) {
            String raw;
            while ((raw = reader.readLine()) != null) {
                count++;
                LogLine line = LogLine.parse(raw);
                if (line.time().isPresent()) {
                    if (first == null) {
                        first = line.time().get();
                    }
                    last = line.time().get();
                }
                if (line.event() instanceof LogEvent.Progress) {
                    progress.addLast(LogLine.stripColour(raw));
                    if (progress.size() > PROGRESS_KEPT) {
                        progress.removeFirst();
                    }
                }
            }
        }
        return new LogScan(file, size, modified, count, Optional.ofNullable(first), Optional.ofNullable(last),
                new ArrayList<>(progress));
    }

    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    Instant modified() {
        return modified;
    }

    long lines() {
        return lines;
    }

    Optional<String> firstTime() {
        return firstTime;
    }

    Optional<String> lastTime() {
        return lastTime;
    }

    List<String> lastProgress() {
        return lastProgress;
    }
}
