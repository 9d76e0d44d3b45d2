package io.aos.ops.retention.cleanup;

import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.lock.DirectoryLock;
import io.aos.ops.retention.log.RetentionLog;
import io.aos.ops.retention.scan.Cutoff;
import io.aos.ops.retention.scan.ScannedGoldenFile;
import io.aos.ops.retention.scan.GoldenScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deletes old golden files without archiving them, after a per-directory confirmation. Public API.
 *
 * <p>A file is deleted only if it is still the file that was selected (same size and mtime), so one that a shadow
 * run rewrote after the scan stays. Traces and signatures go together (see {@link GoldenScanner#selectOld}).
 */
public final class Cleaner {

    /** Asks whether {@code count} files may be deleted from {@code dir}; {@link #FORCED} always says yes. */
    @FunctionalInterface
    public interface Confirmation {
        boolean approve(Path dir, int count);
    }

    /** Confirmation given up front ({@code --force}). */
    public static final Confirmation FORCED = (dir, count) -> true;

    /** What happened in one directory; {@code problem} is null unless it was busy. */
    public record DirectoryOutcome(Path directory, int selected, int deleted, boolean skipped, String problem) {
    }

    /** The whole run. */
    public record Report(int days, boolean dryRun, List<DirectoryOutcome> directories) {
        public int deleted() {
            return directories.stream().mapToInt(DirectoryOutcome::deleted).sum();
        }

        public boolean ok() {
            return directories.stream().allMatch(d -> d.problem() == null);
        }
    }

    private final RetentionSettings settings;
    private final RetentionLog log;

    public Cleaner(RetentionSettings settings, RetentionLog log) {
        this.settings = settings;
        this.log = log;
    }

    public Report cleanup(int days, boolean dryRun, Confirmation confirmation) throws IOException {
        Cutoff cutoff = Cutoff.of(settings.clock(), days);
        if (dryRun) {
            log.say("[DRY-RUN] Cleaning up golden files older than " + days + " days...");
        } else {
            log.action("Cleaning up golden files older than " + days + " days...");
        }
        List<DirectoryOutcome> outcomes = new ArrayList<>();
        for (Path dir : settings.directories()) {
            if (dryRun) {
                List<ScannedGoldenFile> files = GoldenScanner.selectOld(dir, cutoff);
                for (ScannedGoldenFile f : files) {
                    log.say("  " + f.relative() + "  age " + Cutoff.describe(cutoff.ageOf(f.modified())));
                }
                log.say("[DRY-RUN] Would delete " + files.size() + " files from " + dir);
                outcomes.add(new DirectoryOutcome(dir, files.size(), 0, false, null));
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
        List<ScannedGoldenFile> files = GoldenScanner.selectOld(dir, cutoff);
        if (files.isEmpty()) {
            log.say("No files older than " + cutoff.days() + " days in " + dir);
            return new DirectoryOutcome(dir, 0, 0, false, null);
        }
        if (!confirmation.approve(dir, files.size())) {
            log.action("Skipped " + dir);
            return new DirectoryOutcome(dir, files.size(), 0, true, null);
        }
        int deleted = 0;
        for (ScannedGoldenFile f : files) {
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(f.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException gone) {
                continue;
            }
            if (attrs.isRegularFile() && attrs.size() == f.size() && attrs.lastModifiedTime().equals(f.modified())
                    && cutoff.isOld(attrs.lastModifiedTime())) {
                if (Files.deleteIfExists(f.path())) {
                    deleted++;
                }
            }
        }
        log.action("Deleted " + deleted + " files from " + dir);
        return new DirectoryOutcome(dir, files.size(), deleted, false, null);
    }
}
