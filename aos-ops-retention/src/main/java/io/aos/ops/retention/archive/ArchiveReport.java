package io.aos.ops.retention.archive;

import java.nio.file.Path;
import java.util.List;

/** What {@code archive} did, per directory. */
public record ArchiveReport(int days, boolean dryRun, List<DirectoryOutcome> directories) {

    /** One directory's outcome; {@code problem} is null when all went well. */
    public record DirectoryOutcome(Path directory, int selected, Path archive, long archiveBytes, int removed,
                                   int kept, String problem) {
    }

    /** True when every directory was handled (none busy, none failed). */
    public boolean ok() {
        return directories.stream().allMatch(d -> d.problem() == null);
    }
}
