package io.aos.ops.retention.cleanup;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.lock.DirectoryLock;
import io.aos.ops.retention.log.RetentionLog;
import io.aos.ops.core.io.IoReason;
import io.aos.ops.retention.scan.Cutoff;
import io.aos.ops.retention.scan.DiskOrder;
import io.aos.ops.retention.scan.ExactName;
import io.aos.ops.retention.scan.LeftFile;
import io.aos.ops.retention.scan.NoFollowTree;
import io.aos.ops.retention.scan.ScannedGoldenFile;
import io.aos.ops.retention.scan.GoldenScanner;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Deletes old golden files without archiving them, after a per-directory confirmation. Public API.
 *
 * <p>A file is deleted only if it is still the file that was selected (same size and mtime), so one that a shadow
 * run rewrote after the scan stays. Traces and signatures go together (see {@link GoldenScanner#selectOld}). A file
 * whose name may stand for another file's ({@link ExactName}: not valid UTF-8, or read under a locale that is not
 * UTF-8) is never deleted: it is left, with a {@code Left <file> in place: <why>} line.
 *
 * <p>Safe to use from several threads and processes at once: each directory is locked for the run, and a directory
 * another run holds is reported busy, not waited for.
 */
public final class Cleaner {

    /** Asks whether {@code count} files may be deleted from {@code dir}; {@link #FORCED} always says yes. */
    @FunctionalInterface
    public interface Confirmation {
        /**
         * Asks before deleting.
         *
         * @param dir   the directory
         * @param count how many files would be deleted from it
         * @return whether they may be deleted
         */
        boolean approve(Path dir, int count);
    }

    /** Confirmation given up front ({@code --force}). */
    public static final Confirmation FORCED = (dir, count) -> true;

    /**
     * What happened in one directory; {@code problem} is null unless it was busy.
     *
     * @param directory the directory
     * @param selected  files old enough to delete (those left not counted)
     * @param deleted   files deleted
     * @param skipped   whether the confirmation said no
     * @param problem   why the directory was not handled (busy), or null
     * @param left      old files left in place, each with why, in name order
     */
    public record DirectoryOutcome(Path directory, int selected, int deleted, boolean skipped, String problem,
                                   List<LeftFile> left) {

        /** Copies {@code left}. */
        public DirectoryOutcome {
            left = List.copyOf(left);
        }

        /** An outcome that left no old file in place. */
        DirectoryOutcome(Path directory, int selected, int deleted, boolean skipped, String problem) {
            this(directory, selected, deleted, skipped, problem, List.of());
        }
    }

    /**
     * The whole run.
     *
     * @param days        the age in days files had to exceed
     * @param dryRun      whether nothing was deleted
     * @param directories one outcome per watched directory, in order
     */
    public record Report(int days, boolean dryRun, List<DirectoryOutcome> directories) {
        /** {@return the files deleted in all directories} */
        public int deleted() {
            return directories.stream().mapToInt(DirectoryOutcome::deleted).sum();
        }

        /** {@return whether every directory was handled (none busy)} */
        public boolean ok() {
            return directories.stream().allMatch(d -> d.problem() == null);
        }
    }

    private final RetentionSettings settings;
    private final RetentionLog log;
    private final Executor scanExecutor;

    /**
     * A cleaner for the directories of {@code settings}.
     *
     * @param settings what to clean and the clock
     * @param log      where actions are logged
     */
    public Cleaner(RetentionSettings settings, RetentionLog log) {
        this(settings, log, Runnable::run);
    }

    /**
     * A cleaner for the directories of {@code settings} that stats the files it selects on {@code scanExecutor}'s
     * threads beside the calling one ({@link GoldenScanner#selectOld(Path, Cutoff, Executor)}).
     *
     * @param settings     what to clean and the clock
     * @param log          where actions are logged
     * @param scanExecutor runs batches of stats while a directory is scanned ({@code Runnable::run} for none); never
     *                     shut down here
     */
    public Cleaner(RetentionSettings settings, RetentionLog log, Executor scanExecutor) {
        this.settings = settings;
        this.log = log;
        this.scanExecutor = checkNotNull(scanExecutor, "scanExecutor");
    }

    /**
     * Deletes golden files modified more than {@code days} days ago from every watched directory, after
     * {@code confirmation} approves each directory.
     *
     * @param days         the age in days
     * @param dryRun       list what would be deleted, and delete nothing
     * @param confirmation asked once per directory with files to delete ({@link #FORCED} for none)
     * @return what happened, per directory
     * @throws io.aos.ops.core.BadConfigurationException if a named directory does not exist
     * @throws IOException if a directory cannot be listed or a file deleted
     */
    public Report cleanup(int days, boolean dryRun, Confirmation confirmation) throws IOException {
        settings.requireNamedDirectories("nothing was deleted");
        Cutoff cutoff = Cutoff.of(settings.clock(), days);
        if (dryRun) {
            log.say("[DRY-RUN] Cleaning up golden files older than " + days + " days...");
        } else {
            log.action("Cleaning up golden files older than " + days + " days...");
        }
        List<DirectoryOutcome> outcomes = new ArrayList<>();
        for (Path dir : settings.directories()) {
            if (dryRun) {
                List<LeftFile> left = new ArrayList<>();
                List<ScannedGoldenFile> files = exactlyNamed(dir, GoldenScanner.selectOld(dir, cutoff, scanExecutor),
                        true, left);
                for (ScannedGoldenFile f : files) {
                    log.say("  " + f.relative() + "  age " + Cutoff.describe(cutoff.ageOf(f.modified())));
                }
                log.say("[DRY-RUN] Would delete " + files.size() + " files from " + dir);
                outcomes.add(new DirectoryOutcome(dir, files.size(), 0, false, null, left));
                continue;
            }
            Optional<DirectoryLock> lock = DirectoryLock.tryAcquire(settings.workDir(), dir);
            if (lock.isEmpty()) {
                String problem = "another retention run holds the lock on " + dir + "; skipped";
                log.action("Skipped " + dir + ": " + problem);
                outcomes.add(new DirectoryOutcome(dir, 0, 0, true, problem));
                continue;
            }
            try {
                outcomes.add(cleanDirectory(dir, cutoff, confirmation));
            } catch (IOException e) {
                // this directory failed (it cannot be listed, say); the others are still cleaned
                String problem = "cleaning " + dir + " failed (" + IoReason.describe(e) + ")";
                log.action("FAILED: " + problem);
                outcomes.add(new DirectoryOutcome(dir, 0, 0, false, problem, List.of()));
            } finally {
                lock.get().close();
            }
        }
        Report report = new Report(days, dryRun, List.copyOf(outcomes));
        if (!dryRun) {
            log.action("Cleanup complete: " + report.deleted() + " files removed");
        }
        return report;
    }

    private DirectoryOutcome cleanDirectory(Path dir, Cutoff cutoff, Confirmation confirmation) throws IOException {
        List<LeftFile> left = new ArrayList<>();
        List<ScannedGoldenFile> files = exactlyNamed(dir, GoldenScanner.selectOld(dir, cutoff, scanExecutor), false,
                left);
        if (files.isEmpty()) {
            log.say("No files older than " + cutoff.days() + " days in " + dir
                    + (left.isEmpty() ? "" : " that can be deleted"));
            return new DirectoryOutcome(dir, 0, 0, false, null, left);
        }
        if (!confirmation.approve(dir, files.size())) {
            log.action("Skipped " + dir);
            return new DirectoryOutcome(dir, files.size(), 0, true, null, left);
        }
        int deleted = 0;
        int failed = 0;
        String firstFailure = null;
        // Relative to each file's open directory, no link followed: a directory swapped for a link meanwhile sends
        // no delete outside the tree (NoFollowTree); a file is deleted only while it is still the one selected.
        try (NoFollowTree tree = NoFollowTree.of(dir)) {
            for (ScannedGoldenFile f : files) {
                try {
                    if (stillSelected(tree, f, cutoff)) {
                        tree.delete(f.relative());
                        deleted++;
                    }
                } catch (NoSuchFileException | NoFollowTree.NotInTreeException gone) {
                    // gone since the scan, or its directory is no longer the tree's: not ours to delete
                } catch (IOException e) {
                    // one file that cannot be deleted (immutable, say) stops none of the others
                    failed++;
                    if (firstFailure == null) {
                        firstFailure = f.relative() + ": " + IoReason.describe(e);
                    }
                }
            }
        }
        log.action("Deleted " + deleted + " files from " + dir);
        String problem = null;
        if (failed > 0) {
            problem = failed + (failed == 1 ? " file" : " files") + " of " + dir + " could not be deleted (first: "
                    + firstFailure + ")";
            log.action("FAILED: " + problem);
        }
        return new DirectoryOutcome(dir, files.size(), deleted, false, problem, left);
    }

    /** Whether {@code f} is still the file selected: regular, same size, mtime and inode, and still old enough. */
    private static boolean stillSelected(NoFollowTree tree, ScannedGoldenFile f, Cutoff cutoff) throws IOException {
        BasicFileAttributes attrs = tree.attributes(f.relative());
        return attrs.isRegularFile() && attrs.size() == f.size() && attrs.lastModifiedTime().equals(f.modified())
                && cutoff.isOld(attrs.lastModifiedTime())
                && (f.inode() == ScannedGoldenFile.NO_INODE || DiskOrder.inodeOf(attrs) == f.inode());
    }

    /**
     * {@code selected} without the files whose names may stand for another file's ({@link ExactName}), each of which
     * is logged and added to {@code left}: its name, shown to the operator who confirms, would not say which file goes.
     * A trace and its signature share the stem of their names, so they are left together.
     */
    private List<ScannedGoldenFile> exactlyNamed(Path dir, List<ScannedGoldenFile> selected, boolean dryRun,
                                                 List<LeftFile> left) {
        List<ScannedGoldenFile> exact = new ArrayList<>(selected.size());
        for (ScannedGoldenFile f : selected) {
            String why = ExactName.problemWith(f.relative());
            if (why == null) {
                exact.add(f);
                continue;
            }
            left.add(new LeftFile(f.relative(), why));
            if (dryRun) {
                log.say("[DRY-RUN] Would leave " + LeftFile.shown(dir, f.relative()) + " in place: " + why);
            } else {
                log.action("Left " + LeftFile.shown(dir, f.relative()) + " in place: " + why);
            }
        }
        return exact;
    }
}
