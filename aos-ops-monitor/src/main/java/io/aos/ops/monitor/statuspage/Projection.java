package io.aos.ops.monitor.statuspage;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/** The status page's estimates: a rate from timed samples, and the time until a filesystem reaches a percent used. */
final class Projection {

    /** A value seen at a time. */
    record Point(Instant at, double value) {
    }

    private Projection() {
    }

    /**
     * The change per hour from the oldest of {@code points} (oldest first) within {@code window} of the last to the
     * last; when the last is alone in the window (checks further apart than the window), from the one before it.
     * Empty with fewer than two points or less than a second between them.
     */
    static OptionalDouble perHour(List<Point> points, Duration window) {
        if (points.size() < 2) {
            return OptionalDouble.empty();
        }
        Point last = points.get(points.size() - 1);
        Instant from = last.at().minus(window);
        Point first = points.stream().filter(p -> !p.at().isBefore(from)).findFirst().orElse(last);
        if (first == last) {
            first = points.get(points.size() - 2);
        }
        double seconds = Duration.between(first.at(), last.at()).toMillis() / 1000.0;
        if (seconds < 1) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((last.value() - first.value()) * 3600 / seconds);
    }

    /**
     * Hours until a filesystem now {@code usedPercent} full with {@code availableBytes} available reaches
     * {@code targetPercent}, when its available bytes shrink by {@code fillBytesPerHour}: 0 if it is there already,
     * empty if it is not filling (or is full). Percent used is df's, used / (used + available), and used + available
     * stays as it is now: available reaches (100 - target) % of it.
     */
    static OptionalDouble hoursToPercent(long availableBytes, double usedPercent, double targetPercent,
                                         double fillBytesPerHour) {
        checkArgument(availableBytes >= 0, "available bytes must not be negative, got %s", availableBytes);
        checkArgument(targetPercent > 0 && targetPercent <= 100, "target percent must be within (0, 100], got %s",
                targetPercent);
        if (usedPercent >= targetPercent) {
            return OptionalDouble.of(0);
        }
        if (!(fillBytesPerHour > 0) || usedPercent >= 100) {
            return OptionalDouble.empty();
        }
        double capacity = availableBytes / (1 - usedPercent / 100);
        double availableAtTarget = capacity * (1 - targetPercent / 100);
        return OptionalDouble.of(Math.max(0, (availableBytes - availableAtTarget) / fillBytesPerHour));
    }
}
