package io.aos.ops.monitor.probe;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.json.InstantText;
import io.aos.ops.monitor.discovery.RunSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Is the run making progress? The age of its heartbeat ({@code status.json}'s {@code updated_at}, else the log's
 * modification time): WARNING above 10 minutes, CRITICAL above 30 (the runbook's levels; upstream only warned). A
 * process can be alive with its main loop hung; this is what catches it. Not checked once the run has ended.
 */
public final class FreshnessProbe implements Probe {

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
            return ProbeResult.of(name(), HealthStatus.WARNING, "No shadow log file or status.json found", figures)
                    .withCondition("missing");
        }
        long age = Math.max(0, Duration.between(beat.get(), clock.instant()).getSeconds());
        figures.put("age_seconds", age);
        figures.put("heartbeat", InstantText.of(beat.get()));
        if (snapshot.ended()) {
            return ProbeResult.of(name(), HealthStatus.OK, "Run ended; last update " + age + "s ago", figures);
        }
        String what = snapshot.heartbeatSource();
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
}
