package io.aos.ops.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link InstantText#of} against {@link Instant#toString()}, the text it stands in for. */
class InstantTextTest {

    @Test
    void writesWhatInstantToStringWrites() {
        SplittableRandom r = new SplittableRandom(20261203L);
        long[] seconds = {0, -1, 1, 59, 60, 86_399, 86_400, -86_400, 951_782_400L /* 2000-02-29 */,
            4_107_542_400L /* 2100-03-01 */, -2_208_988_800L /* 1900-01-01 */, 1_796_283_566L,
            -62_167_219_200L, -62_167_219_201L, 253_402_300_799L, 253_402_300_800L, Instant.MIN.getEpochSecond(),
            Instant.MAX.getEpochSecond()};
        int[] nanos = {0, 1, 999_999_999, 1_000_000, 123_000_000, 123_456_000, 123_456_789, 100, 1000, 10_000_000};
        for (long s : seconds) {
            for (int n : nanos) {
                Instant t = Instant.ofEpochSecond(s, n);
                assertThat(InstantText.of(t)).isEqualTo(t.toString());
            }
        }
        for (int i = 0; i < 100_000; i++) {
            long s = switch (i % 4) {
                case 0 -> r.nextLong(-62_167_219_200L - 1000, 253_402_300_799L + 1000);
                case 1 -> r.nextLong(1_700_000_000L, 1_900_000_000L);
                case 2 -> r.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond());
                default -> r.nextLong(-5_000_000_000L, 5_000_000_000L);
            };
            int n = switch (i % 3) {
                case 0 -> r.nextInt(1000) * 1_000_000;
                case 1 -> r.nextInt(1_000_000) * 1000;
                default -> r.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(s, n);
            assertThat(InstantText.of(t)).as("%d %d", s, n).isEqualTo(t.toString());
        }
    }
}
