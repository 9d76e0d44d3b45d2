package io.aos.ops.core.config;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The system clock in the machine's default zone, as {@link Clock#systemDefaultZone()}, but the zone is looked up
 * only when somebody asks for it: a command that works in instants only (a retention status) then never loads the
 * zone rules (some 15 ms of a cold start). The zone is the default one when it is first asked for.
 */
public final class DefaultZoneClock extends Clock {

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
            z = ZoneId.systemDefault();
            zone = z;
        }
        return z;
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
