package io.aos.ops.monitor.sanity;

import io.aos.ops.core.health.HealthStatus;
import java.util.List;

/**
 * One numbered section of the sanity check.
 *
 * @param title  e.g. {@code Process Status}
 * @param status its health (UNKNOWN when it could not tell, e.g. Prometheus unreachable)
 * @param lines  what it prints, one entry per line
 */
public record SanitySection(String title, HealthStatus status, List<String> lines) {
    public SanitySection {
        lines = List.copyOf(lines);
    }
}
