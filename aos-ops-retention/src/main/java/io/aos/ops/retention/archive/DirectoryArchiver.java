package io.aos.ops.retention.archive;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.io.IoReason;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.retention.scan.ScannedGoldenFile;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Packs one directory of evidence (an incident bundle) into an archive beside it, verified like every retention
 * archive, and never touches the directory itself: nothing in it is moved, changed or deleted.
 *
 * <p>Members are named {@code <directory name>/<relative path>} in name order, so unpacking gives the directory
 * back, followed by retention's manifest member. The archive is written under a hidden partial name and forced to
 * disk; read back in full, where every member must carry exactly the SHA-256 the caller expects for that file (the
 * digests it computed while writing the bundle, so the archive is checked against the evidence, not against
 * itself); only then is {@code <archive>.sha256} created (never over an existing file) and the archive linked to its
 * final name (never over an existing file). Last, the finished archive is verified as {@code retention verify} does.
 */
public final class DirectoryArchiver {

    /**
     * A finished, verified archive.
     *
     * @param archive      the archive, beside the directory
     * @param checksumFile {@code <archive>.sha256}, in {@code sha256sum} format
     * @param members      files in the archive (the manifest member not counted)
     * @param bytes        the archive's size
     * @param sha256       the archive's SHA-256
     */
    public record Result(Path archive, Path checksumFile, int members, long bytes, String sha256) {
    }

    /** The archive could not be made or did not verify; nothing is left under the archive's name. */
    public static final class ArchiveFailedException extends IOException {
        private static final long serialVersionUID = 1L;

        ArchiveFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private DirectoryArchiver() {
    }

    /**
     * Archives {@code dir} into {@code target} (a {@code .tgz}, {@code .tar.gz} or {@code .tar.zst} name that must
     * not exist yet).
     *
     * @param expectedSha256 every regular file of {@code dir}, by its {@code /}-separated path relative to
     *                       {@code dir}, with its hex SHA-256: the archive must hold exactly these, with these digests
     * @throws ArchiveFailedException naming the file and the reason when the archive cannot be written or does not
     *                                verify; the partial file is removed, the directory is untouched
     */
    public static Result archive(Path dir, Path target, Map<String, String> expectedSha256) throws IOException {
        checkNotNull(dir, "dir");
        checkNotNull(target, "target");
        checkNotNull(expectedSha256, "expectedSha256");
        ArchiveFormat format = ArchiveFormat.ofFileName(target.getFileName().toString()).orElseThrow(
                () -> new IllegalArgumentException("not an archive name (.tgz, .tar.gz, .tar.zst): " + target));
        checkArgument(Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS), "not a directory: %s", dir);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) || Files.exists(ChecksumFile.of(target),
                LinkOption.NOFOLLOW_LINKS)) {
            throw new ArchiveFailedException(target + ": already exists; nothing archived", null);
        }
        String prefix = dir.getFileName().toString();
        List<ScannedGoldenFile> files = files(dir, prefix);
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        Files.deleteIfExists(partial); // our own leftover of an interrupted run: the name is ours alone
        boolean linked = false;
        try {
            TarPacker.Packed packed;
            try {
                packed = TarPacker.pack(partial, format, files, true);
            } catch (IOException e) {
                throw new ArchiveFailedException(partial + ": cannot be written: " + IoReason.of(e), e);
            }
            if (!packed.left().isEmpty()) {
                throw new ArchiveFailedException(dir + ": not every file could be packed: " + packed.left(), null);
            }
            checkAgainst(partial, format, prefix, expectedSha256);
            try {
                ChecksumFile.create(target, packed.sha256());
            } catch (FileAlreadyExistsException e) {
                throw new ArchiveFailedException(ChecksumFile.of(target) + ": already exists; nothing archived", e);
            }
            try {
                Files.createLink(target, partial);
                linked = true;
            } catch (IOException e) {
                Files.deleteIfExists(ChecksumFile.of(target));
                throw new ArchiveFailedException(target + ": cannot be created: " + IoReason.of(e), e);
            }
            Files.delete(partial);
            AtomicFiles.forceDirectory(target.toAbsolutePath().getParent());
            ArchiveVerifier.Result verified = ArchiveVerifier.verify(target);
            if (!verified.ok()) {
                throw new ArchiveFailedException(target + ": does not verify: " + verified.reason(), null);
            }
            return new Result(target, ChecksumFile.of(target), packed.members().size(), packed.bytes(),
                    packed.sha256());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            if (linked) {
                Files.deleteIfExists(target);
                Files.deleteIfExists(ChecksumFile.of(target));
            }
            throw e;
        }
    }

    /** Every regular file below {@code dir}, in name order; anything else in a bundle is a mistake. */
    private static List<ScannedGoldenFile> files(Path dir, String prefix) throws IOException {
        TreeMap<String, ScannedGoldenFile> byName = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes attrs = Files.readAttributes(p, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (attrs.isDirectory()) {
                    continue;
                }
                if (!attrs.isRegularFile()) {
                    throw new ArchiveFailedException(p + ": not a regular file; nothing archived", null);
                }
                String relative = prefix + "/" + relativeName(dir, p);
                byName.put(relative, new ScannedGoldenFile(p, relative, attrs.size(), attrs.lastModifiedTime(),
                        ScannedGoldenFile.NO_INODE));
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static String relativeName(Path dir, Path file) {
        List<String> parts = new ArrayList<>();
        dir.relativize(file).forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    /** Reads the archive back: exactly the expected files, each with the expected digest. */
    private static void checkAgainst(Path archive, ArchiveFormat format, String prefix, Map<String, String> expected)
            throws IOException {
        ArchiveReader.Contents contents;
        try {
            contents = ArchiveReader.read(archive, format, null);
        } catch (ArchiveDamage e) {
            throw new ArchiveFailedException(archive + ": does not read back: " + e.getMessage(), e);
        }
        Map<String, String> remaining = new TreeMap<>(expected);
        for (ArchiveReader.Member m : contents.members()) {
            String name = m.name().startsWith(prefix + "/") ? m.name().substring(prefix.length() + 1) : m.name();
            String want = remaining.remove(name);
            String got = HexFormat.of().formatHex(m.sha256());
            if (want == null) {
                throw new ArchiveFailedException(archive + ": member " + m.name()
                        + " is not a file of the bundle's manifest", null);
            }
            if (!want.equalsIgnoreCase(got)) {
                throw new ArchiveFailedException(archive + ": member " + m.name() + " has SHA-256 " + got
                        + ", the bundle's manifest says " + want, null);
            }
        }
        if (!remaining.isEmpty()) {
            throw new ArchiveFailedException(archive + ": missing " + remaining.size() + " file(s) of the bundle: "
                    + remaining.keySet(), null);
        }
    }
}
