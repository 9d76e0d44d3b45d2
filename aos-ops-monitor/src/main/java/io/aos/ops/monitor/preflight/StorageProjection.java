package io.aos.ops.monitor.preflight;

import static com.google.common.base.Preconditions.checkArgument;

import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.aos.ops.monitor.discovery.RunStateReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How many bytes a shadow run of some hours will write. Measured from the newest run when it has finished cycles
 * (its directory's size per cycle, at the runbook's 2,880 cycles a day), else the runbook's projection for a 24-hour
 * run (~104 MB, i.e. 2,880 cycles of ~36 KiB).
 *
 * @param bytesPerCycle what one cycle writes
 * @param source        where the figure comes from, for the operator
 */
public record StorageProjection(long bytesPerCycle, String source) {

    /** The runbook's table: ~2,880 cycles in 24 hours. */
    public static final double CYCLES_PER_HOUR = 2880 / 24.0;
    /** The runbook's table: ~104M for ~2,880 cycles. */
    public static final long SEED_BYTES_PER_CYCLE = 104L * 1024 * 1024 / 2880;

    public StorageProjection {
        checkArgument(bytesPerCycle >= 0, "bytesPerCycle must be >= 0, got %s", bytesPerCycle);
    }

    public static StorageProjection seed() {
        return new StorageProjection(SEED_BYTES_PER_CYCLE, "the seed's projection (~104M per 24h)");
    }

    /** Measured from {@code runDir} when it has a readable status with cycles, else the runbook's figure. */
    public static StorageProjection measuredOrSeed(Optional<Path> runDir) {
        if (runDir.isEmpty()) {
            return seed();
        }
        try {
            Path statusFile = ShadowRunLayout.of(runDir.get()).statusFile();
            if (!Files.isRegularFile(statusFile)) {
                return seed();
            }
            ShadowRunStatus status = RunStateReader.readStatus(statusFile);
            if (status.cycles() <= 0) {
                return seed();
            }
            long bytes = sizeOf(runDir.get());
            return new StorageProjection(bytes / status.cycles(), "measured from " + runDir.get() + " ("
                    + status.cycles() + " cycles)");
        } catch (RuntimeException | IOException e) {
            return seed();
        }
    }

    /** The bytes a run of {@code hours} writes at the runbook's pace. */
    public long bytesFor(double hours) {
        checkArgument(hours > 0 && Double.isFinite(hours), "hours must be > 0, got %s", hours);
        double bytes = Math.ceil(hours * CYCLES_PER_HOUR) * bytesPerCycle;
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bytes;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
