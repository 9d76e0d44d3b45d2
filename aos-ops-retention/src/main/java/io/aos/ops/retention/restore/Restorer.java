package io.aos.ops.retention.restore;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadArchiveException;
import io.aos.ops.core.OperationFailedException;
import io.aos.ops.core.io.IoReason;
import io.aos.ops.retention.archive.ArchiveReader;
import io.aos.ops.retention.archive.ArchiveVerifier;
import io.aos.ops.retention.archive.Manifest;
import io.aos.ops.retention.archive.MemberName;
import io.aos.ops.retention.lock.DirectoryLock;
import io.aos.ops.retention.scan.ExactName;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Restores a retention archive into a directory. Public API.
 *
 * <p>All or nothing, and only what it created: the archive is verified in full first (manifest, every checksum,
 * the {@code .sha256} file); an archive that fails is not touched. Then every target is planned against DEST: a
 * member that is a file where another needs a directory, a file in DEST where a directory is needed, a directory or
 * symbolic link where a file goes, or (without {@code force}) any existing file is refused before anything is
 * written, naming the member and the path. The second read streams each member into a new temporary file of its
 * own ({@link Staging}, short names, so any name the file system takes can be restored), checked against the
 * manifest of the first read; only when the whole archive has been read and checked again are the files given
 * their names, never replacing one without {@code force}. A failure removes every file and directory this restore
 * created, and nothing else. Every directory and file is opened relative to a directory handle without following
 * symbolic links, so a directory swapped for a link while restoring never leads outside DEST. Modification times
 * come from the manifest, in whole seconds like tar.
 */
public final class Restorer {

    /**
     * What was restored where: {@code restored} files now on disk under their names.
     *
     * @param archive     the archive read
     * @param destination the directory restored into
     * @param restored    the number of files restored
     * @param leftoversRemoved temporary files and empty staging directories of an interrupted restore that this one
     *                    removed first (only a restore holding the lock removes them)
     */
    public record Result(Path archive, Path destination, int restored, int leftoversRemoved) {

        /**
         * A restore that found nothing left by an interrupted one.
         *
         * @param archive     the archive read
         * @param destination the directory restored into
         * @param restored    the number of files restored
         */
        public Result(Path archive, Path destination, int restored) {
            this(archive, destination, restored, 0);
        }
    }

    /** Runs between the verifying read and the restoring read: a test's way to change the world in between. */
    @FunctionalInterface
    interface BetweenReads {
        void run() throws Exception;
    }

    private Restorer() {
    }

    /**
     * {@link #restore(Path, Path, boolean)} holding the retention lock of {@code destination} (see
     * {@link DirectoryLock}), so an archive or cleanup run never works on a directory being restored into.
     *
     * @param archive     the archive
     * @param destination the directory to restore into; created if missing
     * @param force       whether an existing file of the same name may be replaced
     * @param workDir     where retention keeps its locks ({@link io.aos.ops.retention.RetentionSettings#workDir()})
     * @return what was restored
     * @throws io.aos.ops.core.AosOpsException naming the archive or the file if the archive is missing, busy or does not
     *         verify, or a file exists and {@code force} is off; nothing is left behind
     * @throws IOException if the destination cannot be written
     */
    public static Result restore(Path archive, Path destination, boolean force, Path workDir) throws IOException {
        return restore(archive, destination, force, workDir, () -> false);
    }

