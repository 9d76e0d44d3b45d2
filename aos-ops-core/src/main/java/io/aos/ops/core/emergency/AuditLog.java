package io.aos.ops.core.emergency;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The append-only audit log: one JSON object per line, each written with a single fsynced append so lines from
 * several processes never interleave and a reported success is on disk. Nothing here truncates or deletes it.
 */
final class AuditLog {

    /** How much of the end of the file is read at a time when looking for the last lines. */
    private static final int BLOCK = 8192;

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
     * The last {@code count} entries, oldest first; empty when the log does not exist yet. Reads backwards from the
     * end, so a log that has grown for years costs no more than a new one.
     */
    List<AuditEntry> tail(int count) throws IOException {
        if (count <= 0) {
            return List.of();
        }
        Deque<String> lines = new ArrayDeque<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = channel.size();
            byte[] pending = new byte[0];
            while (end > 0 && lines.size() < count) {
                long start = Math.max(0, end - BLOCK);
                ByteBuffer buffer = ByteBuffer.allocate((int) (end - start));
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, start + buffer.position()) < 0) {
                        break;
                    }
                }
                byte[] chunk = new byte[buffer.position() + pending.length];
                System.arraycopy(buffer.array(), 0, chunk, 0, buffer.position());
                System.arraycopy(pending, 0, chunk, buffer.position(), pending.length);
                int lineEnd = chunk.length;
                for (int i = chunk.length - 1; i >= 0 && lines.size() < count; i--) {
                    if (chunk[i] == '\n') {
                        addLine(lines, chunk, i + 1, lineEnd);
                        lineEnd = i;
                    }
                }
                pending = Arrays.copyOf(chunk, lineEnd);
                end = start;
            }
            if (end == 0 && lines.size() < count) {
                addLine(lines, pending, 0, pending.length);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<AuditEntry> entries = new ArrayList<>(lines.size());
        for (String line : lines) {
            entries.add(parse(line));
        }
        return entries;
    }

    private static void addLine(Deque<String> lines, byte[] bytes, int from, int to) {
        String line = new String(bytes, from, to - from, StandardCharsets.UTF_8).strip();
        if (!line.isEmpty()) {
            lines.addFirst(line);
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
