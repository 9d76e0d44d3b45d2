package io.aos.ops.retention.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.retention.GoldenTree;
import io.aos.ops.retention.scan.NoFollowTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A golden file, or a directory of the tree, replaced by a FIFO after the scan: opening it would block until a writer
 * came, so archive must refuse it and finish, the FIFO left in place. The timeout runs in its own thread: a
 * regression blocks in {@code open(2)}, which no interrupt ends.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FifoSwapIT {

    @TempDir
    Path tmp;

    private static void mkfifo(Path path) {
        try {
            Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theTreeRefusesAFifoWhereAFileOrADirectoryWasWithoutBlocking() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        mkfifo(root.resolve("f.golden.json"));
        mkfifo(root.resolve("d"));
        try (NoFollowTree tree = NoFollowTree.of(root)) {
            assertThatThrownBy(() -> tree.openRegular("f.golden.json")).isInstanceOf(FileSystemException.class)
                    .hasMessageContaining("not a regular file");
            assertThatThrownBy(() -> tree.openRegular("d/x.golden.json"))
                    .isInstanceOf(NoFollowTree.NotInTreeException.class);
        }
    }

    @Test
    void aFileReplacedByAFifoAfterTheScanIsLeftAndTheArchiveFinishes() throws Exception {
        GoldenTree tree = new GoldenTree(tmp.resolve("t"));
        Path file = tree.file("f.golden.json", Duration.ofDays(2));
        tree.file("a.golden.json", Duration.ofDays(2));
        Archiver archiver = new Archiver(tree.settings(), tree.log(), reached -> {
            if (reached.equals("scanned")) {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                mkfifo(file);
            }
        }, ChecksumFile::create);

        ArchiveReport report = archiver.archive(1, ArchiveFormat.GZIP, false);

        assertThat(report.ok()).as(String.valueOf(report)).isTrue();
        assertThat(report.directories().get(0).removed()).isEqualTo(1);
        assertThat(Files.isRegularFile(file)).isFalse();
        assertThat(Files.exists(file)).as("the FIFO is left where it is").isTrue();
        assertThat(Files.readAllLines(tree.settings().logFile())).anyMatch(l -> l.contains("f.golden.json")
                && l.contains("not a regular file"));
    }
}