    /**
     * {@link #restore(Path, Path, boolean, Path)} that can be called off: {@code cancelled} is asked before each file
     * is written and before each is given its name, and once it answers true, everything this restore created is
     * removed and it throws, nothing restored. A shutdown hook's way to stop a restore on SIGINT or SIGTERM without
     * leaving temporary files behind (the hook sets the flag, then waits for the call to return).
     *
     * <p>Holding the lock, no other restore can be writing into {@code destination}, so what an interrupted one left
     * (killed with SIGKILL, or the machine lost) is removed first: its temporary files
     * ({@code .aos-restore-<16 hex digits>.tmp}) in DEST and in the directories this archive's files go to, and its
     * empty staging directories ({@code .aos-restore-<16 hex digits>.d}) in DEST; nothing of another name, and
     * nothing reached through a symbolic link. {@link Result#leftoversRemoved()} counts them.
     *
     * @param archive     the archive
     * @param destination the directory to restore into; created if missing
     * @param force       whether an existing file of the same name may be replaced
     * @param workDir     where retention keeps its locks
     * @param cancelled   answers true once the restore is to stop
     * @return what was restored
     * @throws io.aos.ops.core.AosOpsException as the four-argument form, and when called off
     * @throws IOException if the destination cannot be written
     */
    public static Result restore(Path archive, Path destination, boolean force, Path workDir,
            BooleanSupplier cancelled) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new BadArchiveException(archive, "Archive not found: " + archive);
        }
        // DEST is made to be locked; a restore that refuses or fails takes away the directories it made (a refusal
        // "touches nothing"), never one that was there or holds anything
        List<Path> made = missingDirectories(destination);
        Optional<DirectoryLock> lock;
        try {
            Files.createDirectories(destination);
            lock = DirectoryLock.tryAcquire(workDir, destination);
        } catch (IOException e) {
            removeEmpty(made);
            throw cannot(archive, destination, e);
        }
        if (lock.isEmpty()) {
            removeEmpty(made);
            throw new OperationFailedException("another retention run holds the lock on " + destination
                    + "; nothing restored, try again when it has finished");
        }
        boolean restored = false;
        try {
            Result result = restore(archive, destination, force, () -> { }, cancelled, true);
            restored = true;
            return result;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            lock.get().close();
            if (!restored) {
                removeEmpty(made);
            }
        }
    }

    /** The directories of {@code destination}'s path that do not exist yet, the deepest first. */
    static List<Path> missingDirectories(Path destination) {
        List<Path> missing = new ArrayList<>();
        for (Path p = destination.toAbsolutePath().normalize(); p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
                p = p.getParent()) {
            missing.add(p);
        }
        return missing;
    }

    /** Removes {@code made} (deepest first) while each is an empty directory; stops at the first that is not. */
    private static void removeEmpty(List<Path> made) {
        for (Path dir : made) {
            try {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                Files.delete(dir); // fails, and stops, on a directory that holds anything
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Verifies {@code archive} (checksum, manifest, every member), then restores its files into
     * {@code destination}, all or nothing, without a lock (see the four-argument form).
     *
     * @param archive     the archive
     * @param destination the directory to restore into; created if missing
     * @param force       whether an existing file of the same name may be replaced
     * @return what was restored
     * @throws io.aos.ops.core.AosOpsException naming the archive or the file if the archive is missing or does not verify,
     *         or a file exists and {@code force} is off; nothing is left behind
     * @throws IOException if the destination cannot be written
     */
    public static Result restore(Path archive, Path destination, boolean force) throws IOException {
        try {
            return restore(archive, destination, force, () -> { }, () -> false, false);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Result restore(Path archive, Path destination, boolean force, BetweenReads betweenReads,
            BooleanSupplier cancelled, boolean discardLeftovers) throws Exception {
        if (!Files.isRegularFile(archive)) {
            throw new BadArchiveException(archive, "Archive not found: " + archive);
        }
        Cancellation cancellation = new Cancellation(cancelled);
        ArchiveVerifier.Result verified = ArchiveVerifier.verify(archive, new CancelCheck(cancellation));
        if (cancellation.seen) {
            throw interrupted(archive, destination, 0); // nothing written yet
        }
        if (!verified.ok()) {
            throw new BadArchiveException(archive,
                    archive + " does not verify (" + verified.reason() + "); nothing restored");
        }
        Path dest;
        try {
            Files.createDirectories(destination);
            dest = destination.toRealPath();
        } catch (IOException e) {
            throw cannot(archive, destination, e);
        }
        Map<String, Manifest.Entry> entries = new LinkedHashMap<>();
        verified.manifest().forEach(e -> entries.put(e.path(), e));
        plan(archive, dest, entries.keySet(), force);
        int leftovers = 0;
        if (discardLeftovers) {
            try {
                leftovers = Staging.discardLeftovers(dest, entries.keySet());
            } catch (IOException e) {
                throw cannot(archive, dest, e);
            }
        }
        betweenReads.run();

        try (Staging staging = Staging.open(dest)) {
            WritingSink sink = new WritingSink(archive, staging, entries, cancellation);
            ArchiveVerifier.Result again = ArchiveVerifier.verify(archive, sink);
            if (cancellation.seen) {
                throw interrupted(archive, dest, 0); // closing the staging removes what was written
            }
            if (sink.failure != null) {
                throw refused(archive, sink.failure instanceof IOException io ? IoReason.describe(io)
                        : sink.failure.getMessage());
            }
            if (!again.ok()) {
                throw new BadArchiveException(archive, archive + " failed while restoring (" + again.reason()
                        + "); nothing restored");
            }
            if (sink.staged.size() != entries.size()) {
                throw refused(archive, "it changed since it was verified (" + sink.staged.size() + " of "
                        + entries.size() + " members read again)");
            }
            PausePoint.reached("staged", cancelled);
            int published = 0;
            for (Staging.Staged s : sink.staged) {
                if (cancelled.getAsBoolean()) {
                    int kept = staging.rollback();
                    throw interrupted(archive, dest, kept);
                }
                try {
                    staging.publish(s, force);
                    published++;
                } catch (AosOpsException | IOException e) {
                    String why = e instanceof IOException io ? IoReason.describe(io) : e.getMessage();
                    int kept = staging.rollback();
                    throw new OperationFailedException("cannot restore " + archive + ": " + why + "; " + (kept == 0
                            ? "nothing restored" : "the " + kept + " files already replaced by their archived "
                            + "copies stay, nothing else restored"));
                }
            }
            staging.commit();
            return new Result(archive, dest, published, leftovers);
        } catch (IOException e) {
            throw cannot(archive, dest, e);
        }
    }

    private static AosOpsException interrupted(Path archive, Path dest, int kept) {
        return new OperationFailedException("restore of " + archive + " interrupted; " + (kept == 0
                ? "nothing restored, " + dest + " left clean" : "the " + kept + " files already replaced by their "
                + "archived copies stay, nothing else restored"));
    }

    private static AosOpsException cannot(Path archive, Path dest, IOException e) {
        return new OperationFailedException("cannot restore " + archive + " into " + dest + ": " + IoReason.describe(e)
                + "; nothing restored");
    }

    /**
     * Checks every target before anything is written: names, members that need one another's name as a file and
     * as a directory, what DEST already holds on each path. Throws naming the first problem.
     */
    static void plan(Path archive, Path dest, Set<String> names, boolean force) throws IOException {
        Map<String, String> neededDirs = new HashMap<>();
        for (String name : names) {
            String problem = MemberName.problemWith(name);
            if (problem != null) {
                throw refused(archive, problem);
            }
            try {
                dest.resolve(name);
            } catch (InvalidPathException e) {
                // not ASCII, and this JVM reads file names as ASCII (the C locale): no file of that name can be made
                throw refused(archive, "member '" + name + "' cannot be named as a file here; "
                        + ExactName.encodingAdvice());
            }
            for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
                neededDirs.putIfAbsent(name.substring(0, slash), name);
            }
        }
        List<String> existing = new ArrayList<>();
        Set<String> checkedDirs = new HashSet<>();
        for (String name : names) {
            String needer = neededDirs.get(name);
            if (needer != null) {
                throw refused(archive, "member '" + needer + "' needs " + dest.resolve(name)
                        + " to be a directory, but member '" + name + "' is a file there");
            }
            int slash = -1;
            boolean absent = false;
            while (!absent && (slash = name.indexOf('/', slash + 1)) >= 0) {
                String dir = name.substring(0, slash);
                if (checkedDirs.contains(dir)) {
                    continue;
                }
                BasicFileAttributes attrs = attributes(dest.resolve(dir));
                if (attrs == null) {
                    absent = true;
                } else if (attrs.isSymbolicLink()) {
                    throw refused(archive, "member '" + name + "' would go through the symbolic link "
                            + dest.resolve(dir));
                } else if (!attrs.isDirectory()) {
                    throw refused(archive, "member '" + name + "' needs " + dest.resolve(dir)
                            + " to be a directory, but it is a file");
                } else {
                    checkedDirs.add(dir);
                }
            }
            BasicFileAttributes attrs = absent ? null : attributes(dest.resolve(name));
            if (attrs == null) {
                continue;
            }
            if (attrs.isSymbolicLink()) {
                throw refused(archive, "member '" + name + "' would replace the symbolic link " + dest.resolve(name));
            }
            if (attrs.isDirectory()) {
                throw refused(archive, "member '" + name + "' would replace the directory " + dest.resolve(name));
            }
            if (!attrs.isRegularFile()) {
                throw refused(archive, "member '" + name + "' would replace the special file " + dest.resolve(name));
            }
            existing.add(name);
        }
        if (!existing.isEmpty() && !force) {
            throw new OperationFailedException(existing.size() + " of " + names.size() + " files already exist in " + dest
                    + " (first: " + existing.get(0) + "); nothing restored; add --force to overwrite them");
        }
    }

    private static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            throw new OperationFailedException("cannot restore into " + p + ": " + IoReason.describe(e)
                    + "; nothing restored");
        }
    }

    private static BadArchiveException refused(Path archive, String problem) {
        return new BadArchiveException(archive, "cannot restore " + archive + ": " + problem + "; nothing restored");
    }

    /**
     * The flag a restore is called off by, asked at each member and each write of both reads: once it says yes,
     * {@link #check} throws (the reader reports that only as a reason string) and {@link #seen} remembers it.
     */
    private static final class Cancellation {
        private final BooleanSupplier cancelled;
        private boolean seen;

        Cancellation(BooleanSupplier cancelled) {
            this.cancelled = cancelled;
        }

        void check() throws IOException {
            if (cancelled.getAsBoolean()) {
                seen = true;
                throw new IOException("interrupted");
            }
        }

        /** {@code out}, stopping at the next write once called off (a large member does not run to its end). */
        OutputStream guard(OutputStream out) {
            return new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    check();
                    out.write(b, off, len);
                }
            };
        }
    }

    /** The verifying read's sink: it keeps no byte, and only lets the read stop once the restore is called off. */
    private static final class CancelCheck implements ArchiveReader.MemberSink {
        private final Cancellation cancellation;

        CancelCheck(Cancellation cancellation) {
            this.cancellation = cancellation;
        }

        @Override
        public OutputStream begin(String name, long size) throws IOException {
            cancellation.check();
            return cancellation.guard(OutputStream.nullOutputStream());
        }

        @Override
        public void end(String name, byte[] sha256) {
            // the reader has checked the member; the manifest is compared by the caller
        }
    }

    /**
     * Streams each member of the restoring read into a staged file, checking it against the manifest of the
     * verifying read. The first failure is kept: the reader reports it only as a reason string.
     */
    private static final class WritingSink implements ArchiveReader.MemberSink {
        private final Path archive;
        private final Staging staging;
        private final Map<String, Manifest.Entry> entries;
        private final List<Staging.Staged> staged = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        private final Cancellation cancellation;
        private Staging.Staged current;
        private Exception failure;

        WritingSink(Path archive, Staging staging, Map<String, Manifest.Entry> entries, Cancellation cancellation) {
            this.archive = archive;
            this.staging = staging;
            this.entries = entries;
            this.cancellation = cancellation;
        }

        @Override
        public OutputStream begin(String name, long size) throws IOException {
            cancellation.check();
            try {
                Manifest.Entry e = entries.get(name);
                if (e == null || e.size() != size || !seen.add(name)) {
                    throw changed(name);
                }
                current = staging.stage(name, e.mtimeSeconds());
                return cancellation.guard(current.output());
            } catch (IOException | RuntimeException ex) {
                keep(ex);
                throw ex;
            }
        }

        @Override
        public void end(String name, byte[] sha256) throws IOException {
            try {
                Manifest.Entry e = entries.get(name);
                if (!e.sha256Prefix().equals(Manifest.prefixOf(sha256))) {
                    throw changed(name);
                }
                staging.finish(current);
                staged.add(current);
            } catch (IOException | RuntimeException ex) {
                keep(ex);
                throw ex;
            }
        }

        private AosOpsException changed(String name) {
            return new OperationFailedException("it changed since it was verified (member '" + name + "')");
        }

        private void keep(Exception e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
