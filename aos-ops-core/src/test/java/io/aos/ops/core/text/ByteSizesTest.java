package io.aos.ops.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteSizes} against its oracle: the sizes as the suite wrote them before with {@code String.format} (the
 * retention reports' {@code du}-like form, the sanity check's and incident bundle's one-decimal form; the units now
 * go on to E where they stopped at T or P), over the unit boundaries and generated sizes of every magnitude.
 */
class ByteSizesTest {

    private static final String[] UNITS = {"B", "K", "M", "G", "T", "P", "E"};

    /** {unit index, value}: divided by 1024 while at least 1024, as the old code did. */
    private static double[] scale(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return new double[] {unit, value};
    }

    private static String duOracle(long bytes) {
        double[] s = scale(bytes);
        int unit = (int) s[0];
        return unit == 0 ? bytes + "B"
                : s[1] < 10 ? String.format(Locale.ROOT, "%.1f%s", s[1], UNITS[unit])
                : String.format(Locale.ROOT, "%.0f%s", s[1], UNITS[unit]);
    }

    private static String oneDecimalOracle(long bytes) {
        double[] s = scale(bytes);
        int unit = (int) s[0];
        return unit == 0 ? bytes + "B" : String.format(Locale.ROOT, "%.1f%s", s[1], UNITS[unit]);
    }

    private static void same(long bytes) {
        assertThat(ByteSizes.du(bytes)).as("du(%d)", bytes).isEqualTo(duOracle(bytes));
        assertThat(ByteSizes.oneDecimal(bytes)).as("oneDecimal(%d)", bytes).isEqualTo(oneDecimalOracle(bytes));
    }

    @Test
    void examples() {
        assertThat(ByteSizes.du(0)).isEqualTo("0B");
        assertThat(ByteSizes.du(512)).isEqualTo("512B");
        assertThat(ByteSizes.du(1023)).isEqualTo("1023B");
        assertThat(ByteSizes.du(1024)).isEqualTo("1.0K");
        assertThat(ByteSizes.du(3_565_158)).isEqualTo("3.4M");
        assertThat(ByteSizes.du(12 * 1024)).isEqualTo("12K");
        assertThat(ByteSizes.oneDecimal(12 * 1024)).isEqualTo("12.0K");
        assertThat(ByteSizes.oneDecimal(5L << 50)).isEqualTo("5.0P");
        assertThat(ByteSizes.du(Long.MAX_VALUE)).isEqualTo("8.0E");
    }

    @Test
    void writesWhatStringFormatWroteOverEveryMagnitude() {
        for (int shift = 0; shift < 63; shift++) {
            long p = 1L << shift;
            for (long d = -2; d <= 2; d++) {
                if (p + d >= 0) {
                    same(p + d);
                }
            }
            same(10 * p - 1);
            same(10 * p);
            same(p * 1023 + p / 2);
        }
        same(Long.MAX_VALUE);
        SplittableRandom r = new SplittableRandom(20261203L);
        for (int i = 0; i < 100_000; i++) {
            same(i % 8 == 0 ? r.nextLong() & Long.MAX_VALUE : r.nextLong(1L << r.nextInt(1, 63)));
        }
    }
}
