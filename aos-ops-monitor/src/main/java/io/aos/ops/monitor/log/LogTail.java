package io.aos.ops.monitor.log;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.io.RegularFile;
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
 * size alone, and the file read is kept open between polls. When a new inode appears at the path (rename-and-create
 * rotation), the old file is first read to its end through the handle still open, so the lines written to it after
 * the last poll and before the rename are not lost, and then the new file is read from its start. A file shorter
 * than the position read (copytruncate) is read again from its start; a missing file is waited for. A last line
 * without its newline is held back until the writer finishes it; when its file is rotated away it is handed over as
 * it is, since nothing more will be written to it where this tail can see. Of a line longer than
 * {@link LastLines#MAX_LINE_BYTES} only its start is kept, and it is handed over with the marker
 * {@code … (line of N bytes cut)}, whether it ends in the read it began in or in a later one (a log ending in a block
 * of NUL bytes after a crash): a daemon that follows such a log never holds the line, and every line handed over keeps
 * the bound {@link LastLines} shows lines with.
 *
 * <p>Only a regular file is followed: a FIFO, device or directory at the path is a
 * {@link io.aos.ops.core.io.NotRegularFileException} from {@link #poll}, never opened.
 *
 * <p>Holds one open file while it follows a log: {@link #close()} releases it.
 */
public final class LogTail implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private FileChannel channel;
    private Object fileKey;
    private long position;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    /** The length of the line held back, counting the bytes past {@link LastLines#MAX_LINE_BYTES} not kept. */
    private long partialLength;
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
     * returns how many there were; after a rename, the lines the old file got before it are handed over first.
     */
    public int poll(Consumer<String> sink) throws IOException {
        checkNotNull(sink, "sink");
        return pollLines((bytes, offset, length) -> sink.accept(new String(bytes, offset, length,
                StandardCharsets.UTF_8)));
    }

    /** Receives one line as bytes: {@code bytes[offset, offset + length)}, valid only during the call. */
    @FunctionalInterface
    public interface LineSink {
        /**
         * Takes one line, without its {@code \n}.
         *
         * @param bytes  holds the line; reused after the call returns
         * @param offset where the line starts
         * @param length its length in bytes
         */
        void accept(byte[] bytes, int offset, int length);
    }

    /**
     * As {@link #poll(Consumer)}, handing each line over as its bytes, undecoded (a {@link LogTally} reads the lines
     * a runner writes every cycle straight from them).
     *
     * @param sink takes each complete line
     * @return how many lines were handed over
     * @throws io.aos.ops.core.io.NotRegularFileException if the path holds a FIFO, device or directory
     * @throws IOException if the file cannot be read
     */
    public int pollLines(LineSink sink) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            // Renamed away and not re-created yet: what was written to it before the rename is still ours to read.
            return channel == null ? 0 : drainRotated(sink);
        }
        if (!attrs.isRegularFile()) {
            // A FIFO opened for reading blocks until a writer comes: the daemon would hang. Never open one.
            throw RegularFile.notRegular(file, attrs);
        }
        Object key = attrs.fileKey();
        int count = 0;
        if (fileKey != null && !Objects.equals(key, fileKey)) {
            if (channel != null) {
                count += drainRotated(sink);
            } else {
                rotations++;
                reset();
            }
        } else if (attrs.size() < position) {
            rotations++;
            reset();
        }
        if (channel == null) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return count;
            }
            // The path may have changed between the stat and the open: trust what was opened.
            Object opened;
            try {
                opened = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            } catch (NoSuchFileException e) {
                opened = null;
            }
            fileKey = opened != null ? opened : key;
        }
        return count + readToEnd(sink);
    }

    /** The file watched was renamed: reads it to its end, hands over a last unterminated line, and lets it go. */
    private int drainRotated(LineSink sink) throws IOException {
        int count = readToEnd(sink);
        if (partialLength > 0) {
            handOverPartial(sink);
            count++;
        }
        rotations++;
        reset();
        return count;
    }

    private void reset() throws IOException {
        position = 0;
        partial.reset();
        partialLength = 0;
        fileKey = null;
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private int readToEnd(LineSink sink) throws IOException {
        int count = 0;
        channel.position(position);
        while (true) {
            buffer.clear();
            int read = channel.read(buffer);
            if (read <= 0) {
                return count;
            }
            position += read;
            count += split(buffer.array(), read, sink);
        }
    }

    /** Releases the file held open; a later poll opens it again and reads from the start of a new file. */
    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private int split(byte[] bytes, int length, LineSink sink) {
        int count = 0;
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                if (partialLength > 0 || i - start > LastLines.MAX_LINE_BYTES) {
                    holdBack(bytes, start, i - start);
                    handOverPartial(sink);
                } else {
                    sink.accept(bytes, start, i - start);
                }
                count++;
                start = i + 1;
            }
        }
        if (start < length) {
            holdBack(bytes, start, length - start);
        }
        return count;
    }

    /** Keeps the start of an unfinished line, up to the bound, and counts the rest. */
    private void holdBack(byte[] bytes, int offset, int length) {
        int room = (int) Math.max(0, LastLines.MAX_LINE_BYTES - partialLength);
        partial.write(bytes, offset, Math.min(room, length));
        partialLength += length;
    }

    private void handOverPartial(LineSink sink) {
        if (partialLength > partial.size()) {
            partial.writeBytes(("… (line of " + partialLength + " bytes cut)").getBytes(StandardCharsets.UTF_8));
        }
        byte[] line = partial.toByteArray();
        partial.reset();
        partialLength = 0;
        sink.accept(line, 0, line.length);
    }
}
