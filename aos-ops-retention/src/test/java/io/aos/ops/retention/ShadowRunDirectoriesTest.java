package io.aos.ops.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.retention.archive.ArchiveFormat;
import io.aos.ops.retention.archive.ArchiveReport;
import io.aos.ops.retention.archive.Archiver;
import io.aos.ops.retention.lock.DirectoryLock;
import io.aos.ops.retention.log.RetentionLog;
import io.aos.ops.retention.status.StatusScanner;
import io.aos.ops.retention.status.StorageStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default directories cover both kinds of file a shadow run writes: goldens and engine traces. */
class ShadowRunDirectoriesTest {

    @TempDir
    Path tmp;

    private final Clock clock = Clock.fixed(GoldenTree.NOW, ZoneOffset.UTC);

    private Path run() {
        return tmp.resolve("runs/shadow_simulation_20261127_010203");
    }

    private RetentionSettings defaults() {
        OpsConfig config = OpsConfig.rootedAt(tmp)
                .with(OpsSetting.SHADOW_RUN_GLOB, tmp.resolve("runs/shadow_simulation_*").toString())
                .with(OpsSetting.ARCHIVE_DIR, tmp.resolve("archive"));
        return RetentionSettings.from(config, List.of(), clock);
    }

    /** The files the runner writes for one primary run, a day old. */
    private void recordedRun(String runId) throws Exception {
        write(run().resolve("golden/" + runId + ".golden.json"));
        write(run().resolve("traces/" + runId + ".steps.jsonl"));
    }

    private void write(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"run\":\"" + file.getFileName() + "\"}\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(GoldenTree.NOW.minus(Duration.ofDays(1))));
    }

    private static long filesBelow(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void defaultDirectoriesAreEachRunsGoldenAndTracesThenGoldenDir() throws Exception {
        recordedRun("primary-w0-1");

        assertThat(defaults().directories()).containsExactly(
                run().resolve("golden").toAbsolutePath(),
                run().resolve("traces").toAbsolutePath(),
                tmp.resolve("state/golden").toAbsolutePath());
    }

    @Test
    void archiveWithDaysZeroTakesTheRunsGoldensAndTracesIntoTwoNamedArchives() throws Exception {
        recordedRun("primary-w0-1");
        recordedRun("primary-w1-1");

        ArchiveReport report = new Archiver(defaults(), RetentionLog.discarding(clock)).archive(0, ArchiveFormat.GZIP,
                false);

        assertThat(report.ok()).isTrue();
        assertThat(filesBelow(run().resolve("golden"))).isZero();
        assertThat(filesBelow(run().resolve("traces"))).isZero();
        try (Stream<Path> s = Files.list(tmp.resolve("archive"))) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tgz")))
                    .containsExactlyInAnyOrder(
                            "golden_20261128_030000_shadow_simulation_20261127_010203_"
                                    + DirectoryLock.keyOf(run().resolve("golden")).substring(0, 8) + ".tgz",
                            "golden_20261128_030000_shadow_simulation_20261127_010203_traces_"
                                    + DirectoryLock.keyOf(run().resolve("traces")).substring(0, 8) + ".tgz");
        }
    }

    @Test
    void statusCountsTheRunsTracesBesideItsGoldens() throws Exception {
        recordedRun("primary-w0-1");

        StorageStatus status = new StatusScanner(defaults()).status();

        assertThat(status.directories())
                .filteredOn(d -> d.path().equals(run().resolve("traces").toAbsolutePath().toString()))
                .singleElement()
                .satisfies(d -> assertThat(d.files()).isEqualTo(1));
        assertThat(status.directories())
                .filteredOn(d -> d.path().equals(run().resolve("golden").toAbsolutePath().toString()))
                .singleElement()
                .satisfies(d -> assertThat(d.files()).isEqualTo(1));
    }
}
