package io.aos.ops.cli.retention;

import io.aos.ops.retention.archive.ArchiveReport;
import io.aos.ops.retention.cleanup.Cleaner;
import io.aos.ops.retention.scan.LeftFile;
import java.util.List;

/** JSON shapes of the retention reports, with paths as plain strings. */
final class RetentionJson {

    private RetentionJson() {
    }

    record ArchiveJson(int days, boolean dryRun, boolean ok, List<ArchiveDir> directories) {
    }

    record ArchiveDir(String directory, int selected, String archive, long archiveBytes, int removed, int kept,
                      String problem, List<LeftFile> left) {
    }

    record CleanupJson(int days, boolean dryRun, boolean ok, int deleted, List<CleanupDir> directories) {
    }

    record CleanupDir(String directory, int selected, int deleted, boolean skipped, String problem,
                      List<LeftFile> left) {
    }

    static ArchiveJson of(ArchiveReport r) {
        return new ArchiveJson(r.days(), r.dryRun(), r.ok(), r.directories().stream()
                .map(d -> new ArchiveDir(d.directory().toString(), d.selected(),
                        d.archive() == null ? null : d.archive().toString(), d.archiveBytes(), d.removed(), d.kept(),
                        d.problem(), d.left()))
                .toList());
    }

    static CleanupJson of(Cleaner.Report r) {
        return new CleanupJson(r.days(), r.dryRun(), r.ok(), r.deleted(), r.directories().stream()
                .map(d -> new CleanupDir(d.directory().toString(), d.selected(), d.deleted(), d.skipped(),
                        d.problem(), d.left()))
                .toList());
    }
}
