package io.aos.ops.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@link DefaultZoneClock} tells what {@link Clock#systemDefaultZone()} tells. */
class DefaultZoneClockTest {

    @Test
    void sameZoneAndTimeAsTheSystemDefaultZoneClock() {
        Clock lazy = DefaultZoneClock.system();
        Clock system = Clock.systemDefaultZone();
        Instant before = system.instant();
        Instant now = lazy.instant();
        long millis = lazy.millis();
        Instant after = system.instant();
        assertThat(now).isBetween(before, after);
        assertThat(millis).isBetween(before.toEpochMilli(), after.toEpochMilli());
        assertThat(lazy.getZone()).isEqualTo(system.getZone()).isEqualTo(ZoneId.systemDefault());
        assertThat(lazy.withZone(ZoneOffset.UTC).getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(lazy.withZone(ZoneOffset.UTC).instant()).isAfterOrEqualTo(after);
    }
}
