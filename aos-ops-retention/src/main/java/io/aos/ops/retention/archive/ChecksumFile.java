package io.aos.ops.retention.archive;

import io.aos.ops.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code <archive>.sha256} file beside each archive, in {@code sha256sum} format ({@code <hex>  <name>}), so
 * {@code sha256sum -c} checks it too.
 */
public final class ChecksumFile {

    private ChecksumFile() {
    }

    /** Writes the checksum file of an archive (a seam, so tests can fail it). */
    @FunctionalInterface
    interface Writer {
        void write(Path archive, String sha256) throws IOException;
    }

    public static Path of(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".sha256");
    }

    /**
     * Creates the checksum file of {@code archive}, durably, and never over an existing one: a
     * {@link java.nio.file.FileAlreadyExistsException} says the name is taken (by another run's archive, or any
     * file), and the caller picks another name. Creating it is how an archive name is claimed.
     */
    static void create(Path archive, String sha256) throws IOException {
        Path file = of(archive);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean written = false;
        try (channel) {
            ByteBuffer bytes = ByteBuffer.wrap(line(archive, sha256).getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
            written = true;
        } finally {
            if (!written) {
                Files.deleteIfExists(file); // ours (CREATE_NEW made it), half-written: disk full
            }
        }
        AtomicFiles.forceDirectory(file.toAbsolutePath().getParent());
    }

    /** Replaces the checksum file of {@code archive} (tests that craft archives). */
    static void write(Path archive, String sha256) throws IOException {
        AtomicFiles.replace(of(archive), line(archive, sha256));
    }

    /** The one line of a checksum file, as {@code sha256sum} prints it. */
    static String line(Path archive, String sha256) {
        return sha256 + "  " + archive.getFileName() + "\n";
    }

    /** A checksum line is {@code <64 hex>  <name>\n}, the name at most 255 bytes. */
    static final int MAX_BYTES = 4096;

    /**
     * The recorded digest, or an {@link ArchiveDamage} when the file is missing, not a regular file, larger than a
     * checksum line, or does not start with 64 hex digits. Read as bytes: a file that is not text is malformed, not
     * an encoding error.
     */
    static String read(Path archive) throws IOException {
        Path file = of(archive);
        String name = file.getFileName().toString();
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ArchiveDamage("checksum file " + name + " is missing");
        }
        if (!attrs.isRegularFile()) {
            throw new ArchiveDamage("checksum file " + name + " is not a regular file");
        }
        if (attrs.size() > MAX_BYTES) {
            throw new ArchiveDamage("checksum file " + name + " is malformed: " + attrs.size()
                    + " bytes, more than a checksum line");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES);
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.matches("(?s)[0-9a-fA-F]{64}([ \\t\\r\\n].*)?")) {
            throw new ArchiveDamage("checksum file " + name + " is malformed: it does not start with a 64-digit "
                    + "hex SHA-256");
        }
        return text.substring(0, 64).toLowerCase(java.util.Locale.ROOT);
    }
}
