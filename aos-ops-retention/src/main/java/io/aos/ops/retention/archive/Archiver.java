package io.aos.ops.retention.archive;

import io.aos.ops.core.text.ByteSizes;
import io.aos.ops.core.BadConfigurationException;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.Throwables;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.aos.ops.core.io.GoldenFileKind;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.io.AtomicFiles;
import io.aos.ops.core.io.IoReason;
import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.lock.DirectoryLock;
import io.aos.ops.retention.log.RetentionLog;
import io.aos.ops.retention.scan.Cutoff;
import io.aos.ops.retention.scan.DiskOrder;
import io.aos.ops.retention.scan.ExactName;
import io.aos.ops.retention.scan.NoFollowTree;
import io.aos.ops.retention.scan.ScannedGoldenFile;
import io.aos.ops.retention.scan.GoldenScanner;
import io.aos.ops.retention.scan.LeftFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Moves old golden files into verified archives, one archive per directory and run.
 *
 * <p>The sequence never loses a file, whatever moment a {@code kill -9} hits: pack into a hidden {@code .partial}
 * file and force it to disk; read it all back and compare every member with the bytes read from the sources; claim
 * a free name by creating its {@code .sha256} file (never over an existing one); write the delete journal; link the
 * archive to its final name (a link never replaces a file) and force the directory; only then delete the originals
 * (each only if its size and mtime are still those archived); remove the journal. The next run on the directory
 * first finishes an interrupted delete from the journal, and discards partial files.
 *
 * <p>Safe to use from several threads and processes at once: each directory is locked for the run, and a directory
 * another run holds is reported busy, not waited for.
 * Public API.
 */
public final class Archiver {

