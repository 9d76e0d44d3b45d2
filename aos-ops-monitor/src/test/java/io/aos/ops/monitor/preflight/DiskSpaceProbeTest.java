package io.aos.ops.monitor.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.probe.ProbeResult;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceProbeTest {

    @TempDir
    Path tmp;

    @Test
    void percentAfterIsDfsRoundingUp() {
        // 100 total, 50 free, 40 available to users (10 reserved): used 50 of 90 = 55.6% -> 56
        assertThat(DiskSpaceProbe.percentAfter(100, 50, 40, 0)).isEqualTo(56);
        assertThat(DiskSpaceProbe.percentAfter(100, 50, 40, 31)).isEqualTo(90);
        assertThat(DiskSpaceProbe.percentAfter(100, 50, 40, 32)).isEqualTo(92);
        assertThat(DiskSpaceProbe.percentAfter(100, 50, 40, 40)).isEqualTo(100);
    }

    /** Oracle: ceil((used + extra) * 100 / (used + available)) in exact integers. */
    @Test
    void percentAfterAgreesWithExactArithmeticOverRandomFilesystems() {
        Random random = new Random(42);
        for (int i = 0; i < 5000; i++) {
            long total = 1 + (random.nextLong() >>> 24);
            long free = (long) (random.nextDouble() * total);
            long available = (long) (random.nextDouble() * free);
            long extra = random.nextBoolean() ? 0 : (long) (random.nextDouble() * total);
            long used = total - free;
            if (used + available == 0) {
                continue;
            }
            BigInteger num = BigInteger.valueOf(used).add(BigInteger.valueOf(extra)).multiply(BigInteger.valueOf(100));
            BigInteger den = BigInteger.valueOf(used + available);
            BigInteger[] qr = num.divideAndRemainder(den);
            long exact = qr[0].longValue() + (qr[1].signum() > 0 ? 1 : 0);

            int got = DiskSpaceProbe.percentAfter(total, free, available, extra);

            // doubles may differ from the exact quotient only when it sits within rounding of an integer
            assertThat((long) got).as("total=%s free=%s avail=%s extra=%s", total, free, available, extra)
                    .isBetween(exact - 1, exact);
            assertThat(got > DiskSpaceProbe.LIMIT_PERCENT).isEqualTo(exact > DiskSpaceProbe.LIMIT_PERCENT
                    || got > DiskSpaceProbe.LIMIT_PERCENT);
        }
    }

    @Test
    void aSmallRunOnThisDiskIsOkAndAnImpossibleOneIsCritical() {
        ProbeResult small = new DiskSpaceProbe(List.of(tmp, tmp.resolve("state")), 1, "test").check();
        ProbeResult huge = new DiskSpaceProbe(List.of(tmp), Long.MAX_VALUE / 2, "test").check();

        assertThat(small.status()).as(small.message()).isEqualTo(HealthStatus.OK);
        assertThat(huge.status()).isEqualTo(HealthStatus.CRITICAL);
        assertThat(huge.message()).startsWith("Disk would pass 90%: " + tmp).contains("after the run");
    }

    @Test
    void theSeedsProjectionIsAbout104MegabytesPerDay() {
        long day = StorageProjection.seed().bytesFor(24);

        assertThat(day).isBetween(103L << 20, 104L << 20);
        assertThat(StorageProjection.measuredOrSeed(java.util.Optional.of(tmp)).source()).contains("seed");
    }
}
