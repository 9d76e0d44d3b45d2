package io.aos.ops.monitor.probe;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.monitor.discovery.RunSnapshot;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How big is the golden directory, and how fast does it grow? The run's own {@code golden/} (upstream's monitor
 * looked at {@code /var/lib/aos/golden}, which the simulation never writes), else {@code GOLDEN_DIR}. WARNING above
 * 1000 MiB. The directory is listed at most once per {@code rescanEvery}, since a 24-hour run holds ~26,000 files.
 */
public final class GoldenProbe implements Probe {

    private final Clock clock;
    private final Thresholds thresholds;
    private final Path fallbackDir;
    private final Duration rescanEvery;
    private Scan last;
    private Scan previous;

    private record Scan(Path dir, Instant at, long files, long bytes) {
    }

    public GoldenProbe(Clock clock, Thresholds thresholds, Path fallbackDir, Duration rescanEvery) {
        this.clock = checkNotNull(clock, "clock");
        this.thresholds = checkNotNull(thresholds, "thresholds");
        this.fallbackDir = checkNotNull(fallbackDir, "fallbackDir");
        this.rescanEvery = checkNotNull(rescanEvery, "rescanEvery");
    }

    @Override
    public String name() {
        return "golden";
    }

    @Override
    public ProbeResult check(RunSnapshot snapshot) {
        Path dir = snapshot.run().runDir().map(d -> ShadowRunLayout.of(d).goldenDir())
                .filter(Files::isDirectory).orElse(fallbackDir);
        Instant now = clock.instant();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("dir", dir.toString());
        if (last == null || !last.dir().equals(dir) || !now.isBefore(last.at().plus(rescanEvery))) {
            Optional<Scan> scan;
            try {
                scan = scan(dir, now);
            } catch (IOException e) {
                return ProbeResult.of(name(), HealthStatus.UNKNOWN, "Golden dir " + dir + " cannot be read: "
                        + e.getMessage(), figures);
            }
            if (scan.isEmpty()) {
                return ProbeResult.of(name(), HealthStatus.OK, "Golden dir not found: " + dir, figures);
            }
            previous = last != null && last.dir().equals(dir) ? last : null;
            last = scan.get();
        }
        figures.put("files", last.files());
        figures.put("bytes", last.bytes());
        if (previous != null) {
            long seconds = Duration.between(previous.at(), last.at()).getSeconds();
            figures.put("growth_bytes", last.bytes() - previous.bytes());
            figures.put("growth_files", last.files() - previous.files());
            if (seconds > 0) {
                figures.put("growth_bytes_per_hour", (last.bytes() - previous.bytes()) * 3600 / seconds);
            }
        }
        long mib = last.bytes() >> 20;
        if (last.bytes() > thresholds.goldenWarningBytes()) {
            return ProbeResult.of(name(), HealthStatus.WARNING, "Golden directory large: " + mib + "MB ("
                    + last.files() + " files) in " + dir, figures);
        }
        return ProbeResult.of(name(), HealthStatus.OK, "Golden dir " + last.files() + " files, " + mib + "MB", figures);
    }

    private static Optional<Scan> scan(Path dir, Instant now) throws IOException {
        long files = 0;
        long bytes = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                try {
                    BasicFileAttributes attrs = Files.readAttributes(entry, BasicFileAttributes.class);
                    if (attrs.isRegularFile()) {
                        files++;
                        bytes += attrs.size();
                    }
                } catch (NoSuchFileException e) {
                    // removed by retention while listing
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(new Scan(dir, now, files, bytes));
    }
}
