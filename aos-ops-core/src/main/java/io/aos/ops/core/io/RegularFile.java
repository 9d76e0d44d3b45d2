package io.aos.ops.core.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * The one rule for opening a file the suite expects to be a file (a run's {@code status.json}, a cycle report, a
 * log, a PID file, a golden file): it must be a regular file, and it is read up to a bound. A symbolic link is
 * followed; its target must be regular too. Anything else (a FIFO, a socket, a device, a directory) is refused with
 * a {@link NotRegularFileException} naming the file and what it is, before it is opened: opening a FIFO for reading
 * blocks until a writer appears, which would hang a cron check, a monitor check or the monitor daemon for good, and a
 * device can be endless. A file over its reader's bound is a {@link FileTooLargeException}, even when it grows while
 * it is read.
 *
 * <p>The check is a {@code stat} just before the {@code open}: a regular file swapped for a FIFO between the two is
 * not caught (the JDK cannot open without blocking on a FIFO). What this guards against is a FIFO or device that is
 * there, by mistake or by malice, when a reader comes.
 */
public final class RegularFile {

    private RegularFile() {
    }

    /**
     * The attributes of {@code file} (following symbolic links) if it is a regular file.
     *
     * @param file the file
     * @return its attributes
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws NotRegularFileException if it is something else
     * @throws IOException if its attributes cannot be read
     */
    public static BasicFileAttributes check(Path file) throws IOException {
        checkNotNull(file, "file");
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attrs.isRegularFile()) {
            throw notRegular(file, attrs);
        }
        return attrs;
    }

    /**
     * The exception for a file whose attributes say it is not regular.
     *
     * @param file  the file
     * @param attrs its attributes
     * @return an exception naming the file and what it is
     */
    public static NotRegularFileException notRegular(Path file, BasicFileAttributes attrs) {
        return new NotRegularFileException(file, kind(file, attrs));
    }

    /**
     * Whether {@code file} exists and is not a regular file (a FIFO, a directory...).
     *
     * @param file the file
     * @return false if it is missing or regular
     */
    public static boolean existsAndIsNotRegular(Path file) {
        try {
            return !Files.readAttributes(file, BasicFileAttributes.class).isRegularFile();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Opens a regular file for reading; nothing else is opened.
     *
     * @param file the file
     * @return a channel the caller closes
     * @throws NotRegularFileException if it is not a regular file
     * @throws IOException if it is missing or cannot be opened
     */
    public static FileChannel openChannel(Path file) throws IOException {
        check(file);
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /**
     * Opens a regular file of at most {@code maxBytes} for reading.
     *
     * @param file     the file
     * @param maxBytes the most the stream reads
     * @return a stream the caller closes; it throws a {@link FileTooLargeException} if the file grows past the bound
     * @throws FileTooLargeException if the file is already larger
     * @throws NotRegularFileException if it is not a regular file
     * @throws IOException if it is missing or cannot be opened
     */
    public static InputStream newInputStream(Path file, long maxBytes) throws IOException {
        checkArgument(maxBytes >= 0, "maxBytes must not be negative, got %s", maxBytes);
        BasicFileAttributes attrs = check(file);
        if (attrs.size() > maxBytes) {
            throw new FileTooLargeException(file, maxBytes);
        }
        return new Bounded(Files.newInputStream(file), file, maxBytes);
    }

    /**
     * The bytes of a regular file of at most {@code maxBytes}.
     *
     * @param file     the file
     * @param maxBytes the most read
     * @return its bytes
     * @throws FileTooLargeException if it is larger
     * @throws NotRegularFileException if it is not a regular file
     * @throws IOException if it is missing or cannot be read
     */
    public static byte[] readAllBytes(Path file, long maxBytes) throws IOException {
        try (InputStream in = newInputStream(file, maxBytes)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(8192, maxBytes + 1));
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    /**
     * The UTF-8 text of a regular file of at most {@code maxBytes}.
     *
     * @param file     the file
     * @param maxBytes the most read
     * @return its text
     * @throws FileTooLargeException if it is larger
     * @throws NotRegularFileException if it is not a regular file
     * @throws IOException if it is missing or cannot be read
     */
    public static String readString(Path file, long maxBytes) throws IOException {
        return new String(readAllBytes(file, maxBytes), StandardCharsets.UTF_8);
    }

    /** {@code 64 MiB}, {@code 4 KiB} or {@code 100 bytes}, for messages. */
    static String describeBytes(long bytes) {
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }

    /** What a non-regular file is, in words: the file type bits of its mode where the platform gives them. */
    private static String kind(Path file, BasicFileAttributes attrs) {
        if (attrs.isDirectory()) {
            return "a directory";
        }
        try {
            Map<String, Object> mode = Files.readAttributes(file, "unix:mode");
            if (mode.get("mode") instanceof Integer m) {
                String kind = switch (m & 0170000) {
                    case 0010000 -> "a FIFO";
                    case 0140000 -> "a socket";
                    case 0020000 -> "a character device";
                    case 0060000 -> "a block device";
                    default -> null;
                };
                if (kind != null) {
                    return kind;
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view here: say what the portable attributes can
        }
        return "a special file (FIFO, socket or device)";
    }

    /** Counts what is read and fails past the bound, for a file that grows while it is read. */
    private static final class Bounded extends FilterInputStream {
        private final Path file;
        private final long max;
        private long read;

        Bounded(InputStream in, Path file, long max) {
            super(in);
            this.file = file;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws IOException {
            read += n;
            if (read > max) {
                throw new FileTooLargeException(file, max);
            }
        }
    }
}
