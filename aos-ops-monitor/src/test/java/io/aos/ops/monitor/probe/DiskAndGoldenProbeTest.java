package io.aos.ops.monitor.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.discovery.RunSnapshot;
import io.aos.ops.monitor.discovery.RunSnapshotReader;
import io.aos.ops.monitor.discovery.WatchedRun;
import io.aos.ops.monitor.fixture.RunFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DiskAndGoldenProbeTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private RunSnapshot snapshot(RunFixture run) {
        return RunSnapshotReader.of(new WatchedRun(Optional.of(run.root()), Optional.empty()), CLOCK).observe();
    }

    @Test
    void diskUsageAtOrAboveTheWarningLevelIsAWarningNamingTheFilesystem() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "disk")) {
            Thresholds warnAtZero = new Thresholds(Duration.ofMinutes(10), Duration.ofMinutes(30), 0, 100, 1);

            ProbeResult r = new DiskProbe(warnAtZero, List.of(tmp.resolve("state"))).check(snapshot(run));

            assertThat(r.status()).isIn(HealthStatus.WARNING, HealthStatus.CRITICAL);
            assertThat(r.message()).startsWith("Disk usage high: ");
            assertThat((Integer) r.figures().get(DiskProbe.MAX_PERCENT)).isBetween(0, 100);
        }
    }

    @Test
    void diskBelowBothLevelsIsOkAndDirectoriesOnOneFilesystemCountOnce() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "disk2")) {
            Thresholds never = new Thresholds(Duration.ofMinutes(10), Duration.ofMinutes(30), 100, 100, 1);

            ProbeResult r = new DiskProbe(never, List.of(tmp.resolve("missing/golden"), tmp.resolve("state")))
                    .check(snapshot(run));

            assertThat((java.util.List<?>) r.figures().get("filesystems")).hasSize(1);
        }
    }

    @Test
    void goldenProbeReportsSizeAndGrowthBetweenScans() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "golden")) {
            run.golden(3);
            Instant[] now = {Instant.parse("2026-11-28T03:00:00Z")};
            Clock moving = new Clock() {
                @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
                @Override public Clock withZone(java.time.ZoneId zone) { return this; }
                @Override public Instant instant() { return now[0]; }
            };
            GoldenProbe probe = new GoldenProbe(moving, Thresholds.defaults(), tmp.resolve("none"),
                    Duration.ofMinutes(5));

            assertThat(probe.check(snapshot(run)).figures()).containsEntry("files", 3L);
            run.golden(5);
            now[0] = now[0].plus(Duration.ofMinutes(1));
            assertThat(probe.check(snapshot(run)).figures()).containsEntry("files", 3L);
            now[0] = now[0].plus(Duration.ofMinutes(5));
            ProbeResult r = probe.check(snapshot(run));
            assertThat(r.figures()).containsEntry("files", 5L).containsEntry("growth_files", 2L);
            assertThat(r.status()).isEqualTo(HealthStatus.OK);
        }
    }

    @Test
    void goldenProbeCountsTheRunnersTracesBesideItsGoldenFilesAndWarnsOnTheirTotal() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "traces")) {
            run.golden(2);
            java.nio.file.Path traces = java.nio.file.Files.createDirectories(run.layout().tracesDir());
            java.nio.file.Files.writeString(traces.resolve("primary-w1-0.steps.jsonl"), "x".repeat(100));
            // 2 goldens of 14 bytes = 28 bytes alone stay under 50; with the 100-byte trace the total is over.
            Thresholds fifty = new Thresholds(Duration.ofMinutes(10), Duration.ofMinutes(30), 90, 95, 50);

            ProbeResult r = new GoldenProbe(CLOCK, fifty, tmp.resolve("none"), Duration.ofMinutes(5))
                    .check(snapshot(run));

            assertThat(r.figures()).containsEntry("files", 2L).containsEntry("traces_files", 1L)
                    .containsEntry("traces_bytes", 100L).containsEntry("total_files", 3L)
                    .containsEntry("traces_dir", traces.toString());
            assertThat(r.status()).isEqualTo(HealthStatus.WARNING);
            assertThat(r.message()).contains(traces.toString());
        }
    }
}
