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
 * looked at {@code /var/lib/aos/golden}, which the simulation never writes), else {@code GOLDEN_DIR}; for a run of
 * this suite's runner also its {@code traces/}, which holds an engine trace per primary run and takes as much disk
 * again. {@code files}/{@code bytes} are the golden directory's, {@code traces_*} the traces', {@code total_*} both;
 * the WARNING above 1000 MiB and the growth are on the total. The directories are listed at most once per
 * {@code rescanEvery}, since a 24-hour run holds ~26,000 files in each.
 */
public final class GoldenProbe implements Probe {

    private final Clock clock;
    private final Thresholds thresholds;
    private final Path fallbackDir;
    private final Duration rescanEvery;
    private Scan last;
    private Scan previous;

    private record Scan(Path dir, Instant at, long files, long bytes, Optional<Path> traces, long traceFiles,
                        long traceBytes) {
        long totalFiles() {
            return files + traceFiles;
        }

        long totalBytes() {
            return bytes + traceBytes;
        }
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
        Optional<Path> traces = snapshot.run().runDir().map(d -> ShadowRunLayout.of(d).tracesDir())
                .filter(Files::isDirectory);
        Instant now = clock.instant();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("dir", dir.toString());
        traces.ifPresent(t -> figures.put("traces_dir", t.toString()));
        if (last == null || !last.dir().equals(dir) || !last.traces().equals(traces)
                || !now.isBefore(last.at().plus(rescanEvery))) {
            Optional<Scan> scan;
            try {
                scan = scan(dir, traces, now);
            } catch (IOException e) {
                return ProbeResult.of(name(), HealthStatus.UNKNOWN, "Golden dir " + dir + " cannot be read: "
                        + e.getMessage(), figures);
            }
            if (scan.isEmpty()) {
                return ProbeResult.of(name(), HealthStatus.OK, "Golden dir not found: " + dir, figures);
            }
            previous = last != null && last.dir().equals(dir) && last.traces().equals(traces) ? last : null;
            last = scan.get();
        }
        figures.put("files", last.files());
        figures.put("bytes", last.bytes());
        if (last.traces().isPresent()) {
            figures.put("traces_files", last.traceFiles());
            figures.put("traces_bytes", last.traceBytes());
        }
        figures.put("total_files", last.totalFiles());
        figures.put("total_bytes", last.totalBytes());
        if (previous != null) {
            long seconds = Duration.between(previous.at(), last.at()).getSeconds();
            figures.put("growth_bytes", last.totalBytes() - previous.totalBytes());
            figures.put("growth_files", last.totalFiles() - previous.totalFiles());
            if (seconds > 0) {
                figures.put("growth_bytes_per_hour", (last.totalBytes() - previous.totalBytes()) * 3600 / seconds);
            }
        }
        String sizes = "Golden dir " + last.files() + " files, " + (last.bytes() >> 20) + "MB"
                + last.traces().map(t -> "; traces " + last.traceFiles() + " files, " + (last.traceBytes() >> 20)
                + "MB").orElse("");
        if (last.totalBytes() > thresholds.goldenWarningBytes()) {
            return ProbeResult.of(name(), HealthStatus.WARNING, "Golden directory large: " + (last.totalBytes() >> 20)
                    + "MB (" + last.totalFiles() + " files) in " + dir + last.traces().map(t -> " and " + t)
                    .orElse(""), figures);
        }
        return ProbeResult.of(name(), HealthStatus.OK, sizes, figures);
    }

    private static Optional<Scan> scan(Path dir, Optional<Path> traces, Instant now) throws IOException {
        Optional<long[]> golden = count(dir);
        if (golden.isEmpty()) {
            return Optional.empty();
        }
        long[] trace = traces.isPresent() ? count(traces.get()).orElse(new long[2]) : new long[2];
        return Optional.of(new Scan(dir, now, golden.get()[0], golden.get()[1], traces, trace[0], trace[1]));
    }

    /** Regular files and their bytes directly in {@code dir}; empty when it does not exist. */
    private static Optional<long[]> count(Path dir) throws IOException {
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
        return Optional.of(new long[] {files, bytes});
    }
}
