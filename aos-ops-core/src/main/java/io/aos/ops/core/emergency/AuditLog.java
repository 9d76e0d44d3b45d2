package io.aos.ops.core.emergency;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.io.FileTail;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The append-only audit log: one JSON object per line, each written with a single fsynced append so lines from
 * several processes never interleave and a reported success is on disk. Nothing here truncates or deletes it.
 */
final class AuditLog {

    /** The most of one audit line read; a record with its reason fits many times over. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final Path file;

    AuditLog(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    void append(AuditEntry entry) throws IOException {
        String line;
        try {
            line = OpsJson.mapper().writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot render an audit entry", e);
        }
        AtomicFiles.appendLine(file, line);
    }

    /**
     * The last {@code count} entries, oldest first; empty when the log does not exist yet. Read backwards from the end
     * by {@link FileTail}, so a log that has grown for years costs no more than a new one, and one ending in an endless
     * line (a block of NUL bytes after a crash) costs a bounded read: a line over {@link #MAX_LINE_BYTES} is an
     * unreadable entry, cut and marked. A FIFO, device or directory in its place is a
     * {@link io.aos.ops.core.io.NotRegularFileException}, never opened: opening a FIFO for reading blocks until a
     * writer comes, and {@code emergency-stop status} must answer.
     */
    List<AuditEntry> tail(int count) throws IOException {
        if (count <= 0) {
            return List.of();
        }
        // Blank lines are not entries: ask for more lines until there are enough entries or no more lines.
        int want = count;
        while (true) {
            List<String> lines = FileTail.lastLines(file, want, MAX_LINE_BYTES);
            List<String> entries = lines.stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
            if (entries.size() >= count || lines.size() < want || want > Integer.MAX_VALUE / 2) {
                return entries.subList(Math.max(0, entries.size() - count), entries.size()).stream()
                        .map(AuditLog::parse).toList();
            }
            want *= 2;
        }
    }

    static AuditEntry parse(String line) {
        try {
            AuditEntry entry = OpsJson.mapper().readValue(line, AuditEntry.class);
            return entry.action() == null ? AuditEntry.unreadable(line) : entry;
        } catch (JsonProcessingException e) {
            return AuditEntry.unreadable(line);
        }
    }
}
