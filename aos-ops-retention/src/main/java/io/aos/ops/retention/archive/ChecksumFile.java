package io.aos.ops.retention.archive;

import io.aos.ops.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code <archive>.sha256} file beside each archive, in {@code sha256sum} format ({@code <hex>  <name>}), so
 * {@code sha256sum -c} checks it too.
 */
public final class ChecksumFile {

    private ChecksumFile() {
    }

    public static Path of(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".sha256");
    }

    static void write(Path archive, String sha256) throws IOException {
        AtomicFiles.replace(of(archive), sha256 + "  " + archive.getFileName() + "\n");
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
