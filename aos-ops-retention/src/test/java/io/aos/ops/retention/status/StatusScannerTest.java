package io.aos.ops.retention.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.retention.GoldenTree;
import io.aos.ops.retention.RetentionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusScannerTest {

    @Test
    void countsFilesBytesOldestNewestAndRecentGrowth(@TempDir Path tmp) throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        Path a = tree.file("a.golden.json", Duration.ofDays(3));
        Path b = tree.file("b.steps.jsonl", Duration.ofHours(1));
        tree.file("c.steps.jsonl.sig", Duration.ofHours(2));
        Files.writeString(tree.golden.resolve("notes.txt"), "not golden");
        long bytes = Files.size(a) + Files.size(b) + Files.size(tree.golden.resolve("c.steps.jsonl.sig"));

        StorageStatus status = new StatusScanner(tree.settings()).status();

        StorageStatus.DirectoryStatus dir = status.directories().get(0);
        assertThat(dir.files()).isEqualTo(3);
        assertThat(dir.apparentBytes()).isEqualTo(bytes);
        assertThat(dir.diskBytes()).isGreaterThanOrEqualTo(bytes);
        assertThat(dir.oldest()).isEqualTo(GoldenTree.NOW.minus(Duration.ofDays(3)));
        assertThat(dir.newest()).isEqualTo(GoldenTree.NOW.minus(Duration.ofHours(1)));
        assertThat(dir.recentFiles()).isEqualTo(2);
        assertThat(status.archive().exists()).isFalse();
        assertThat(status.filesystems()).isNotEmpty();
        assertThat(status.filesystems().get(0).growthBytesPerHour()).isGreaterThan(0);
    }

    @Test
    void aFileDatedInTheFutureIsCountedApartNotAsGrowth(@TempDir Path tmp) throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        tree.file("now.golden.json", Duration.ZERO);
        Path future = tree.file("future.golden.json", Duration.ofHours(-2));
        tree.file("recent.golden.json", Duration.ofHours(1));

        StorageStatus status = new StatusScanner(tree.settings()).status();

        StorageStatus.DirectoryStatus dir = status.directories().get(0);
        assertThat(dir.files()).isEqualTo(3);
        assertThat(dir.recentFiles()).isEqualTo(2);
        assertThat(dir.recentBytes()).isEqualTo(dir.apparentBytes() - Files.size(future));
        assertThat(dir.futureFiles()).isEqualTo(1);
        assertThat(dir.newest()).isEqualTo(GoldenTree.NOW.plus(Duration.ofHours(2)));
        assertThat(StorageStatusText.text(status)).contains("  Last 6 h: 2 files, ",
                "  Dated in the future: 1 files (not counted as growth; check the clock)");
    }

    @Test
    void anArchiveDirectoryThatIsAFileIsSaidToBeNoDirectory(@TempDir Path tmp) throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        RetentionSettings base = tree.settings();
        Path file = Files.writeString(tmp.resolve("archive-file"), "not a directory");
        RetentionSettings settings = new RetentionSettings(base.directories(), file, base.defaultDays(),
                base.logFile(), base.stateDir(), base.clock(), base.directoriesNamed());

        StorageStatus status = new StatusScanner(settings).status();

        assertThat(status.archive().exists()).isTrue();
        assertThat(status.archive().directory()).isFalse();
        assertThat(StorageStatusText.text(status)).contains("Archive Directory: " + file + System.lineSeparator()
                + "  (not a directory: archives cannot be written there)").doesNotContain("(not created)");
        assertThat(StorageStatusJson.jsonText(status)).containsPattern("\"exists\" : true,\\s+\"directory\" : false");
    }

    @Test
    void aMissingDirectoryIsReportedNotFailed(@TempDir Path tmp) throws Exception {
        GoldenTree tree = new GoldenTree(tmp);
        StorageStatus status = new StatusScanner(tree.settings().withDirectories(List.of(tmp.resolve("none"))))
                .status();
        assertThat(status.directories().get(0).exists()).isFalse();
    }

    @Test
    void usedPercentAndTheNinetyPercentProjectionFollowDfCountingReservedBlocksAsFull() {
        long g = 1L << 30;
        // df: Size 100G, Used 50G, Avail 40G (10G reserved for root): Use% = 50 / (50 + 40) = 55.6 %
        StorageStatus.FilesystemStatus fs = StatusScanner.filesystem("vda (ext4)", List.of(Path.of("/tmp")),
                100 * g, 50 * g, 40 * g, g, GoldenTree.NOW);

        assertThat(fs.usedPercent()).isEqualTo(55.6);
        // 90 % of the 90G users can fill is 81G: 31G to go at 1G/h
        assertThat(fs.hoursTo90Percent()).isEqualTo(31.0);
        assertThat(fs.projected90PercentAt()).isEqualTo(GoldenTree.NOW.plus(Duration.ofHours(31)));
    }

    @Test
    void aFilesystemAlreadyPastNinetyPercentOfWhatUsersCanFillIsThereNow() {
        long g = 1L << 30;
        StorageStatus.FilesystemStatus fs = StatusScanner.filesystem("vda (ext4)", List.of(Path.of("/tmp")),
                100 * g, 9 * g, 4 * g, 0, GoldenTree.NOW);

        assertThat(fs.usedPercent()).isEqualTo(95.8); // 91 / 95, though only 91 % of the raw size
        assertThat(fs.hoursTo90Percent()).isEqualTo(0.0);
    }
}
