package io.aos.ops.retention.archive;

import com.google.common.base.Throwables;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.lock.DirectoryLock;
import io.aos.ops.retention.log.RetentionLog;
import io.aos.ops.retention.scan.Cutoff;
import io.aos.ops.retention.scan.GoldenFile;
import io.aos.ops.retention.scan.GoldenKind;
import io.aos.ops.retention.scan.GoldenScanner;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Moves old golden files into verified archives, one archive per directory and run.
 *
 * <p>The sequence never loses a file, whatever moment a {@code kill -9} hits: pack into a hidden {@code .partial}
 * file and force it to disk; read it all back and compare every member with the bytes read from the sources; write
 * the {@code .sha256} file; write the delete journal; rename the archive to its final name and force the directory;
 * only then delete the originals (each only if its size and mtime are still those archived); remove the journal.
 * The next run on the directory first finishes an interrupted delete from the journal, and discards partial files.
 * Public API.
 */
public final class Archiver {

    /** Threads unlinking archived originals; see {@link #deleteArchived}. */
    static final int DELETE_THREADS = 16;
    private static final int DELETE_BATCH = 256;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);

    private final RetentionSettings settings;
    private final RetentionLog log;

    public Archiver(RetentionSettings settings, RetentionLog log) {
        this.settings = settings;
        this.log = log;
    }

    public ArchiveReport archive(int days, ArchiveFormat format, boolean dryRun) throws IOException {
        Cutoff cutoff = Cutoff.of(settings.clock(), days);
        if (dryRun) {
            log.say("[DRY-RUN] Archiving golden files older than " + days + " days (modified before "
                    + cutoff.threshold() + ")...");
        } else {
            log.action("Archiving golden files older than " + days + " days...");
        }
        List<ArchiveReport.DirectoryOutcome> outcomes = new ArrayList<>();
        for (Path dir : settings.directories()) {
            outcomes.add(dryRun ? dryRun(dir, cutoff, format) : archiveLocked(dir, cutoff, format));
        }
        ArchiveReport report = new ArchiveReport(days, dryRun, List.copyOf(outcomes));
        if (!dryRun) {
            log.action(report.ok() ? "Archive complete" : "Archive finished with problems; see above");
        }
        return report;
    }

    private ArchiveReport.DirectoryOutcome dryRun(Path dir, Cutoff cutoff, ArchiveFormat format) throws IOException {
        List<GoldenFile> files = packable(GoldenScanner.selectOld(dir, cutoff), dir, true);
        if (files.isEmpty()) {
            log.say("No files older than " + cutoff.days() + " days in " + dir);
            return new ArchiveReport.DirectoryOutcome(dir, 0, null, 0, 0, 0, null);
        }
        for (GoldenFile f : files) {
            log.say("  " + f.relative() + "  age " + Cutoff.describe(cutoff.ageOf(f.modified())) + "  " + f.size()
                    + " B");
        }
        Path target = settings.archiveDir().resolve(archiveName(dir, format));
        log.say("[DRY-RUN] Would archive " + files.size() + " files from " + dir + " to " + target);
        return new ArchiveReport.DirectoryOutcome(dir, files.size(), target, 0, 0, 0, null);
    }

    private ArchiveReport.DirectoryOutcome archiveLocked(Path dir, Cutoff cutoff, ArchiveFormat format)
            throws IOException {
        Optional<DirectoryLock> lock = DirectoryLock.tryAcquire(settings.workDir(), dir);
        if (lock.isEmpty()) {
            String problem = "another retention run holds the lock on " + dir + "; skipped";
            log.action("Skipped " + dir + ": " + problem);
            return new ArchiveReport.DirectoryOutcome(dir, 0, null, 0, 0, 0, problem);
        }
        try {
            return archiveDirectory(dir, cutoff, format);
        } finally {
            lock.get().close();
        }
    }

    private ArchiveReport.DirectoryOutcome archiveDirectory(Path dir, Cutoff cutoff, ArchiveFormat format)
            throws IOException {
        String key = DirectoryLock.keyOf(dir);
        recover(dir, key);
        List<GoldenFile> files = packable(GoldenScanner.selectOld(dir, cutoff), dir, false);
        if (files.isEmpty()) {
            log.action("No files older than " + cutoff.days() + " days in " + dir);
            return new ArchiveReport.DirectoryOutcome(dir, 0, null, 0, 0, 0, null);
        }
        log.action("Archiving " + files.size() + " files from " + dir + "...");
        CrashPoint.reached("scanned");
        Path target = settings.archiveDir().resolve(archiveName(dir, format));
        Path partial = partialOf(target, key);
        TarPacker.Packed packed;
        try {
            Files.createDirectories(settings.archiveDir());
            Files.deleteIfExists(partial);
            packed = TarPacker.pack(partial, format, files, true);
            CrashPoint.reached("packed");
            checkReadBack(partial, format, packed);
            CrashPoint.reached("verified");
        } catch (IOException | ArchiveDamage e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the partial name is never taken for an archive; the next run removes it
            }
            String problem = "archive of " + dir + " failed (" + e + "); no file was deleted";
            log.action("FAILED: " + problem);
            return new ArchiveReport.DirectoryOutcome(dir, files.size(), null, 0, 0, 0, problem);
        }
        ChecksumFile.write(target, packed.sha256());
        CrashPoint.reached("checksummed");
        Path journalFile = DeleteJournal.fileFor(settings.workDir(), key);
        new DeleteJournal(dir, target).write(journalFile);
        CrashPoint.reached("journaled");
        moveAtomically(partial, target);
        AtomicFiles.forceDirectory(settings.archiveDir());
        CrashPoint.reached("renamed");
        log.action("Created: " + target + " (" + humanBytes(packed.bytes()) + ", " + packed.members().size()
                + " files, sha256 " + packed.sha256().substring(0, 16) + ")");
        Map<String, Long> inodes = new HashMap<>(files.size() * 2);
        files.forEach(f -> inodes.put(f.relative(), f.inode()));
        int[] removedKept = deleteArchived(dir, packed.members().stream()
                .map(m -> new Original(m.name(), m.size(), m.modified(), -1,
                        inodes.getOrDefault(m.name(), GoldenFile.NO_INODE))).toList());
        Files.deleteIfExists(journalFile);
        CrashPoint.reached("done");
        log.action("Removed " + removedKept[0] + " archived files from " + dir);
        if (removedKept[1] > 0) {
            log.action("Kept " + removedKept[1] + " files in " + dir + " that changed after they were archived");
        }
        return new ArchiveReport.DirectoryOutcome(dir, files.size(), target, packed.bytes(), removedKept[0],
                removedKept[1], null);
    }

    /**
     * The files that can be archived; each one that cannot ({@link TarPacker#whyNotPackable}), and the trace or
     * signature that travels with it, is logged and left where it is, so one odd file never blocks the rest.
     */
    private List<GoldenFile> packable(List<GoldenFile> files, Path dir, boolean dryRun) {
        Map<String, String> left = new HashMap<>();
        for (GoldenFile f : files) {
            String why = TarPacker.whyNotPackable(f);
            if (why != null) {
                left.put(f.relative(), why);
            }
        }
        if (left.isEmpty()) {
            return files;
        }
        List<GoldenFile> keep = new ArrayList<>(files.size());
        for (GoldenFile f : files) {
            String partner = GoldenKind.partnerOf(f.relative());
            String why = left.containsKey(f.relative()) ? left.get(f.relative())
                    : partner != null && left.containsKey(partner) ? "travels with " + partner + ", which is left"
                    : null;
            if (why == null) {
                keep.add(f);
                continue;
            }
            String line = (dryRun ? "[DRY-RUN] Would leave " : "Left ") + dir.resolve(f.relative())
                    + " unarchived: " + why;
            if (dryRun) {
                log.say(line);
            } else {
                log.action(line);
            }
        }
        return keep;
    }

    /** Reads the partial archive back in full and compares every member with what was read from the sources. */
    private static void checkReadBack(Path partial, ArchiveFormat format, TarPacker.Packed packed) throws IOException {
        ArchiveReader.Contents contents = ArchiveReader.read(partial, format, null);
        if (!contents.sha256().equals(packed.sha256())) {
            throw new ArchiveDamage("read-back checksum differs from the one written");
        }
        List<ArchiveReader.Member> read = contents.members();
        List<PackedMember> written = packed.members();
        if (read.size() != written.size()) {
            throw new ArchiveDamage("read back " + read.size() + " members, wrote " + written.size());
        }
        for (int i = 0; i < read.size(); i++) {
            ArchiveReader.Member r = read.get(i);
            PackedMember w = written.get(i);
            if (!r.name().equals(w.name()) || r.size() != w.size() || !Arrays.equals(r.sha256(), w.sha256())) {
                throw new ArchiveDamage("read-back member '" + r.name() + "' differs from source '" + w.name() + "'");
            }
        }
    }

    /**
     * Finishes what an interrupted run left: a journal whose archive got its final name and verifies has its
     * deletes completed; partial archives of this directory are removed with their orphan checksum files.
     */
    private void recover(Path dir, String key) throws IOException {
        Path journalFile = DeleteJournal.fileFor(settings.workDir(), key);
        Optional<DeleteJournal> journal = DeleteJournal.read(journalFile);
        if (journal.isPresent()) {
            Path archive = journal.get().archive();
            if (Files.isRegularFile(archive)) {
                ArchiveVerifier.Result result = ArchiveVerifier.verify(archive);
                if (result.ok()) {
                    Map<String, Long> inodes = new HashMap<>();
                    GoldenScanner.scan(dir, true, f -> inodes.put(f.relative(), f.inode()));
                    int[] removedKept = deleteArchived(dir, result.manifest().stream()
                            .map(e -> new Original(e.path(), e.size(), null, e.mtimeSeconds(),
                                    inodes.getOrDefault(e.path(), GoldenFile.NO_INODE))).toList());
                    log.action("Resumed interrupted archive " + archive.getFileName() + ": removed " + removedKept[0]
                            + " archived files from " + dir);
                } else {
                    log.action("Interrupted archive " + archive + " does not verify (" + result.reason()
                            + "); its originals are kept");
                }
            }
            Files.deleteIfExists(journalFile);
        } else if (Files.exists(journalFile)) {
            Files.delete(journalFile);
        }
        if (!Files.isDirectory(settings.archiveDir())) {
            return;
        }
        String suffix = "." + key + ".partial";
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(settings.archiveDir(), ".*" + suffix)) {
            for (Path partial : stream) {
                String name = partial.getFileName().toString();
                Path target = partial.resolveSibling(name.substring(1, name.length() - suffix.length()));
                Files.deleteIfExists(partial);
                if (!Files.exists(target)) {
                    Files.deleteIfExists(ChecksumFile.of(target));
                }
                log.action("Discarded unfinished archive " + name + " (its originals were never deleted)");
            }
        }
    }

    /**
     * A file that went into the archive: its exact mtime as scanned when known, else (resuming from a journal) the
     * whole seconds the manifest recorded; and its inode as scanned, the order to delete in.
     */
    private record Original(String path, long size, FileTime modified, long mtimeSeconds, long inode) {

        boolean unchanged(BasicFileAttributes attrs) {
            return attrs.isRegularFile() && attrs.size() == size && (modified != null
                    ? attrs.lastModifiedTime().equals(modified)
                    : attrs.lastModifiedTime().toInstant().getEpochSecond() == mtimeSeconds);
        }
    }

    /**
     * Deletes each listed original whose size and mtime are still those archived; returns {removed, kept}. In inode
     * order (three times faster than name order on ext4, see {@link io.aos.ops.retention.scan.DiskOrder}), by
     * {@link #DELETE_THREADS} threads taking batches of consecutive inodes: an unlink mostly waits (on the
     * journal, on a virtualised disk), so waits overlap. 100,000 corpus files: 8.7-10.5 s with one {@code rm}
     * process in inode order, 3.8 s with four, 2.7 s with eight, 1.9-2.7 s with sixteen or more ({@code xargs -P},
     * same machine).
     */
    private static int[] deleteArchived(Path dir, List<Original> entries) throws IOException {
        List<Original> byInode = new ArrayList<>(entries);
        byInode.sort(Comparator.comparingLong(Original::inode));
        int batches = (byInode.size() + DELETE_BATCH - 1) / DELETE_BATCH;
        if (batches == 0) {
            return new int[] {0, 0};
        }
        int threads = Math.min(DELETE_THREADS, batches);
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicInteger removed = new AtomicInteger();
        AtomicInteger kept = new AtomicInteger();
        Callable<Void> worker = () -> {
            try {
                for (int b; (b = nextBatch.getAndIncrement()) < batches; ) {
                    int to = Math.min(byInode.size(), (b + 1) * DELETE_BATCH);
                    for (Original e : byInode.subList(b * DELETE_BATCH, to)) {
                        switch (deleteIfUnchanged(dir.resolve(e.path()), e)) {
                            case REMOVED -> CrashPoint.reached("deleted", removed.incrementAndGet());
                            case CHANGED -> kept.incrementAndGet();
                            case GONE -> { }
                        }
                    }
                }
                return null;
            } catch (IOException | RuntimeException e) {
                nextBatch.set(batches); // the other threads stop at their next batch
                throw e;
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                new ThreadFactoryBuilder().setNameFormat("aos-retention-delete-%d").setDaemon(true).build());
        try {
            for (Future<Void> done : pool.invokeAll(Collections.nCopies(threads, worker))) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while deleting archived files");
        } catch (ExecutionException e) {
            Throwables.throwIfInstanceOf(e.getCause(), IOException.class);
            Throwables.throwIfUnchecked(e.getCause());
            throw new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new int[] {removed.get(), kept.get()};
    }

    private enum Deletion { REMOVED, CHANGED, GONE }

    /** Deletes {@code file} when it is still the one archived; a file changed since is kept. */
    private static Deletion deleteIfUnchanged(Path file, Original archived) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return Deletion.GONE;
        }
        if (!archived.unchanged(attrs)) {
            return Deletion.CHANGED;
        }
        return Files.deleteIfExists(file) ? Deletion.REMOVED : Deletion.GONE;
    }

    /**
     * {@code golden_<YYYYmmdd_HHMMSS>_<run>.tgz}, the run being the name of the directory's parent (upstream's
     * naming), followed by {@code _<directory>} when the directory is not called {@code golden}: a shadow run's
     * {@code traces} directory is archived beside its {@code golden} one in the same second, and the operator must
     * tell the two archives apart by name. A suffix {@code _2}, {@code _3}... when that name is taken.
     */
    String archiveName(Path dir, ArchiveFormat format) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        String run = parent == null || parent.getFileName() == null ? "root" : parent.getFileName().toString();
        String own = absolute.getFileName() == null ? "golden" : absolute.getFileName().toString();
        String base = "golden_" + LocalDateTime.now(settings.clock()).format(STAMP) + "_" + run
                + ("golden".equals(own) ? "" : "_" + own);
        String name = base + format.extension();
        for (int n = 2; Files.exists(settings.archiveDir().resolve(name))
                || Files.exists(ChecksumFile.of(settings.archiveDir().resolve(name))); n++) {
            name = base + "_" + n + format.extension();
        }
        return name;
    }

    static Path partialOf(Path target, String key) {
        return target.resolveSibling("." + target.getFileName() + "." + key + ".partial");
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Sizes as {@code du -h} would print them, roughly: {@code 512B}, {@code 12K}, {@code 3.4M}. */
    public static String humanBytes(long bytes) {
        String[] units = {"B", "K", "M", "G", "T"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + "B"
                : value < 10 ? String.format(Locale.ROOT, "%.1f%s", value, units[unit])
                : String.format(Locale.ROOT, "%.0f%s", value, units[unit]);
    }
}
