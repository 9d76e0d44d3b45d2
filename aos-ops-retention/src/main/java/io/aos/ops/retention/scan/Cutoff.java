package io.aos.ops.retention.scan;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The age rule of {@code --days N}: a file is old when {@code now - mtime > N x 24 h}, strictly. A file exactly
 * N x 24 h old is kept, one a millisecond older is taken. {@code --days 0} takes every file modified before now and
 * never one stamped now or in the future (a file a shadow run is writing this instant stays).
 */
public record Cutoff(Instant now, int days) {

    public Cutoff {
        checkArgument(days >= 0, "days must be >= 0, not %s", days);
    }

    public static Cutoff of(Clock clock, int days) {
        return new Cutoff(clock.instant(), days);
    }

    /** The newest modification time that still counts as old is just before this instant. */
    public Instant threshold() {
        return now.minus(Duration.ofDays(days));
    }

    public boolean isOld(FileTime modified) {
        return modified.toInstant().isBefore(threshold());
    }

    /** The age of a file at {@link #now}. */
    public Duration ageOf(FileTime modified) {
        return Duration.between(modified.toInstant(), now);
    }

    /** An age as {@code 3d 04:05:06} for dry-run listings. */
    public static String describe(Duration age) {
        long s = age.getSeconds();
        String sign = s < 0 ? "-" : "";
        s = Math.abs(s);
        return String.format(java.util.Locale.ROOT, "%s%dd %02d:%02d:%02d", sign, s / 86400, (s / 3600) % 24,
                (s / 60) % 60, s % 60);
    }
}
