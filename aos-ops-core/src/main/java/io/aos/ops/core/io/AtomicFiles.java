package io.aos.ops.core.io;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Crash-safe file writes.
 *
 * <p>{@link #replace} writes a temporary file in the target's directory, forces it to disk, renames it over the
 * target and forces the directory, so a reader sees either the whole old file or the whole new one, and a crash
 * leaves one of the two. {@link #appendLine} appends one line with a single write and forces it to disk before it
 * returns, for audit logs whose lines must survive and never interleave.
 */
public final class AtomicFiles {

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface ContentWriter {
        /**
         * Writes the whole content.
         *
         * @param out the temporary file's stream; not to be closed by the writer
         * @throws IOException if writing fails; the target is then left as it was
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code content} atomically and durably.
     *
     * @param target  the file to write; its directory must exist
     * @param content the new content
     * @throws IOException if the file cannot be written; the target is then left as it was and no temporary file remains
     */
    public static void replace(Path target, byte[] content) throws IOException {
        checkNotNull(content, "content");
        replace(target, out -> out.write(content));
    }

    /**
     * Replaces {@code target} with the UTF-8 {@code text} atomically and durably.
     *
     * @param target the file to write; its directory must exist
     * @param text   the new content
     * @throws IOException if the file cannot be written; the target is then left as it was
     */
    public static void replace(Path target, String text) throws IOException {
        replace(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces {@code target} with what {@code writer} writes, atomically and durably.
     *
     * @param target the file to write; its directory must exist
     * @param writer writes the new content
     * @throws IOException if the file cannot be written or the writer fails; the target is then left as it was
     */
    public static void replace(Path target, ContentWriter writer) throws IOException {
        replace(target, writer, null);
    }

    /**
     * Replaces {@code target} with {@code content} atomically and durably, the new file having exactly
     * {@code permissions} (set before the rename, whatever the umask), for readers that check a file's mode, such as
     * cron, which ignores a group- or world-writable file in {@code /etc/cron.d}.
     *
     * @param target      the file to write; its directory must exist
     * @param content     the new content
     * @param permissions the new file's mode
     * @throws IOException if the file cannot be written or its mode set; the target is then left as it was
     */
    public static void replace(Path target, byte[] content, Set<PosixFilePermission> permissions)
            throws IOException {
        checkNotNull(content, "content");
        checkNotNull(permissions, "permissions");
        replace(target, out -> out.write(content), permissions);
    }

    private static void replace(Path target, ContentWriter writer, Set<PosixFilePermission> permissions)
            throws IOException {
        checkNotNull(target, "target");
        checkNotNull(writer, "writer");
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            if (permissions != null) {
                Files.setPosixFilePermissions(temp, permissions);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            forceDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Appends {@code line} and a newline to {@code file} (created if missing) in one write, and forces it to disk.
     * Lines appended this way by several processes never interleave (O_APPEND, one write each).
     *
     * @param file the file to append to
     * @param line the line, without its newline
     * @throws NotRegularFileException if {@code file} exists but is not a regular file (a FIFO, a directory); it is
     *         not opened
     * @throws IOException if the line cannot be written or forced to disk
     */
    public static void appendLine(Path file, String line) throws IOException {
        checkNotNull(line, "line");
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        boolean created = !Files.exists(file);
        if (!created && RegularFile.existsAndIsNotRegular(file)) {
            // Opening a FIFO for writing blocks until a reader comes: a log line must never hang its writer.
            RegularFile.check(file);
        }
        try (FileChannel channel = FileChannel.open(file,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        if (created) {
            forceDirectory(dir);
        }
    }

    /**
     * Forces a directory's entries to disk, where the platform allows it; a platform that does not is not an error.
     *
     * @param dir the directory
     */
    public static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms and filesystems cannot open or sync a directory; the rename is still atomic there.
        }
    }
}
