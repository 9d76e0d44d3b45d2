package io.aos.ops.monitor.log;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads what was appended to a log since the last poll, so a check costs the new bytes, not the whole file.
 *
 * <p>Survives rotation and truncation: the file is identified by its {@code fileKey} (device and inode), not its
 * size alone. A new inode at the path (rename-and-create rotation) is read from its start; a file shorter than the
 * position read (copytruncate) is read again from its start; a missing file is waited for. A last line without its
 * newline is held back until the writer finishes it, and dropped if the file is rotated away under it.
 */
public final class LogTail {

    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private Object fileKey;
    private long position;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    private long rotations;

    public LogTail(Path file) {
        this.file = checkNotNull(file, "file");
    }

    public Path file() {
        return file;
    }

    /** Times the file was found rotated or truncated. */
    public long rotations() {
        return rotations;
    }

    /** The byte position read up to. */
    public long position() {
        return position;
    }

    /**
     * Hands every complete line appended since the last poll to {@code sink} (without its line terminator) and
     * returns how many there were; 0 when the file does not exist (yet, or between a rename and its re-creation).
     */
    public int poll(Consumer<String> sink) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return 0;
        }
        Object key = attrs.fileKey();
        long size = attrs.size();
        if (fileKey != null && !Objects.equals(key, fileKey) || size < position) {
            rotations++;
            position = 0;
            partial.reset();
        }
        fileKey = key;
        if (size == position) {
            return 0;
        }
        int count = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(position);
            while (true) {
                buffer.clear();
                int read = channel.read(buffer);
                if (read <= 0) {
                    break;
                }
                position += read;
                count += split(buffer.array(), read, sink);
            }
        } catch (NoSuchFileException e) {
            return count;
        }
        return count;
    }

    private int split(byte[] bytes, int length, Consumer<String> sink) {
        int count = 0;
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                String line;
                if (partial.size() > 0) {
                    partial.write(bytes, start, i - start);
                    line = partial.toString(StandardCharsets.UTF_8);
                    partial.reset();
                } else {
                    line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                }
                sink.accept(line);
                count++;
                start = i + 1;
            }
        }
        if (start < length) {
            partial.write(bytes, start, length - start);
        }
        return count;
    }
}
