package io.aos.ops.retention.restore;

import io.aos.ops.core.OpsException;
import io.aos.ops.retention.archive.ArchiveVerifier;
import io.aos.ops.retention.archive.Manifest;
import io.aos.ops.retention.archive.MemberName;
import io.aos.ops.retention.lock.DirectoryLock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Restores a retention archive into a directory. Public API.
 *
 * <p>The archive is verified in full first (manifest, every checksum, the {@code .sha256} file); an archive that
 * fails is not touched. Every member lands at {@code DEST/<its name>}: names that are absolute, contain {@code ..},
 * or are links or devices fail verification already, and each target is checked again to lie inside DEST with no
 * symbolic link on the way. Existing files are never overwritten without {@code force}; this is checked for all
 * members before the first file is written. Modification times come from the manifest, in whole seconds like tar.
 */
public final class Restorer {

    /** What was restored where. */
    public record Result(Path archive, Path destination, int restored) {
    }

    private Restorer() {
    }

    /**
     * {@link #restore(Path, Path, boolean)} holding the retention lock of {@code destination} (see
     * {@link DirectoryLock}), so an archive or cleanup run never works on a directory being restored into.
     */
    public static Result restore(Path archive, Path destination, boolean force, Path workDir) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw OpsException.failure("Archive not found: " + archive);
        }
        Files.createDirectories(destination);
        Optional<DirectoryLock> lock = DirectoryLock.tryAcquire(workDir, destination);
        if (lock.isEmpty()) {
            throw OpsException.failure("another retention run holds the lock on " + destination
                    + "; nothing restored, try again when it has finished");
        }
        try {
            return restore(archive, destination, force);
        } finally {
            lock.get().close();
        }
    }

    public static Result restore(Path archive, Path destination, boolean force) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw OpsException.failure("Archive not found: " + archive);
        }
        ArchiveVerifier.Result verified = ArchiveVerifier.verify(archive);
        if (!verified.ok()) {
            throw OpsException.failure(archive + " does not verify (" + verified.reason() + "); nothing restored");
        }
        Files.createDirectories(destination);
        Path dest = destination.toRealPath();
        Map<String, Manifest.Entry> entries = new HashMap<>();
        List<String> existing = new ArrayList<>();
        for (Manifest.Entry e : verified.manifest()) {
            Path target = targetOf(dest, e.path());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                existing.add(e.path());
            }
            entries.put(e.path(), e);
        }
        if (!existing.isEmpty() && !force) {
            throw OpsException.failure(existing.size() + " of " + entries.size() + " files already exist in " + dest
                    + " (first: " + existing.get(0) + "); nothing restored; add --force to overwrite them");
        }
        int[] restored = {0};
        try {
            ArchiveVerifier.Result again = ArchiveVerifier.verify(archive, (name, data, sha256) -> {
                Manifest.Entry e = entries.get(name);
                if (e == null || !e.sha256Prefix().equals(Manifest.prefixOf(sha256))) {
                    throw new IOException("member '" + name + "' changed since it was verified");
                }
                write(dest, e, data, force);
                restored[0]++;
            });
            if (!again.ok()) {
                throw OpsException.failure(archive + " failed while restoring (" + again.reason() + "); "
                        + restored[0] + " files were restored to " + dest);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Result(archive, dest, restored[0]);
    }

    /** The target of a member inside {@code dest}, refusing any name or existing link that leads outside it. */
    static Path targetOf(Path dest, String name) throws IOException {
        String problem = MemberName.problemWith(name);
        if (problem != null) {
            throw OpsException.failure("refusing to restore: " + problem);
        }
        Path target = dest.resolve(name).normalize();
        if (!target.startsWith(dest) || target.equals(dest)) {
            throw OpsException.failure("refusing to restore: member '" + name + "' escapes " + dest);
        }
        // An existing directory on the way that is a symbolic link could lead outside DEST.
        for (Path p = target.getParent(); p != null && !p.equals(dest); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw OpsException.failure("refusing to restore: " + p + " is a symbolic link inside " + dest);
            }
        }
        if (Files.isSymbolicLink(target)) {
            throw OpsException.failure("refusing to restore over the symbolic link " + target);
        }
        return target;
    }

    private static void write(Path dest, Manifest.Entry e, byte[] data, boolean force) throws IOException {
        Path target = targetOf(dest, e.path());
        Files.createDirectories(target.getParent());
        if (!target.getParent().toRealPath().startsWith(dest)) {
            throw OpsException.failure("refusing to restore: '" + e.path() + "' would land outside " + dest);
        }
        Path temp = target.resolveSibling("." + target.getFileName() + ".restore.tmp");
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            out.write(data);
        }
        Files.setLastModifiedTime(temp, FileTime.from(e.mtimeSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        try {
            if (force) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(temp);
                    throw OpsException.failure(target + " appeared while restoring; not overwritten");
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException ex) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
