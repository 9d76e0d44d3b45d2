package io.aos.ops.core.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TimeZone;

/**
 * The system clock in the machine's default zone, as {@link Clock#systemDefaultZone()}, but the zone is looked up
 * only when somebody asks for it: a command that works in instants only (a retention status) then never loads the
 * zone rules (some 15 ms of a cold start). The zone is the default one when it is first asked for; on a machine
 * whose zone is UTC by another name ({@code Etc/UTC}, {@code GMT}, ...), it is {@link ZoneOffset#UTC}, which gives the
 * same offset at every instant without setting up {@code java.time}'s zone-rules provider (a service lookup on the
 * class path and a second read of the time-zone database: most of what a cold {@code cron-check} spends on zones).
 */
public final class DefaultZoneClock extends Clock {

    /** The names of UTC in the JDK's time-zone database: fixed at offset zero, no daylight saving time, ever. */
    private static final Set<String> UTC_NAMES = Set.of("UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal",
            "Etc/Universal", "Zulu", "Etc/Zulu", "GMT", "Etc/GMT", "GMT0", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0",
            "Greenwich", "Etc/Greenwich");

    private volatile ZoneId zone;

    private DefaultZoneClock() {
    }

    /**
     * A system clock in the default zone, found when first needed.
     *
     * @return a new clock
     */
    public static Clock system() {
        return new DefaultZoneClock();
    }

    @Override
    public ZoneId getZone() {
        ZoneId z = zone;
        if (z == null) {
            z = machineZone();
            zone = z;
        }
        return z;
    }

    /**
     * The machine's zone, as {@link ZoneId#systemDefault()} gives it, but {@link ZoneOffset#UTC} for UTC by any of
     * its names: the same offset at every instant, the same text from every offset-based formatter.
     *
     * @return the zone
     */
    public static ZoneId machineZone() {
        return zoneOf(TimeZone.getDefault());
    }

    /** {@link #machineZone()} for {@code tz} (the default time zone, in use). */
    static ZoneId zoneOf(TimeZone tz) {
        if (UTC_NAMES.contains(tz.getID()) && tz.getRawOffset() == 0 && !tz.useDaylightTime()) {
            return ZoneOffset.UTC;
        }
        return tz.toZoneId();
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return Clock.system(newZone);
    }

    @Override
    public long millis() {
        return System.currentTimeMillis();
    }

    @Override
    public Instant instant() {
        return Instant.now();
    }

    @Override
    public String toString() {
        return "DefaultZoneClock[" + getZone() + "]";
    }
}
