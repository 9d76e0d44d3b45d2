package io.aos.ops.retention.archive;

import io.aos.ops.retention.scan.LeftFile;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code archive} did, per directory. Immutable.
 *
 * @param days        the age in days files had to exceed
 * @param dryRun      whether nothing was written or removed
 * @param directories one outcome per watched directory, in order
 */
public record ArchiveReport(int days, boolean dryRun, List<DirectoryOutcome> directories) {

    /**
     * One directory's outcome; {@code problem} is null when all went well.
     *
     * @param directory    the directory
     * @param selected     files old enough to archive
     * @param archive      the archive written, or null (nothing selected, dry run, or a problem)
     * @param archiveBytes the archive's size in bytes
     * @param removed      originals removed after the archive verified
     * @param kept         archived files kept in place (changed since the scan, or not removable)
     * @param problem      why the directory was not handled (busy, failed), or null
     * @param left         old files left unarchived, each with why, in name order (also logged as
     *                     {@code Left <file> unarchived: <why>})
     */
    public record DirectoryOutcome(Path directory, int selected, Path archive, long archiveBytes, int removed,
                                   int kept, String problem, List<LeftFile> left) {

        /** Copies {@code left}. */
        public DirectoryOutcome {
            left = List.copyOf(left);
        }

        /** An outcome that left no file unarchived. */
        DirectoryOutcome(Path directory, int selected, Path archive, long archiveBytes, int removed, int kept,
                         String problem) {
            this(directory, selected, archive, archiveBytes, removed, kept, problem, List.of());
        }
    }

    /**
     * True when every directory was handled (none busy, none failed).
     *
     * @return whether every directory was handled
     */
    public boolean ok() {
        return directories.stream().allMatch(d -> d.problem() == null);
    }
}
