package io.aos.ops.monitor.statuspage;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.aos.ops.monitor.alert.Alert;
import io.aos.ops.monitor.health.HealthReport;
import io.aos.ops.monitor.probe.DiskProbe;
import io.aos.ops.monitor.probe.ProbeResult;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The status page's state: the latest check of the monitor daemon, the alerts it raised and the samples the rates are
 * computed from. The daemon feeds it after every check ({@link #update}) and with every batch of alerts
 * ({@link #alerts}); each feed renders the page and its JSON once, so a request only copies bytes.
 *
 * <p>Thread-safe: the daemon's loop feeds it while the HTTP threads read {@link #current()}.
 */
public final class LiveStatus {

    /** Alerts kept for the page. */
    static final int ALERTS_KEPT = 20;
    /** The window the cycle rate and the disk fill rate are measured over. */
    static final Duration RATE_WINDOW = Duration.ofMinutes(15);
    private static final Duration HISTORY = Duration.ofHours(1);

    /** One rendering: the view, its JSON and its page. */
    public record Rendered(StatusView view, byte[] json, byte[] html) {
    }

    private final Function<String, Map<String, Long>> mismatchesByRootCause;
    private final int refreshSeconds;
    private final Deque<Projection.Point> cycleSamples = new ArrayDeque<>();
    private final Map<String, Deque<Projection.Point>> availableSamples = new HashMap<>();
    private final Deque<StatusView.AlertEntry> alerts = new ArrayDeque<>();
    private String sampledRun;
    private HealthReport lastReport;
    private volatile Rendered current;

    /**
     * @param mismatchesByRootCause the mismatch counts of a run by its name (the metrics' counts, so page and
     *                              {@code /metrics} agree)
     * @param refreshSeconds        how often the page fetches {@code /api/status}
     */
    public LiveStatus(Function<String, Map<String, Long>> mismatchesByRootCause, int refreshSeconds) {
        checkArgument(refreshSeconds >= 1, "refresh must be at least 1 second, got %s", refreshSeconds);
        this.mismatchesByRootCause = checkNotNull(mismatchesByRootCause, "mismatchesByRootCause");
        this.refreshSeconds = refreshSeconds;
        this.current = render(waiting());
    }

    /** The latest rendering. */
    public Rendered current() {
        return current;
    }

    /** Takes in one check of the daemon. */
    public synchronized void update(HealthReport report) {
        checkNotNull(report, "report");
        lastReport = report;
        current = render(build(report, readStatus(report)));
    }

    /** Takes in the alerts of one check (newest last); the page keeps the latest {@value #ALERTS_KEPT}. */
    public synchronized void alerts(List<Alert> batch) {
        checkNotNull(batch, "batch");
        for (Alert alert : batch) {
            alerts.addFirst(new StatusView.AlertEntry(alert.timestamp(), alert.level().name(), alert.probe(),
                    alert.event().json(), alert.message()));
            while (alerts.size() > ALERTS_KEPT) {
                alerts.removeLast();
            }
        }
        current = render(lastReport == null ? waiting() : build(lastReport, readStatus(lastReport)));
    }

    /** The view of one check and the heartbeat read with it; public for tests and for services that render it. */
    public synchronized StatusView build(HealthReport report, Optional<ShadowRunStatus> status) {
        Instant now = report.time().toInstant();
        ZoneId zone = report.time().getOffset();
        String name = report.run().runDir().map(LiveStatus::nameOf).orElse(report.run().log()
                .map(LiveStatus::nameOf).orElse(""));
        if (!name.equals(sampledRun)) {
            // a daemon that moved on to a newer run starts its rates afresh
            cycleSamples.clear();
            availableSamples.clear();
            sampledRun = name;
        }
        long cycles = report.figures().cycles();
        if (!cycleSamples.isEmpty() && cycleSamples.getLast().value() > cycles) {
            cycleSamples.clear(); // a new run in the same directory
        }
        add(cycleSamples, new Projection.Point(now, cycles));

        StatusView.Run run = new StatusView.Run(name, report.run().runDir().map(Path::toString).orElse(null),
                report.run().log().map(Path::toString).orElse(null), report.pid().orElse(null),
                status.map(ShadowRunStatus::startedAt).map(t -> iso(t, zone)).orElse(null),
                status.map(ShadowRunStatus::lastCycleAt).map(t -> iso(t, zone)).orElse(null));
        String state = status.map(s -> s.state().json()).orElse("unknown");
        boolean ended = status.map(s -> s.state().isFinal()).orElse(false);

        StatusView.Cycles cyclesView = cycles(status, cycles, now, zone, ended);
        long replays = report.figures().replays();
        long mismatches = report.figures().mismatches();
        Map<String, Long> causes = name.isEmpty() ? Map.of() : mismatchesByRootCause.apply(name);
        StatusView.Mismatches mismatchesView = new StatusView.Mismatches(mismatches,
                report.figures().cyclesWithMismatches(), causes);
        long passed = Math.max(0, replays - mismatches);
        StatusView.Replays replaysView = new StatusView.Replays(replays, passed, mismatches,
                replays == 0 ? null : (double) passed / replays);

        StatusView.Golden golden = golden(report);
        StatusView.Disk disk = disk(report, now, zone, golden);
        List<StatusView.Check> checks = report.results().stream()
                .map(r -> new StatusView.Check(r.probe(), r.status().name(), r.message())).toList();
        return new StatusView(StatusView.SCHEMA_VERSION, report.timestamp(), refreshSeconds, run, state,
                report.verdict().name(), report.statusLine(), cyclesView, mismatchesView, replaysView, disk, golden,
                List.copyOf(alerts), new StatusView.EmergencyStop(report.emergencyStop()), checks);
    }

    private StatusView.Cycles cycles(Optional<ShadowRunStatus> status, long done, Instant now, ZoneId zone,
                                     boolean ended) {
        OptionalDouble rate = Projection.perHour(List.copyOf(cycleSamples), RATE_WINDOW);
        if (rate.isEmpty() && status.map(ShadowRunStatus::startedAt).isPresent()) {
            Instant start = status.get().startedAt();
            double hours = Duration.between(start, now).toMillis() / 3_600_000.0;
            if (hours > 0 && done > 0) {
                rate = OptionalDouble.of(done / hours);
            }
        }
        Long target = status.map(ShadowRunStatus::targetCycles).orElse(null);
        Instant eta = null;
        if (!ended) {
            if (target != null && rate.isPresent() && rate.getAsDouble() > 0) {
                double hours = Math.max(0, target - done) / rate.getAsDouble();
                eta = now.plusMillis((long) (hours * 3_600_000));
            }
            Double targetHours = status.map(ShadowRunStatus::targetHours).orElse(null);
            Instant start = status.map(ShadowRunStatus::startedAt).orElse(null);
            if (targetHours != null && start != null) {
                Instant byTime = start.plusMillis((long) (targetHours * 3_600_000));
                eta = eta == null || byTime.isBefore(eta) ? byTime : eta;
            }
            if (eta != null && eta.isBefore(now)) {
                eta = now; // due: the run ends at its next cycle boundary
            }
        }
        return new StatusView.Cycles(done, target, rate.isPresent() ? round(rate.getAsDouble()) : null,
                eta == null ? null : iso(eta, zone), eta == null ? null : Duration.between(now, eta).toSeconds());
    }

    private static StatusView.Golden golden(HealthReport report) {
        for (ProbeResult r : report.results()) {
            if (r.probe().equals("golden") && r.figures().get("dir") instanceof String dir) {
                return new StatusView.Golden(dir, longOf(r.figures().get("total_files")),
                        longOf(r.figures().get("total_bytes")), longOf(r.figures().get("growth_bytes_per_hour")));
            }
        }
        return new StatusView.Golden(null, null, null, null);
    }

    private StatusView.Disk disk(HealthReport report, Instant now, ZoneId zone, StatusView.Golden golden) {
        int warning = 90;
        int critical = 95;
        List<StatusView.Filesystem> filesystems = new ArrayList<>();
        for (ProbeResult r : report.results()) {
            if (!r.probe().equals("disk")) {
                continue;
            }
            warning = r.figures().get("warning_percent") instanceof Number n ? n.intValue() : warning;
            critical = r.figures().get("critical_percent") instanceof Number n ? n.intValue() : critical;
            if (!(r.figures().get("filesystems") instanceof List<?> usages)) {
                continue;
            }
            for (Object o : usages) {
                if (!(o instanceof DiskProbe.Usage u)) {
                    continue;
                }
                Deque<Projection.Point> samples = availableSamples.computeIfAbsent(u.filesystem(),
                        k -> new ArrayDeque<>());
                add(samples, new Projection.Point(now, u.availableBytes()));
                OptionalDouble shrink = Projection.perHour(List.copyOf(samples), RATE_WINDOW);
                Double fill = shrink.isPresent() ? Double.valueOf(-shrink.getAsDouble()) : null;
                if ((fill == null || fill <= 0) && golden.growthBytesPerHour() != null && golden.dir() != null
                        && u.holds().stream().anyMatch(h -> golden.dir().startsWith(h))) {
                    fill = Math.max(fill == null ? 0 : fill, golden.growthBytesPerHour());
                }
                OptionalDouble hours = Projection.hoursToPercent(u.availableBytes(), u.usedPercent(), warning,
                        fill == null ? 0 : fill);
                filesystems.add(new StatusView.Filesystem(u.filesystem(), u.holds(), u.usedPercent(), u.totalBytes(),
                        u.availableBytes(), fill == null ? null : round(fill),
                        hours.isPresent() ? round(hours.getAsDouble()) : null,
                        hours.isPresent() ? iso(now.plusMillis((long) (hours.getAsDouble() * 3_600_000)), zone)
                                : null));
            }
        }
        return new StatusView.Disk(report.diskPercent() < 0 ? null : report.diskPercent(), warning, critical,
                filesystems);
    }

    private StatusView waiting() {
        return new StatusView(StatusView.SCHEMA_VERSION, null, refreshSeconds,
                new StatusView.Run("", null, null, null, null, null), "waiting", null, null,
                new StatusView.Cycles(0, null, null, null, null), new StatusView.Mismatches(0, 0, Map.of()),
                new StatusView.Replays(0, 0, 0, null), new StatusView.Disk(null, 90, 95, List.of()),
                new StatusView.Golden(null, null, null, null), List.copyOf(alerts),
                new StatusView.EmergencyStop(false), List.of());
    }

    private static Rendered render(StatusView view) {
        byte[] json;
        try {
            json = OpsJson.mapper().writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the status view is plain data and always serialises", e);
        }
        return new Rendered(view, json, StatusPageHtml.render(view).getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<ShadowRunStatus> readStatus(HealthReport report) {
        Optional<ShadowRunLayout> layout = report.run().layout();
        if (layout.isEmpty() || !Files.isRegularFile(layout.get().statusFile())) {
            return Optional.empty();
        }
        try {
            return Optional.of(OpsJson.read(layout.get().statusFile(), ShadowRunStatus.class));
        } catch (RuntimeException e) {
            return Optional.empty(); // the probes have reported the unreadable heartbeat; the page shows their message
        }
    }

    private static void add(Deque<Projection.Point> samples, Projection.Point point) {
        samples.addLast(point);
        while (samples.size() > 1 && samples.getFirst().at().isBefore(point.at().minus(HISTORY))) {
            samples.removeFirst();
        }
    }

    private static String nameOf(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
    }

    private static String iso(Instant instant, ZoneId zone) {
        return HealthReport.TIMESTAMP.format(OffsetDateTime.ofInstant(instant, zone));
    }

    private static Long longOf(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