    /** Threads unlinking archived originals; see {@link #deleteArchived}. */
    static final int DELETE_THREADS = 16;
    private static final int DELETE_BATCH = 256;
    /** The archive name's timestamp; in a holder, so that {@link #humanBytes} (a status) sets up no formatter. */
    private static final class Stamp {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);
    }

    private final RetentionSettings settings;
    private final RetentionLog log;
    private final Consumer<String> phases;
    private final ChecksumFile.Writer checksums;
    private final Executor scanExecutor;

    /**
     * An archiver for the directories of {@code settings}.
     *
     * @param settings what to archive, where to, and the clock
     * @param log      where actions are logged
     */
    public Archiver(RetentionSettings settings, RetentionLog log) {
        this(settings, log, Runnable::run);
    }

    /**
     * An archiver for the directories of {@code settings} that stats the files it selects on {@code scanExecutor}'s
     * threads beside the calling one ({@link GoldenScanner#selectOld(Path, Cutoff, Executor)}).
     *
     * @param settings     what to archive, where to, and the clock
     * @param log          where actions are logged
     * @param scanExecutor runs batches of stats while a directory is scanned ({@code Runnable::run} for none); never
     *                     shut down here
     */
    public Archiver(RetentionSettings settings, RetentionLog log, Executor scanExecutor) {
        this(settings, log, phase -> { }, ChecksumFile::create, scanExecutor);
    }

    /**
     * For tests: {@code phases} is told each phase of the sequence as it is passed (the {@link CrashPoint} names),
     * on the archiving thread, so a test can change the files or start another run at that moment;
     * {@code checksums} writes the {@code .sha256} files.
     */
    Archiver(RetentionSettings settings, RetentionLog log, Consumer<String> phases, ChecksumFile.Writer checksums) {
        this(settings, log, phases, checksums, Runnable::run);
    }

    private Archiver(RetentionSettings settings, RetentionLog log, Consumer<String> phases,
                     ChecksumFile.Writer checksums, Executor scanExecutor) {
        this.settings = settings;
        this.log = log;
        this.phases = phases;
        this.checksums = checksums;
        this.scanExecutor = checkNotNull(scanExecutor, "scanExecutor");
    }

    private void reached(String phase) {
        phases.accept(phase);
        CrashPoint.reached(phase);
    }

    /**
     * Archives every watched directory. A directory the operator named ({@link RetentionSettings#directoriesNamed})
     * that does not exist is a usage error, raised before anything is done; a default one that does not exist is
     * skipped with a log line.
     *
     * @param days   files modified more than this many days ago are archived
     * @param format how archives are compressed
     * @param dryRun list what would be archived, and write and remove nothing
     * @return what happened, per directory; a busy or failed directory is reported there, the others still handled
     * @throws io.aos.ops.core.BadConfigurationException if a named directory does not exist
     * @throws IOException if the archive directory or the state directory cannot be written
     */
    public ArchiveReport archive(int days, ArchiveFormat format, boolean dryRun) throws IOException {
        settings.requireNamedDirectories("nothing was archived");
        Cutoff cutoff = Cutoff.of(settings.clock(), days);
        if (dryRun) {
            log.say("[DRY-RUN] Archiving golden files older than " + days + " days (modified before "
                    + cutoff.threshold() + ")...");
        } else {
            log.action("Archiving golden files older than " + days + " days...");
        }
        if (!dryRun) {
            removeStaleJournals();
        }
        List<ArchiveReport.DirectoryOutcome> outcomes = new ArrayList<>();
        for (Path dir : settings.directories()) {
            if (!Files.isDirectory(dir)) {
                String line = dir + " does not exist; nothing to archive there";
                if (dryRun) {
                    log.say(line);
                } else {
                    log.action(line);
                }
                outcomes.add(new ArchiveReport.DirectoryOutcome(dir, 0, null, 0, 0, 0, null));
                continue;
            }
            outcomes.add(dryRun ? dryRun(dir, cutoff, format) : archiveLocked(dir, cutoff, format));
        }
        ArchiveReport report = new ArchiveReport(days, dryRun, List.copyOf(outcomes));
        if (!dryRun) {
            log.action(report.ok() ? "Archive complete" : "Archive finished with problems; see above");
        }
        return report;
    }

    private ArchiveReport.DirectoryOutcome dryRun(Path dir, Cutoff cutoff, ArchiveFormat format) throws IOException {
        List<ScannedGoldenFile> selected = GoldenScanner.selectOld(dir, cutoff, scanExecutor);
        Map<String, String> left = unpackable(selected);
        List<ScannedGoldenFile> files = withoutLeft(selected, left);
        List<LeftFile> leftFiles = logLeft(dir, selected, left, true);
        if (files.isEmpty()) {
            log.say("No files older than " + cutoff.days() + " days in " + dir);
            return new ArchiveReport.DirectoryOutcome(dir, 0, null, 0, 0, 0, null, leftFiles);
        }
        for (ScannedGoldenFile f : files) {
            log.say("  " + f.relative() + "  age " + Cutoff.describe(cutoff.ageOf(f.modified())) + "  " + f.size()
                    + " B");
        }
        Path target = settings.archiveDir().resolve(nameOf(archiveBase(dir), format,
                firstFree(archiveBase(dir), format, 1)));
        log.say("[DRY-RUN] Would archive " + files.size() + " files from " + dir + " to " + target);
        return new ArchiveReport.DirectoryOutcome(dir, files.size(), target, 0, 0, 0, null, leftFiles);
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
        List<ScannedGoldenFile> selected;
        try {
            recover(dir, key);
            selected = GoldenScanner.selectOld(dir, cutoff, scanExecutor);
        } catch (IOException e) {
            String problem = "archive of " + dir + " failed (" + IoReason.describe(e) + "); nothing was archived";
            log.action("FAILED: " + problem);
            return new ArchiveReport.DirectoryOutcome(dir, 0, null, 0, 0, 0, problem);
        }
        Map<String, String> left = unpackable(selected);
        List<ScannedGoldenFile> files = withoutLeft(selected, left);
        if (files.isEmpty()) {
            List<LeftFile> leftFiles = logLeft(dir, selected, left, false);
            log.action("No files older than " + cutoff.days() + " days in " + dir
                    + (leftFiles.isEmpty() ? "" : " that can be archived"));
            return new ArchiveReport.DirectoryOutcome(dir, 0, null, 0, 0, 0, null, leftFiles);
        }
        log.action("Archiving " + files.size() + " files from " + dir + "...");
        reached("scanned");
        String base = archiveBase(dir);
        Path partial = partialOf(settings.archiveDir().resolve(nameOf(base, format, firstFree(base, format, 1))), key);
        TarPacker.Packed packed;
        List<LeftFile> leftFiles = List.of();
        try {
            Files.createDirectories(settings.archiveDir());
            // A file that cannot be read is left; when its partner is already in the stream, pack again without both.
            while (true) {
                Files.deleteIfExists(partial);
                packed = TarPacker.pack(partial, format, files, true);
                left.putAll(packed.left());
                if (packed.complete()) {
                    break;
                }
                files = withoutLeft(files, left);
            }
            leftFiles = logLeft(dir, selected, left, false);
            if (packed.members().isEmpty()) {
                Files.deleteIfExists(partial);
                log.action("Nothing archived from " + dir + ": none of its " + selected.size()
                        + " old files could be archived (see the lines above)");
                return new ArchiveReport.DirectoryOutcome(dir, selected.size(), null, 0, 0, 0, null, leftFiles);
            }
            reached("packed");
            ReadBack.check(partial, format, packed);
            reached("verified");
        } catch (IOException | ArchiveDamage e) {
            discard(partial);
            return failed(dir, files.size(), e instanceof IOException io ? IoReason.describe(io) : e.getMessage(),
                    leftFiles);
        }
        Path target;
        try {
            target = claimName(dir, base, format, key, partial, packed.sha256());
        } catch (IOException e) {
            return failed(dir, files.size(), IoReason.describe(e), leftFiles);
        }
        log.action("Created: " + target + " (" + humanBytes(packed.bytes()) + ", " + packed.members().size()
                + " files, sha256 " + packed.sha256().substring(0, 16) + ")");
        Map<String, Long> inodes = new HashMap<>(files.size() * 2);
        files.forEach(f -> inodes.put(f.relative(), f.inode()));
        int[] removedKept;
        try {
            removedKept = deleteArchived(dir, packed.members().stream()
                    .map(m -> new Original(m.name(), m.size(), m.modified(), -1,
                            inodes.getOrDefault(m.name(), ScannedGoldenFile.NO_INODE))).toList());
        } catch (IOException e) {
            String problem = "deleting the archived originals in " + dir + " failed (" + IoReason.describe(e)
                    + "); " + target.getFileName() + " holds them all and the next run finishes the deletes";
            log.action("FAILED: " + problem);
            return new ArchiveReport.DirectoryOutcome(dir, files.size(), target, packed.bytes(), 0, 0, problem,
                    leftFiles);
        }
        Files.deleteIfExists(DeleteJournal.fileFor(settings.workDir(), key));
        reached("done");
        log.action("Removed " + removedKept[0] + " archived files from " + dir);
        if (removedKept[1] > 0) {
            log.action("Kept " + removedKept[1] + " files in " + dir + " that changed after they were archived");
        }
        return new ArchiveReport.DirectoryOutcome(dir, files.size(), target, packed.bytes(), removedKept[0],
                removedKept[1], null, leftFiles);
    }

    private ArchiveReport.DirectoryOutcome failed(Path dir, int files, String why,
                                                  List<LeftFile> leftFiles) {
        String problem = "archive of " + dir + " failed (" + why + "); no file was deleted";
        log.action("FAILED: " + problem);
        return new ArchiveReport.DirectoryOutcome(dir, files, null, 0, 0, 0, problem, leftFiles);
    }

    private static void discard(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // the partial name is never taken for an archive; the next run removes it
        }
    }

    /**
     * Gives the packed, verified archive its final name without ever replacing a file: claims the first free name
     * by creating its {@code .sha256} (create-new), writes the delete journal, then links the archive to the name
     * (a hard link fails when the name exists; rename would replace). A name another file took in between is
     * skipped for the next. Returns the name; the partial is gone.
     */
    private Path claimName(Path dir, String base, ArchiveFormat format, String key, Path partial, String sha256)
            throws IOException {
        Path journalFile = DeleteJournal.fileFor(settings.workDir(), key);
        Path current = partial;
        for (int n = 1; ; n++) {
            n = firstFree(base, format, n);
            Path target = settings.archiveDir().resolve(nameOf(base, format, n));
            Path partialHere = partialOf(target, key);
            boolean claimed = false;
            boolean linked = false;
            try {
                if (!partialHere.equals(current)) {
                    moveAtomically(current, partialHere); // our own file: the key is in its name, the lock is ours
                    current = partialHere;
                }
                try {
                    checksums.write(target, sha256);
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
                claimed = true;
                reached("checksummed");
                new DeleteJournal(dir, target).write(journalFile);
                reached("journaled");
                try {
                    linkWithoutReplacing(current, target);
                } catch (FileAlreadyExistsException taken) {
                    Files.deleteIfExists(ChecksumFile.of(target));
                    Files.deleteIfExists(journalFile);
                    claimed = false;
                    continue;
                }
                linked = true;
                AtomicFiles.forceDirectory(settings.archiveDir());
                reached("renamed");
                return target;
            } catch (IOException | RuntimeException e) {
                if (!linked) {
                    discard(current);
                    if (claimed) {
                        Files.deleteIfExists(ChecksumFile.of(target));
                    }
                    Files.deleteIfExists(journalFile);
                }
                throw e;
            }
        }
    }

    /**
     * The file names that cannot be archived ({@link TarPacker#whyNotPackable}), each with why: so one odd file
     * never blocks the rest.
     */
    private static Map<String, String> unpackable(List<ScannedGoldenFile> files) {
        Map<String, String> left = new LinkedHashMap<>();
        for (ScannedGoldenFile f : files) {
            String why = TarPacker.whyNotPackable(f);
            if (why != null) {
                left.put(f.relative(), why);
            }
        }
        return left;
    }

    /** {@code files} without those in {@code left} and their trace or signature partners, which join {@code left}. */
    private static List<ScannedGoldenFile> withoutLeft(List<ScannedGoldenFile> files, Map<String, String> left) {
        if (left.isEmpty()) {
            return files;
        }
        List<ScannedGoldenFile> keep = new ArrayList<>(files.size());
        for (ScannedGoldenFile f : files) {
            String partner = GoldenFileKind.partnerOf(f.relative());
            if (left.containsKey(f.relative())) {
                continue;
            }
            if (partner != null && left.containsKey(partner)) {
                left.put(f.relative(), "travels with " + partner + ", which is left");
                continue;
            }
            keep.add(f);
        }
        return keep;
    }

    /**
     * One line per file left in place, in name order, saying why; returns them for the report. The file is shown as
     * the directory's path and its member name joined as text: a name the JVM cannot encode back into a path (not
     * ASCII under the C locale) is still named, where {@code dir.resolve(name)} would throw.
     */
    private List<LeftFile> logLeft(Path dir, List<ScannedGoldenFile> selected, Map<String, String> left,
                                                 boolean dryRun) {
        if (left.isEmpty()) {
            return List.of();
        }
        List<LeftFile> leftFiles = new ArrayList<>(left.size());
        for (ScannedGoldenFile f : selected) {
            String why = left.get(f.relative());
            if (why == null) {
                continue;
            }
            leftFiles.add(new LeftFile(f.relative(), why));
            String line = (dryRun ? "[DRY-RUN] Would leave " : "Left ") + LeftFile.shown(dir, f.relative()) + " unarchived: "
                    + why;
            if (dryRun) {
                log.say(line);
            } else {
                log.action(line);
            }
        }
        return leftFiles;
    }

    /**
     * Removes the delete journals of golden directories that no longer exist, whose work is done or moot: a journal
     * says "delete the originals of DIR that ARCHIVE holds", and with DIR gone there is nothing left to delete once
     * ARCHIVE has its final name, nor anything to finish when neither ARCHIVE nor its partial file exists. A journal
     * whose archive is still only its partial file is kept (it is the record of which archive the partial was to
     * become), with a line saying so. A journal that cannot be read, or whose directory exists or cannot be known
     * to be gone, is left to the run on that directory. Each journal is handled holding its directory's lock.
     */
    private void removeStaleJournals() throws IOException {
        Path journals = DeleteJournal.directory(settings.workDir());
        if (!Files.isDirectory(journals)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(journals, "*" + DeleteJournal.SUFFIX)) {
            stream.forEach(files::add);
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String key = name.substring(0, name.length() - DeleteJournal.SUFFIX.length());
            Optional<DeleteJournal> journal;
            try {
                journal = DeleteJournal.read(file);
            } catch (IOException e) {
                continue; // unreadable here: the run on its directory deals with it
            }
            if (journal.isEmpty() || !Files.notExists(journal.get().source())) {
                continue;
            }
            Optional<DirectoryLock> lock = DirectoryLock.tryAcquireKey(settings.workDir(), key);
            if (lock.isEmpty()) {
                continue; // another run is at it
            }
            try {
                removeIfStale(file, key, journal.get());
            } finally {
                lock.get().close();
            }
        }
    }

    private void removeIfStale(Path file, String key, DeleteJournal journal) throws IOException {
        Path source = journal.source();
        Path archive = journal.archive();
        if (!Files.notExists(source)) {
            return; // made again before the lock was taken: its own run finishes the journal
        }
        if (Files.isRegularFile(archive, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(file);
            log.action("Removed the delete journal of " + source + ": the directory no longer exists, and "
                    + archive.getFileName() + " holds what was archived from it");
        } else if (Files.exists(partialOf(archive, key), LinkOption.NOFOLLOW_LINKS)) {
            log.action("Kept the delete journal of " + source + " (" + file + "): the directory no longer exists, "
                    + "but its archive was never finished; " + partialOf(archive, key) + " holds its files");
        } else {
            Files.deleteIfExists(file);
            log.action("Removed the delete journal of " + source + ": the directory no longer exists, and its "
                    + "archive " + archive.getFileName() + " was never made");
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
                                    inodes.getOrDefault(e.path(), ScannedGoldenFile.NO_INODE))).toList());
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
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && claimedBy(partial, target)) {
                    Files.deleteIfExists(ChecksumFile.of(target));
                }
                Files.deleteIfExists(partial);
                log.action("Discarded unfinished archive " + name + " (its originals were never deleted)");
            }
        }
    }

    /**
     * True when the {@code .sha256} of {@code target} is the one this run's {@code partial} claimed before it was
     * interrupted (it holds the partial's checksum, or a beginning of that line: a write cut short), so it may be
     * removed; one another file put there is left alone.
     */
    private static boolean claimedBy(Path partial, Path target) throws IOException {
        Path checksum = ChecksumFile.of(target);
        if (!Files.isRegularFile(checksum, LinkOption.NOFOLLOW_LINKS) || Files.size(checksum) > 4096) {
            return false;
        }
        String text = new String(Files.readAllBytes(checksum), java.nio.charset.StandardCharsets.UTF_8);
        MessageDigest digest = TarPacker.sha256();
        try (InputStream in = Files.newInputStream(partial)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return ChecksumFile.line(target, HexFormat.of().formatHex(digest.digest())).startsWith(text);
    }

    /**
     * A file that went into the archive: its exact mtime as scanned when known, else (resuming from a journal) the
     * whole seconds the manifest recorded; and its inode as scanned, the order to delete in.
     */
    private record Original(String path, long size, FileTime modified, long mtimeSeconds, long inode) {

        /**
         * Whether {@code attrs} are still the archived file's: a regular file, same size and mtime, and the same
         * inode where the scan knew it (a file of the same size and mtime put in its place is not the one archived).
         */
        boolean unchanged(BasicFileAttributes attrs) {
            return attrs.isRegularFile() && attrs.size() == size && (modified != null
                    ? attrs.lastModifiedTime().equals(modified)
                    : attrs.lastModifiedTime().toInstant().getEpochSecond() == mtimeSeconds)
                    && (inode == ScannedGoldenFile.NO_INODE || DiskOrder.inodeOf(attrs) == inode);
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
        byInode.sort(BY_INODE);
        int batches = (byInode.size() + DELETE_BATCH - 1) / DELETE_BATCH;
        if (batches == 0) {
            return new int[] {0, 0};
        }
        int threads = Math.min(DELETE_THREADS, batches);
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicInteger removed = new AtomicInteger();
        AtomicInteger kept = new AtomicInteger();
        NoFollowTree tree = NoFollowTree.of(dir);
        Callable<Void> worker = () -> {
            try {
                for (int b; (b = nextBatch.getAndIncrement()) < batches; ) {
                    int to = Math.min(byInode.size(), (b + 1) * DELETE_BATCH);
                    for (Original e : byInode.subList(b * DELETE_BATCH, to)) {
                        switch (deleteIfUnchanged(tree, e)) {
                            case REMOVED -> CrashPoint.reached("deleted", removed.incrementAndGet());
                            case CHANGED, UNNAMED -> kept.incrementAndGet();
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
            tree.close();
        }
        return new int[] {removed.get(), kept.get()};
    }

    /**
     * Inode order. A class, not {@code Comparator.comparingLong(Original::inode)}: the originals come in member-name
     * order, which has nothing to do with their inodes, so 100,000 of them take some 1.7 million comparisons, and
     * under C1 (which does not inline a lambda's calls) the lambdas around each one cost more than the comparison.
     */
    private static final Comparator<Original> BY_INODE = new Comparator<>() {
        @Override
        public int compare(Original a, Original b) {
            return Long.compare(a.inode(), b.inode());
        }
    };

    /**
     * What became of an archived original. {@code UNNAMED}: its member name is not exactly one file's name here
     * ({@link ExactName}: a journal written by an older version may list one), or this JVM cannot encode it as a path
     * (not ASCII under the C locale); it is kept, never deleted by a name that may be another file's.
     */
    private enum Deletion { REMOVED, CHANGED, GONE, UNNAMED }

    /**
     * Deletes the original when it is still the one archived (a regular file of the same size, mtime and inode); a
     * file changed since is kept, and so is one whose directory is no longer the tree's (swapped for a link: the
     * tree never follows one, so no delete goes outside the archived directory). Looked up and unlinked relative to
     * its open directory ({@code fstatat}, {@code unlinkat}) rather than by its whole path, whose every component the
     * kernel would walk twice per file.
     */
    private static Deletion deleteIfUnchanged(NoFollowTree tree, Original archived) throws IOException {
        if (ExactName.problemWith(archived.path()) != null) {
            return Deletion.UNNAMED;
        }
        BasicFileAttributes attrs;
        try {
            attrs = tree.attributes(archived.path());
        } catch (InvalidPathException unencodable) {
            return Deletion.UNNAMED;
        } catch (NoSuchFileException gone) {
            return Deletion.GONE; // the file, or its directory, is gone
        } catch (NoFollowTree.NotInTreeException elsewhere) {
            return Deletion.CHANGED;
        }
        if (!archived.unchanged(attrs)) {
            return Deletion.CHANGED;
        }
        try {
            tree.delete(archived.path());
            return Deletion.REMOVED;
        } catch (InvalidPathException unencodable) {
            return Deletion.UNNAMED;
        } catch (NoSuchFileException gone) {
            return Deletion.GONE;
        } catch (NoFollowTree.NotInTreeException elsewhere) {
            return Deletion.CHANGED;
        }
    }

    /**
     * {@code golden_<YYYYmmdd_HHMMSS>_<run>[_<directory>]_<dirkey>}: the run being the name of the directory's
     * parent (upstream's naming), followed by {@code _<directory>} when the directory is not called {@code golden}
     * (a shadow run's {@code traces} directory is archived beside its {@code golden} one in the same second), and
     * the first 8 hex digits of the directory's key ({@link DirectoryLock#keyOf}, a digest of its real path): two
     * directories whose paths end alike ({@code /x/hostA/run/golden}, {@code /x/hostB/run/golden}) archived in the
     * same second never pick the same name.
     */
    String archiveBase(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        String run = parent == null || parent.getFileName() == null ? "root" : parent.getFileName().toString();
        String own = absolute.getFileName() == null ? "golden" : absolute.getFileName().toString();
        return "golden_" + LocalDateTime.now(settings.clock()).format(Stamp.FORMAT) + "_" + namePart(run)
                + ("golden".equals(own) ? "" : "_" + namePart(own)) + "_" + DirectoryLock.keyOf(dir).substring(0, 8);
    }

    /**
     * The most UTF-8 bytes of a directory's name that go into an archive's name: with two of them, the stamp, the
     * directory key, a number, the extension and the partial file's prefix and suffix, the longest name the archiver
     * writes stays within the 255 bytes a file name may have.
     */
    static final int NAME_PART_BYTES = 64;

    /**
     * A directory's name as part of an archive's name: a control character (a newline would split the checksum
     * file's line and the log's) as {@code _}, and cut to {@link #NAME_PART_BYTES} bytes of UTF-8, whole characters
     * only (a directory may have a 250-byte name; the archive's must hold two of them and more). The directory key
     * that ends the archive's name keeps apart names that end up alike.
     */
    static String namePart(String name) {
        StringBuilder b = new StringBuilder(Math.min(name.length(), NAME_PART_BYTES));
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            int size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (bytes + size > NAME_PART_BYTES) {
                break;
            }
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
                b.append('_');
            } else {
                b.appendCodePoint(c);
            }
            bytes += size;
            i += Character.charCount(c);
        }
        return b.toString();
    }

    /** The archive name with suffix number {@code n}: none for 1, then {@code _2}, {@code _3}... */
    static String nameOf(String base, ArchiveFormat format, int n) {
        return base + (n == 1 ? "" : "_" + n) + format.extension();
    }

    /** The first suffix number from {@code from} on whose archive and checksum names are both free now. */
    private int firstFree(String base, ArchiveFormat format, int from) {
        for (int n = from; ; n++) {
            Path target = settings.archiveDir().resolve(nameOf(base, format, n));
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    && !Files.exists(ChecksumFile.of(target), LinkOption.NOFOLLOW_LINKS)) {
                return n;
            }
        }
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

    /**
     * Gives {@code from} the name {@code to}, failing with {@link FileAlreadyExistsException} when {@code to}
     * exists, whoever made it and whenever: a hard link (which never replaces) and the unlink of the old name. On a
     * file system without hard links, a move without {@code REPLACE_EXISTING}.
     */
    static void linkWithoutReplacing(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.move(from, to);
            return;
        }
        Files.delete(from);
    }

    /**
     * Sizes as {@code du -h} would print them, roughly: {@code 512B}, {@code 12K}, {@code 3.4M}.
     *
     * @param bytes a size in bytes
     * @return the size, short: {@link ByteSizes#du(long)}
     */
    public static String humanBytes(long bytes) {
        return ByteSizes.du(bytes);
    }
}
