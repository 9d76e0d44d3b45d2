package io.aos.ops.monitor.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.aos.ops.monitor.discovery.ProcessSource;
import io.aos.ops.monitor.discovery.RunProgress;
import io.aos.ops.monitor.discovery.RunSnapshot;
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
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
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

    // --- a heartbeat in the future (clock skew) ----------------------------------------------------------------------

    @Test
    void anUpdatedAtInTheFutureIsNotFreshWhenStatusJsonsOwnModificationTimeIsThreeHoursOld() throws Exception {
        try (RunFixture run = RunFixture.create(tmp, "skew")) {
            run.status(1, null, RunState.RUNNING, 3, 0, 0, NOW.plus(Duration.ofHours(2)));
            Files.setLastModifiedTime(run.layout().statusFile(), FileTime.from(NOW.minus(Duration.ofHours(3))));

            ProbeResult r = new FreshnessProbe(CLOCK, Thresholds.defaults())
                    .check(RunSnapshotReader.of(new WatchedRun(Optional.of(run.root()), Optional.empty()), CLOCK).observe());

            assertThat(r.status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(r.figures()).containsEntry("age_seconds", 10800L);
            assertThat(r.message()).contains("no update for 10800s", "status.json's modification time",
                    "clock skew", "2026-11-28T05:00:00");
        }
    }

    @Test
    void aLogTouchedIntoTheFutureIsAClockSkewWarningNotFresh() throws Exception {
        Path log = tmp.resolve("shadow_24h_20261128_020000.log");
        Files.writeString(log, "[INFO] 02:00:00 Cycle 1: 9 workflows, 9 replays, 0 mismatches\n");
        Files.setLastModifiedTime(log, FileTime.from(NOW.plus(Duration.ofHours(2)))); // touch -d '+2 hours'

        ProbeResult r = new FreshnessProbe(CLOCK, Thresholds.defaults())
                .check(RunSnapshotReader.of(new WatchedRun(Optional.empty(), Optional.of(log)), CLOCK).observe());

        assertThat(r.status()).isEqualTo(HealthStatus.WARNING);
        assertThat(r.condition()).isEqualTo("clock_skew");
        assertThat(r.message()).contains("clock skew: 2026-11-28T05:00:00", "is in the future", log.toString());
        assertThat(r.figures()).doesNotContainKey("age_seconds");
    }

    @Test
    void aHeartbeatLessThanTheSkewAheadIsFreshAsBefore() {
        ProbeResult r = probe(snapshot(Optional.of(NOW.plus(Duration.ofMinutes(5))), Optional.empty(),
                Optional.empty(), RunState.RUNNING));
        assertThat(r.status()).isEqualTo(HealthStatus.OK);
        assertThat(r.figures()).containsEntry("age_seconds", 0L);
    }

    @Test
    void anEndedRunIsNotCheckedWhateverItsClock() {
        assertThat(probe(snapshot(Optional.of(NOW.plus(Duration.ofDays(1))), Optional.empty(), Optional.empty(),
                RunState.COMPLETED)).status()).isEqualTo(HealthStatus.OK);
    }

    static ProbeResult probe(RunSnapshot snapshot) {
        return new FreshnessProbe(CLOCK, Thresholds.defaults()).check(snapshot);
    }

    /** A snapshot with these times only: {@code status.json} exists exactly when {@code updatedAt} is given. */
    static RunSnapshot snapshot(Optional<Instant> updatedAt, Optional<Instant> statusModified,
            Optional<Instant> logModified, RunState state) {
        Optional<ShadowRunStatus> status = updatedAt.map(at -> new ShadowRunStatus(ShadowRunStatus.SCHEMA_VERSION, 1,
                null, NOW.minus(Duration.ofDays(1)), at, state, 3, 27, 27, 0, 0, at, 24.0, null, false, null));
        return new RunSnapshot(NOW, new WatchedRun(Optional.of(Path.of("run")), Optional.of(Path.of("run.log"))),
                status, List.of(), List.of(), Optional.empty(), ProcessSource.NONE, Optional.empty(), List.of(), logModified,
                updatedAt.isPresent() ? statusModified : Optional.empty(), Optional.empty(), false,
                new RunProgress(3, 3, 27, 27, 0, 0, new TreeMap<>(), "status.json"));
    }

    /** A time within two days either side of now, often close to it. */
    static Optional<Instant> someTime(Random random) {
        if (random.nextInt(5) == 0) {
            return Optional.empty();
        }
        long range = random.nextBoolean() ? 3_600 : 2 * 86_400;
        return Optional.of(NOW.plusSeconds(random.nextLong(-range, range)));
    }

    /**
     * The model: the heartbeat is {@code updated_at}, else the log's time; one more than 5 minutes ahead stands only
     * through the newest of the other times that is not (for {@code updated_at}; the log's has none); then WARNING
     * above 600 s, CRITICAL above 1800 s. No stand-in: WARNING, clock skew.
     */
    static HealthStatus model(Optional<Instant> updatedAt, Optional<Instant> statusModified,
            Optional<Instant> logModified) {
        Optional<Instant> beat = updatedAt.isPresent() ? updatedAt : logModified;
        if (beat.isEmpty()) {
            return HealthStatus.WARNING; // missing
        }
        Instant latest = NOW.plusSeconds(300);
        Instant at = beat.get();
        if (at.isAfter(latest)) {
            Optional<Instant> stand = Optional.empty();
            if (updatedAt.isPresent()) {
                for (Optional<Instant> t : List.of(statusModified, logModified)) {
                    if (t.isPresent() && !t.get().isAfter(latest) && (stand.isEmpty() || t.get().isAfter(stand.get()))) {
                        stand = t;
                    }
                }
            }
            if (stand.isEmpty()) {
                return HealthStatus.WARNING;
            }
            at = stand.get();
        }
        long age = Math.max(0, Duration.between(at, NOW).getSeconds());
        return age > 1800 ? HealthStatus.CRITICAL : age > 600 ? HealthStatus.WARNING : HealthStatus.OK;
    }

    @Test
    void generatedHeartbeatsAgreeWithTheModel() {
        Random random = new Random(20261203);
        int skewed = 0;
        for (int n = 0; n < 5_000; n++) {
            Optional<Instant> updatedAt = someTime(random);
            Optional<Instant> statusModified = updatedAt.isPresent() ? someTime(random) : Optional.empty();
            Optional<Instant> logModified = someTime(random);

            ProbeResult r = probe(snapshot(updatedAt, statusModified, logModified, RunState.RUNNING));

            assertThat(r.status()).as("updated_at %s, status.json %s, log %s: %s", updatedAt, statusModified,
                    logModified, r.message()).isEqualTo(model(updatedAt, statusModified, logModified));
            if ("clock_skew".equals(r.condition())) {
                skewed++;
                assertThat(r.message()).contains("clock skew: ", " is in the future");
            }
        }
        assertThat(skewed).as("clock skew is generated").isGreaterThan(100);
    }
}
