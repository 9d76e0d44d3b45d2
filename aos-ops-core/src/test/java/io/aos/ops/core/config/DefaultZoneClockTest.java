package io.aos.ops.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * {@link DefaultZoneClock} tells the time {@link Clock#systemDefaultZone()} tells, in the same offsets. The machine
 * zone's fast path against the JDK's own ({@link TimeZone#toZoneId()}), for every zone the JDK knows: the
 * same offset at every instant tried (over a century, and both sides of this year's transitions), the same text from
 * an offset-based formatter, and {@link ZoneOffset#UTC} only for UTC by one of its names.
 */
class DefaultZoneClockTest {

    static final DateTimeFormatter ISECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx"); // date -Iseconds

    @Test
    void everyZoneGivesTheJdksOffsetsAndOnlyUtcByItsNamesIsTheFixedOffset() {
        Instant[] instants = new Instant[240];
        for (int i = 0; i < instants.length; i++) {
            // every half year from 1930 to 2049, at a time of day that moves
            instants[i] = Instant.parse("1930-01-15T00:00:00Z").plusSeconds(i * 15_778_800L + i * 3_607L);
        }
        int utc = 0;
        for (String id : TimeZone.getAvailableIDs()) {
            TimeZone tz = TimeZone.getTimeZone(id);
            ZoneId fast = DefaultZoneClock.zoneOf(tz);
            ZoneId jdk = tz.toZoneId();
            for (Instant at : instants) {
                assertThat(fast.getRules().getOffset(at)).as("%s at %s", id, at).isEqualTo(jdk.getRules().getOffset(at));
                assertThat(ISECONDS.format(at.atZone(fast))).as("%s at %s", id, at).isEqualTo(ISECONDS.format(at.atZone(jdk)));
            }
            if (fast.equals(ZoneOffset.UTC)) {
                utc++;
                assertThat(jdk.getRules().isFixedOffset()).as(id).isTrue();
            } else {
                assertThat(fast).as(id).isEqualTo(jdk);
            }
        }
        assertThat(utc).as("UTC's names that the JDK knows").isGreaterThanOrEqualTo(4);
        assertThat(DefaultZoneClock.zoneOf(TimeZone.getTimeZone("Etc/UTC"))).isEqualTo(ZoneOffset.UTC);
        assertThat(DefaultZoneClock.zoneOf(TimeZone.getTimeZone("Europe/London"))).isEqualTo(ZoneId.of("Europe/London"));
    }

    @Test
    void sameTimeAsTheSystemDefaultZoneClockAndTheSameOffsets() {
        Clock lazy = DefaultZoneClock.system();
        Clock system = Clock.systemDefaultZone();
        Instant before = system.instant();
        Instant now = lazy.instant();
        long millis = lazy.millis();
        Instant after = system.instant();
        assertThat(now).isBetween(before, after);
        assertThat(millis).isBetween(before.toEpochMilli(), after.toEpochMilli());
        // the default zone itself, or, for UTC by one of its names, the fixed offset: the same offset at every instant
        assertThat(lazy.getZone()).isEqualTo(DefaultZoneClock.zoneOf(TimeZone.getDefault()));
        for (Instant at : new Instant[] {now, Instant.parse("2026-01-15T12:00:00Z"), Instant.parse("2026-07-15T12:00:00Z")}) {
            assertThat(lazy.getZone().getRules().getOffset(at)).isEqualTo(system.getZone().getRules().getOffset(at));
        }
        assertThat(lazy.withZone(ZoneOffset.UTC).getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(lazy.withZone(ZoneOffset.UTC).instant()).isAfterOrEqualTo(after);
    }
}
