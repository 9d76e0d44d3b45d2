package io.aos.ops.retention.archive;

import io.aos.ops.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /** The recorded digest, or an {@link ArchiveDamage} when the file is missing or malformed. */
    static String read(Path archive) throws IOException {
        Path file = of(archive);
        if (!Files.isRegularFile(file)) {
            throw new ArchiveDamage("checksum file " + file.getFileName() + " is missing");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        int space = text.indexOf(' ');
        String hex = space < 0 ? text : text.substring(0, space);
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new ArchiveDamage("checksum file " + file.getFileName() + " is malformed");
        }
        return hex.toLowerCase(java.util.Locale.ROOT);
    }
}
