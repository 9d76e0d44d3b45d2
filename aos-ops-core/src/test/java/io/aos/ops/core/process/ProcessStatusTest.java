package io.aos.ops.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ProcessStatus#formatElapsed} against the {@code String.format} patterns it replaces ({@code ps -o etime}). */
class ProcessStatusTest {

    /** The oracle: what formatElapsed wrote with String.format. */
    private static String withFormat(Duration elapsed) {
        long s = elapsed.getSeconds();
        long days = s / 86_400;
        long hours = s / 3600 % 24;
        long minutes = s / 60 % 60;
        long seconds = s % 60;
        if (days > 0) {
            return String.format("%d-%02d:%02d:%02d", days, hours, minutes, seconds);
        }
        if (hours > 0) {
            return String.format("%02d:%02d:%02d", hours, minutes, seconds);
        }
        return String.format("%02d:%02d", minutes, seconds);
    }

    @Test
    void writesWhatStringFormatWrote() {
        SplittableRandom r = new SplittableRandom(20261203L);
        long[] edges = {0, 1, 9, 10, 59, 60, 61, 599, 600, 3599, 3600, 3601, 35_999, 36_000, 86_399, 86_400, 86_401,
            863_999, 864_000, 8_640_000, 86_400L * 1000, -1, -59, -60, -3600, -86_400, -90_061};
        for (long s : edges) {
            Duration d = Duration.ofSeconds(s, s % 2 == 0 ? 0 : 999_999_999);
            assertThat(ProcessStatus.formatElapsed(d)).as("%s", d).isEqualTo(withFormat(d));
        }
        for (int i = 0; i < 20_000; i++) {
            long bound = new long[] {100, 4_000, 90_000, 10_000_000, 5_000_000_000L}[i % 5];
            Duration d = Duration.ofSeconds(r.nextLong(-bound / 10, bound), r.nextInt(1_000_000_000));
            assertThat(ProcessStatus.formatElapsed(d)).as("%s", d).isEqualTo(withFormat(d));
        }
        assertThat(ProcessStatus.formatElapsed(Duration.ofSeconds(90_061))).isEqualTo("1-01:01:01");
        assertThat(ProcessStatus.formatElapsed(Duration.ofSeconds(61))).isEqualTo("01:01");
    }
}
