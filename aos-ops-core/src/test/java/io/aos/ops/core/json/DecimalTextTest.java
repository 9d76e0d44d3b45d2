package io.aos.ops.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link DecimalText#fixed} against {@code String.format(Locale.ROOT, "%.Nf", v)}, the text it stands in for. */
class DecimalTextTest {

    private static void same(double v, int places) {
        assertThat(DecimalText.fixed(v, places)).as("%s, %d places", v, places)
                .isEqualTo(String.format(Locale.ROOT, "%." + places + "f", v));
    }

    @Test
    void writesWhatStringFormatWrites() {
        double[] edges = {0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 0.95, 9.95, 9.949999, 1.05, 2.5, 3.5, 10.5, 0.5,
            1023.95, 1e-7, 4.9e-324, 1e15, 1e16, 1e20, 1.7976931348623157e308, -0.04, -0.05, -1.25, -1e20,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 123.456, 99.99, 99.95, 0.001, 5e-5};
        for (double v : edges) {
            for (int places = 0; places <= 3; places++) {
                same(v, places);
            }
        }
        SplittableRandom r = new SplittableRandom(20261203L);
        for (int i = 0; i < 100_000; i++) {
            double v = switch (i % 4) {
                case 0 -> r.nextDouble() * 1024;                                  // humanBytes' range
                case 1 -> Math.round(r.nextDouble() * 100_000) / 1000.0 + 0.05;   // on the rounding edge
                case 2 -> r.nextDouble() * Math.pow(10, r.nextInt(-8, 18));
                default -> Double.longBitsToDouble(r.nextLong() & Long.MAX_VALUE);
            };
            same(v, i % 3);
        }
        assertThatThrownBy(() -> DecimalText.fixed(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
