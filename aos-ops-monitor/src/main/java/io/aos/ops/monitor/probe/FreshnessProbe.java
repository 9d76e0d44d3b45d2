package io.aos.ops.monitor.probe;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.json.InstantText;
import io.aos.ops.monitor.discovery.RunSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Is the run making progress? The age of its heartbeat ({@code status.json}'s {@code updated_at}, else the log's
 * modification time): WARNING above 10 minutes, CRITICAL above 30 (the runbook's levels; upstream only warned). A
 * process can be alive with its main loop hung; this is what catches it. Not checked once the run has ended.
 *
 * <p>A heartbeat more than {@link #FUTURE_SKEW} in the future is not taken as fresh (a clock stepped back since, a
 * {@code touch -d}, a runner on another host's clock): for {@code updated_at} the newest of {@code status.json}'s and
 * the log's modification times that is not in the future stands in for it; with none, the result is WARNING,
 * {@code clock skew: <time> is in the future}, condition {@code clock_skew}. A heartbeat less far ahead is fresh
 * (age 0), as before.
 */
public final class FreshnessProbe implements Probe {

    /** How far in the future a heartbeat may be and still count: clocks of two writers differ by this much. */
    public static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    private final Clock clock;
    private final Thresholds thresholds;

    public FreshnessProbe(Clock clock, Thresholds thresholds) {
        this.clock = checkNotNull(clock, "clock");
        this.thresholds = checkNotNull(thresholds, "thresholds");
    }

    @Override
    public String name() {
        return "freshness";
    }

    @Override
    public ProbeResult check(RunSnapshot snapshot) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("warning_seconds", thresholds.staleWarning().getSeconds());
        figures.put("critical_seconds", thresholds.staleCritical().getSeconds());
        Optional<Instant> beat = snapshot.heartbeat();
        if (beat.isEmpty()) {
            if (snapshot.ended()) {
                return ProbeResult.of(name(), HealthStatus.OK, "Run ended; freshness not checked", figures);
            }
            if (snapshot.statusProblem().isPresent()) {
                return ProbeResult.of(name(), HealthStatus.UNKNOWN, "Heartbeat UNKNOWN ("
                        + snapshot.statusProblem().get() + ")", figures).withCondition("unreadable");
            }
            return ProbeResult.of(name(), HealthStatus.WARNING, "No shadow log file or status.json found", figures)
                    .withCondition("missing");
        }
        Instant now = clock.instant();
        Instant at = beat.get();
        String what = snapshot.heartbeatSource();
        if (inFuture(at, now)) {
            Optional<Instant> stand = standIn(snapshot, now);
            if (stand.isEmpty()) {
                figures.put("heartbeat", InstantText.of(at));
                if (snapshot.ended()) {
                    return ProbeResult.of(name(), HealthStatus.OK, "Run ended; freshness not checked", figures);
                }
                return ProbeResult.of(name(), HealthStatus.WARNING, "Freshness unknown: clock skew: "
                        + InstantText.of(at) + " is in the future (" + what + ")", figures).withCondition("clock_skew");
            }
            what = (snapshot.statusModified().equals(stand) ? "status.json's modification time"
                    : "the log's modification time") + " (clock skew: " + what + " says " + InstantText.of(at)
                    + ", in the future)";
            at = stand.get();
        }
        long age = Math.max(0, Duration.between(at, now).getSeconds());
        figures.put("age_seconds", age);
        figures.put("heartbeat", InstantText.of(at));
        if (snapshot.ended()) {
            return ProbeResult.of(name(), HealthStatus.OK, "Run ended; last update " + age + "s ago", figures);
        }
        if (age > thresholds.staleCritical().getSeconds()) {
            return ProbeResult.of(name(), HealthStatus.CRITICAL, "Log stale: no update for " + age + "s (> "
                    + thresholds.staleCritical().getSeconds() + "s) in " + what, figures);
        }
        if (age > thresholds.staleWarning().getSeconds()) {
            return ProbeResult.of(name(), HealthStatus.WARNING, "Log stale: no update for " + age + "s (> "
                    + thresholds.staleWarning().getSeconds() + "s) in " + what, figures);
        }
        return ProbeResult.of(name(), HealthStatus.OK, "Updated " + age + "s ago", figures);
    }

    /** True if {@code at} is further in the future than two clocks may differ. */
    static boolean inFuture(Instant at, Instant now) {
        return at.isAfter(now.plus(FUTURE_SKEW));
    }

    /**
     * For an {@code updated_at} in the future: the newest of {@code status.json}'s and the log's modification times
     * that is not. The log's alone has no stand-in.
     */
    static Optional<Instant> standIn(RunSnapshot snapshot, Instant now) {
        if (!snapshot.heartbeatIsUpdatedAt()) {
            return Optional.empty();
        }
        Optional<Instant> best = Optional.empty();
        for (Optional<Instant> t : List.of(snapshot.statusModified(), snapshot.logModified())) {
            if (t.isPresent() && !inFuture(t.get(), now) && (best.isEmpty() || t.get().isAfter(best.get()))) {
                best = t;
            }
        }
        return best;
    }
}
