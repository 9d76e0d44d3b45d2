package io.aos.ops.monitor.finish;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The archive step of {@link ShadowFinish}: the runbook's {@code golden_retention.sh archive --days 0}, on the given
 * directories only. The monitor module does not depend on retention (by the module design), so whoever runs a
 * finish hands in the retention archiver through this interface: the CLI wires {@code aos-ops-retention}'s
 * {@code Archiver} and {@code ArchiveVerifier}; a service may wire the same, or its own store.
 *
 * <p>Contract: {@link #archive} deletes an original only once it is in an archive that was written, forced to disk
 * and read back in full; a directory that fails keeps every file and is named in {@code problems}.
 */
public interface GoldenArchiving {

    /** One archive made: the directory it holds and how many files. */
    record Archive(Path directory, Path archive, int files) {
        public Archive {
            checkNotNull(directory, "directory");
            checkNotNull(archive, "archive");
        }
    }

    /**
     * What one archive run did.
     *
     * @param archives the archives made (a directory with nothing to archive makes none)
     * @param kept     files left in place (unreadable, or changed after they were archived)
     * @param problems one sentence per directory that failed; empty when every directory was handled
     */
    record Outcome(List<Archive> archives, int kept, List<String> problems) {
        public Outcome {
            archives = List.copyOf(archives);
            problems = List.copyOf(problems);
        }
    }

    /** An archive read back in full: {@code ok}, with the number of files, else the reason. */
    record Verification(boolean ok, int files, String reason) {
    }

    /** Archives every golden file in {@code directories} (all ages: {@code --days 0}). */
    Outcome archive(List<Path> directories) throws IOException;

    /** Reads {@code archive} back in full and checks every member against its manifest. */
    Verification verify(Path archive);
}
