package io.aos.ops.monitor.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.monitor.discovery.RunSnapshotReader;
import io.aos.ops.monitor.discovery.WatchedRun;
import io.aos.ops.monitor.fixture.RunFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FreshnessProbeTest {

    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private HealthStatus heartbeatAged(Duration age) throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "age" + age.getSeconds())) {
            run.status(1, null, RunState.RUNNING, 3, 0, 0, NOW.minus(age));
            return new FreshnessProbe(CLOCK, Thresholds.defaults())
                    .check(RunSnapshotReader.of(new WatchedRun(Optional.of(run.root()), Optional.empty()), CLOCK).observe())
                    .status();
        }
    }

    @Test
    void aHeartbeatYoungerThanTenMinutesIsFresh() throws Exception {
        assertThat(heartbeatAged(Duration.ofMinutes(9))).isEqualTo(HealthStatus.OK);
        assertThat(heartbeatAged(Duration.ofMinutes(10))).isEqualTo(HealthStatus.OK);
    }

    @Test
    void aHeartbeatOlderThanTenMinutesIsAWarning() throws Exception {
        assertThat(heartbeatAged(Duration.ofMinutes(10).plusSeconds(1))).isEqualTo(HealthStatus.WARNING);
        assertThat(heartbeatAged(Duration.ofMinutes(30))).isEqualTo(HealthStatus.WARNING);
    }

    @Test
    void aHeartbeatOlderThanThirtyMinutesIsCritical() throws Exception {
        assertThat(heartbeatAged(Duration.ofMinutes(31))).isEqualTo(HealthStatus.CRITICAL);
    }

    @Test
    void withoutStatusJsonTheLogModificationTimeIsTheHeartbeat() throws Exception {
        Path log = tmp.resolve("shadow_24h_20261128_020000.log");
        Files.writeString(log, "[INFO] 02:00:00 Cycle 1: 9 workflows, 9 replays, 0 mismatches\n");
        Files.setLastModifiedTime(log, FileTime.from(NOW.minus(Duration.ofMinutes(12))));

        ProbeResult r = new FreshnessProbe(CLOCK, Thresholds.defaults())
                .check(RunSnapshotReader.of(new WatchedRun(Optional.empty(), Optional.of(log)), CLOCK).observe());

        assertThat(r.status()).isEqualTo(HealthStatus.WARNING);
        assertThat(r.message()).contains("720s", log.toString());
    }

    @Test
    void aRunThatCompletedLongAgoIsNotStale() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "done")) {
            run.status(1, null, RunState.COMPLETED, 3, 0, 0, NOW.minus(Duration.ofHours(5)));
            ProbeResult r = new FreshnessProbe(CLOCK, Thresholds.defaults())
                    .check(RunSnapshotReader.of(new WatchedRun(Optional.of(run.root()), Optional.empty()), CLOCK).observe());
            assertThat(r.status()).isEqualTo(HealthStatus.OK);
        }
    }
}
