package io.aos.ops.monitor.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProjectionTest {

    static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void theRateIsTheChangeOverTheWindowPerHour() {
        List<Projection.Point> points = List.of(new Projection.Point(T0, 0), new Projection.Point(T0.plusSeconds(600),
                50), new Projection.Point(T0.plusSeconds(1800), 100), new Projection.Point(T0.plusSeconds(3600), 130));

        assertThat(Projection.perHour(points, Duration.ofHours(2)).getAsDouble()).isEqualTo(130.0);
        // the window starts at the first point within 30 minutes of the last: 30 in 30 minutes
        assertThat(Projection.perHour(points, Duration.ofMinutes(30)).getAsDouble()).isEqualTo(60.0);
        assertThat(Projection.perHour(points.subList(0, 1), Duration.ofHours(1))).isEmpty();
        // checks further apart than the window: the last two
        assertThat(Projection.perHour(points, Duration.ofMinutes(5)).getAsDouble()).isEqualTo(60.0);
    }

    @Test
    void aFilesystemAtOrPastTheLevelHasReachedItAndOneNotFillingNeverDoes() {
        assertThat(Projection.hoursToPercent(10, 90, 90, 5).getAsDouble()).isZero();
        assertThat(Projection.hoursToPercent(1000, 50, 90, 0)).isEmpty();
        assertThat(Projection.hoursToPercent(1000, 50, 90, -3)).isEmpty();
    }

    /**
     * Generated filesystems, each simulated hour by hour (the oracle: df's percent recomputed as the available
     * bytes shrink), against the closed form.
     */
    @Test
    void theProjectionAgreesWithAnHourByHourSimulation() {
        Random random = new Random(20261202);
        for (int i = 0; i < 500; i++) {
            long capacity = 1_000_000 + random.nextInt(1_000_000_000);
            long used = (long) (capacity * random.nextDouble() * 0.85);
            long available = capacity - used;
            double usedPercent = 100.0 * used / capacity;
            double fill = 1 + random.nextInt(capacity / 50 > Integer.MAX_VALUE ? Integer.MAX_VALUE
                    : (int) (capacity / 50));
            double target = 86 + random.nextInt(14);

            OptionalDouble hours = Projection.hoursToPercent(available, usedPercent, target, fill);

            int simulated = 0;
            double left = available;
            while (100.0 * (capacity - left) / capacity < target) {
                left -= fill;
                simulated++;
            }
            assertThat(hours).isPresent();
            assertThat(hours.getAsDouble()).as("case %d", i).isBetween(simulated - 1.0001, (double) simulated);
        }
    }

    @Test
    void noisyButSteadySamplesGiveTheirTrend() {
        List<Projection.Point> points = new ArrayList<>();
        for (int s = 0; s <= 3600; s += 60) {
            points.add(new Projection.Point(T0.plusSeconds(s), 1000 - s / 60.0 * 10));
        }
        assertThat(Projection.perHour(points, Duration.ofHours(1)).getAsDouble()).isEqualTo(-600.0);
    }
}
