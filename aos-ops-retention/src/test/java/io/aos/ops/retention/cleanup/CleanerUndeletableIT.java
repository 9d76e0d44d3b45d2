package io.aos.ops.retention.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aos.ops.retention.GoldenTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file cleanup cannot delete (immutable: {@code chattr +i}, which holds back root too) stops none of the others: the
 * rest of the directory and the other directories are cleaned, the log says how many went and names the file that
 * would not, and the run reports the directory as failed (exit 1), not an internal error. Skipped where
 * {@code chattr} is missing or the file system has no immutable flag (tmpfs).
 */
@Timeout(120)
class CleanerUndeletableIT {

    @TempDir
    Path tmp;

    private static boolean chattr(String flag, Path path) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            return false; // no chattr
        }
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void oneUndeletableFileStopsNoneOfTheOthersAndFailsItsDirectory() throws Exception {
        GoldenTree tree = new GoldenTree(tmp.resolve("t"));
        tree.file("a.golden.json", Duration.ofDays(3));
        Path stuck = tree.file("sub/b.golden.json", Duration.ofDays(3));
        tree.file("z.golden.json", Duration.ofDays(3));
        assumeTrue(chattr("+i", stuck), "chattr +i is not available here");
        Cleaner.Report report;
        try {
            report = new Cleaner(tree.settings(), tree.log(), Runnable::run).cleanup(1, false, Cleaner.FORCED);
        } finally {
            assertThat(chattr("-i", stuck)).as("the immutable flag is cleared again").isTrue();
        }
        assertThat(tree.golden.resolve("a.golden.json")).doesNotExist();
        assertThat(tree.golden.resolve("z.golden.json")).doesNotExist();
        assertThat(stuck).exists();
        assertThat(report.ok()).isFalse();
        assertThat(report.deleted()).isEqualTo(2);
        assertThat(report.directories().get(0).problem()).contains("could not be deleted", "sub/b.golden.json");
        List<String> log = Files.readAllLines(tree.settings().logFile());
        assertThat(log).anyMatch(l -> l.contains("Deleted 2 files"));
        assertThat(log).anyMatch(l -> l.contains("FAILED:") && l.contains("sub/b.golden.json"));
        assertThat(log).anyMatch(l -> l.contains("Cleanup complete: 2 files removed"));
    }
}
