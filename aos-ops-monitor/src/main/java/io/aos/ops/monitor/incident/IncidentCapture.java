package io.aos.ops.monitor.incident;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.common.util.concurrent.MoreExecutors;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.emergency.EmergencyStopController;
import io.aos.ops.core.emergency.EmergencyStopChange;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.process.PidFile;
import io.aos.ops.core.process.ProcessStatus;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.golden.diff.DiffOptions;
import io.aos.ops.golden.diff.DiffReport;
import io.aos.ops.golden.diff.DiffResult;
import io.aos.ops.golden.diff.GoldenDiff;
import io.aos.ops.golden.diff.LoadedGoldenFile;
import io.aos.ops.golden.diff.RootCause;
import io.aos.ops.golden.shadow.builtin.BuiltinWorkflows;
import io.aos.ops.golden.report.DiffHtmlReport;
import io.aos.ops.golden.report.SummaryHtmlReport;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.golden.summary.GoldenSummary;
import io.aos.ops.golden.summary.ShadowSummary;
import io.aos.ops.golden.summary.SummaryReport;
import io.aos.ops.monitor.debug.DebugConsole;
import io.aos.ops.monitor.discovery.RunLocator;
import io.aos.ops.monitor.discovery.RunSnapshotReader;
import io.aos.ops.monitor.discovery.WatchedRun;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.incident.IncidentBundle.Mismatch;
import io.aos.ops.monitor.incident.IncidentBundle.RootCauseCount;
import io.aos.ops.monitor.incident.IncidentBundle.StopOutcome;
import io.aos.ops.monitor.probe.Thresholds;
import io.aos.ops.monitor.sanity.PrometheusQuery;
import io.aos.ops.monitor.sanity.SanityCheck;
import io.aos.ops.monitor.sanity.SanityReport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The runbook's "Incident Response" as one library call: engage the emergency stop (with the reason in its audit log),
 * capture the evidence into {@code $AOS_REPORTS_DIR/m4-incident-<YYYYmmdd_HHMMSS>/}, analyse it (the golden summary
 * as {@code analysis.txt}, a classified golden diff of every captured mismatch, root cause first, and
 * {@code INCIDENT.md}), and write {@code MANIFEST.sha256} over every file.
 *
 * <p><b>Nothing half-written.</b> The output location is checked before anything happens: an unusable reports
 * directory is a usage error and neither the stop nor any file is touched. The bundle is then written into a hidden
 * {@code .m4-incident-<ts>.partial} directory beside its final name and renamed into place only when complete, so a
 * directory called {@code m4-incident-*} is always a whole bundle; a capture that fails half-way (disk full) leaves
 * the {@code .partial} directory, named in the error, for whatever it holds.
 *
 * <p><b>The sources are only read.</b> Each is checked to be a regular file of bounded size and streamed into the
 * bundle; none is moved, changed or deleted. One that cannot be read is listed with its reason and the capture goes
 * on. The archive of the finished bundle is retention's job ({@code DirectoryArchiver}), wired by the CLI.
 */
public final class IncidentCapture {

    /** The runbook's bundle name: {@code m4-incident-<YYYYmmdd_HHMMSS>}. */
    public static final String BUNDLE_PREFIX = "m4-incident-";

    /** The archive of a bundle sits beside it: {@code <bundle>.tar.gz}. */
    public static final String ARCHIVE_SUFFIX = ".tar.gz";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    /**
     * What to capture and how.
     *
     * @param runDir            the run to capture, else the newest match of {@code AOS_SHADOW_GLOB}
     * @param log               the run's log, else found as the monitor finds it
     * @param out               the bundle directory itself, instead of {@code $AOS_REPORTS_DIR/m4-incident-<ts>}
     * @param engageStop        engage the emergency stop first ({@code --no-stop} turns it off)
     * @param reason            the operator's reason for the audit log, or null
     * @param maxMismatches     mismatches whose traces and diff are captured (the first of each root cause always)
     * @param maxFileBytes      the largest single file copied
     * @param prometheusTimeout the sanity check's query timeout
     */
    public record Options(Optional<Path> runDir, Optional<Path> log, Optional<Path> out, boolean engageStop,
                         String reason, int maxMismatches, long maxFileBytes, Duration prometheusTimeout) {

        public Options {
            checkNotNull(runDir, "runDir");
            checkNotNull(log, "log");
            checkNotNull(out, "out");
            checkArgument(maxMismatches >= 1, "maxMismatches must be at least 1, got %s", maxMismatches);
            checkArgument(maxFileBytes >= 1, "maxFileBytes must be positive, got %s", maxFileBytes);
            checkNotNull(prometheusTimeout, "prometheusTimeout");
        }

        /** Stop engaged, newest run, default location, 100 mismatches, files up to 1 GiB, 3 s Prometheus timeout. */
        public static Options defaults() {
            return new Options(Optional.empty(), Optional.empty(), Optional.empty(), true, null, 100, 1L << 30,
                    Duration.ofSeconds(3));
        }
    }

    private final OpsConfig config;
    private final Options options;
    private final Clock clock;
    private final SystemSnapshot system;

    private IncidentCapture(OpsConfig config, Options options, Clock clock, Path procRoot) {
        this.config = config;
        this.options = options;
        this.clock = clock;
        this.system = new SystemSnapshot(procRoot);
    }

    /** A capture with the given configuration; {@code clock} names the bundle and stamps the records. */
    public static IncidentCapture create(OpsConfig config, Options options, Clock clock) {
        return new IncidentCapture(checkNotNull(config, "config"), checkNotNull(options, "options"),
                checkNotNull(clock, "clock"), Path.of("/proc"));
    }

    /**
     * The directory the bundle will get, with nothing created: {@code --out}, else the first free
     * {@code m4-incident-<ts>[_N]} in the reports directory.
     */
    public Path bundleDirectory() {
        if (options.out().isPresent()) {
            return options.out().get().toAbsolutePath().normalize();
        }
        Path reports = config.path(OpsSetting.REPORTS_DIR).toAbsolutePath().normalize();
        String base = BUNDLE_PREFIX + ZonedDateTime.now(clock).format(STAMP);
        for (int n = 1; ; n++) {
            Path candidate = reports.resolve(n == 1 ? base : base + "_" + n);
            if (!taken(candidate)) {
                return candidate;
            }
        }
    }

    /** The archive a bundle directory gets: {@code <dir>.tar.gz} beside it. */
    public static Path archiveOf(Path bundleDir) {
        return bundleDir.resolveSibling(bundleDir.getFileName() + ARCHIVE_SUFFIX);
    }

    private static boolean taken(Path bundleDir) {
        return Files.exists(bundleDir, LinkOption.NOFOLLOW_LINKS)
                || Files.exists(staging(bundleDir), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(archiveOf(bundleDir), LinkOption.NOFOLLOW_LINKS);
    }

    private static Path staging(Path bundleDir) {
        return bundleDir.resolveSibling("." + bundleDir.getFileName() + ".partial");
    }

    /**
     * Runs the capture. Throws a usage error, with nothing done (the stop not touched, no file written), when the
     * run named by {@code --run-dir}/{@code --log} does not exist or the bundle cannot be written where it should
     * go; a bad-input error naming the {@code .partial} directory when writing fails half-way.
     */
    public IncidentBundle capture() {
        WatchedRun run = RunLocator.forConfig(config).discover(options.runDir(), options.log());
        Path bundleDir = bundleDirectory();
        Path staging = prepare(bundleDir);
        StopOutcome stop = emergencyStop(bundleDir);
        BundleWriter writer = new BundleWriter(staging, options.maxFileBytes());
        try {
            return capture(run, bundleDir, staging, stop, writer);
        } catch (AosOpsException e) {
            throw new BadInputException(staging, "the capture failed, the partial bundle is left here: "
                    + e.getMessage(), e);
        }
    }

    private IncidentBundle capture(WatchedRun run, Path bundleDir, Path staging, StopOutcome stop,
                                   BundleWriter writer) {
        captureLogs(writer, run);
        Optional<ShadowRunLayout> layout = run.layout();
        layout.ifPresent(l -> captureRunState(writer, l));

        ShadowSummary summary = layout.map(l -> GoldenSummary.withClock(clock).summarize(List.of(l.root())))
                .orElse(null);
        if (summary != null) {
            writer.text("analysis.txt", SummaryReport.text(summary, false));
            writer.text("summary.json", json(SummaryReport.json(summary)));
        } else {
            writer.text("analysis.txt", "No shadow run found: nothing matches " + config.get(OpsSetting.SHADOW_RUN_GLOB)
                    + " (give --run-dir DIR); no golden summary.\n");
        }
        List<ShadowSummary.Mismatch> all = summary == null ? List.of() : summary.mismatchDetails();
        Map<ShadowSummary.Mismatch, String> htmlDiffs = new LinkedHashMap<>();
        List<Mismatch> captured = captureMismatches(writer, layout, all, htmlDiffs);
        if (summary != null) {
            writer.text(IncidentIndexPage.SUMMARY, SummaryHtmlReport.of(summary, htmlDiffs).render());
        }
        List<RootCauseCount> rootCauses = rootCauses(all, captured);
        Map<String, Long> workflows = affectedWorkflows(all);

        captureSystem(writer, run);
        String sanity = sanity(writer, run);

        IncidentBundle draft = new IncidentBundle(bundleDir, Map.of(), 0, unreadable(writer), writer.absent(), stop,
                run.runDir(), all.size(), captured, rootCauses, workflows, sanity);
        writer.text(IncidentReport.FILE, IncidentReport.render(draft, run, clock.instant(), writer.entries()));
        writer.text("capture.json", json(IncidentReport.json(draft, run, clock.instant(), writer.entries())));
        writer.text(IncidentIndexPage.FILE, IncidentIndexPage.render(draft, clock.instant(), summary != null,
                htmlDiffs, writer.entries()));
        writer.manifest();

        try {
            if (Files.isDirectory(bundleDir, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(bundleDir); // an empty directory made for --out (anything in it was refused before)
            }
            Files.move(staging, bundleDir);
        } catch (DirectoryNotEmptyException e) {
            throw new BadInputException(bundleDir, "was filled while the bundle was written; the bundle is left in "
                    + staging);
        } catch (IOException e) {
            throw new BadInputException(bundleDir, "cannot be created: " + BundleWriter.reason(e)
                    + "; the bundle is left in " + staging, e);
        }
        long bytes = writer.entries().stream().mapToLong(BundleWriter.Entry::bytes).sum();
        return new IncidentBundle(bundleDir, writer.digests(), bytes, unreadable(writer), writer.absent(), stop,
                run.runDir(), all.size(), captured, rootCauses, workflows, sanity);
    }

    private static List<IncidentBundle.Unreadable> unreadable(BundleWriter writer) {
        return writer.unreadable().stream()
                .map(s -> new IncidentBundle.Unreadable(s.source(), s.reason())).toList();
    }

    // ---- output location ---------------------------------------------------------------------------------------

    /** Checks where the bundle goes and creates its staging directory; a usage error, with nothing done, if not. */
    private Path prepare(Path bundleDir) {
        String nothing = "; nothing captured, emergency stop not changed";
        Path parent = bundleDir.getParent();
        if (parent == null) {
            throw new BadConfigurationException(bundleDir + ": cannot hold an incident bundle" + nothing);
        }
        if (options.out().isPresent()) {
            if (Files.exists(bundleDir, LinkOption.NOFOLLOW_LINKS) && !emptyDirectory(bundleDir)) {
                throw new BadConfigurationException(bundleDir + ": --out already exists and is not an empty directory; an "
                        + "incident bundle never overwrites" + nothing);
            }
            if (Files.exists(archiveOf(bundleDir), LinkOption.NOFOLLOW_LINKS)) {
                throw new BadConfigurationException(archiveOf(bundleDir) + ": already exists; an incident bundle never "
                        + "overwrites" + nothing);
            }
        }
        String where = options.out().isPresent() ? "the parent of --out" : "the reports directory ("
                + OpsSetting.REPORTS_DIR.envVar() + ")";
        if (!Files.isDirectory(parent)) {
            if (Files.exists(parent)) {
                throw new BadConfigurationException(parent + ": " + where + " is not a directory" + nothing);
            }
            Path grand = parent.getParent();
            if (options.out().isPresent() || grand == null || !Files.isDirectory(grand)) {
                throw new BadConfigurationException(parent + ": " + where + " does not exist" + nothing);
            }
            try {
                Files.createDirectory(parent); // the runbook's mkdir of /root/reports on a fresh host
            } catch (IOException e) {
                throw new BadConfigurationException(parent + ": " + where + " cannot be created: " + BundleWriter.reason(e)
                        + nothing);
            }
        }
        Path staging = staging(bundleDir);
        try {
            Files.createDirectory(staging);
        } catch (IOException e) {
            throw new BadConfigurationException(parent + ": " + where + " is not writable (" + BundleWriter.reason(e) + ")"
                    + nothing);
        }
        return staging;
    }

    private static boolean emptyDirectory(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    // ---- emergency stop ----------------------------------------------------------------------------------------

    private StopOutcome emergencyStop(Path bundleDir) {
        EmergencyStopController stop = EmergencyStopController.forConfig(config, clock);
        if (!options.engageStop()) {
            return new StopOutcome("LEFT_AS_IS", stop.status(), null);
        }
        String reason = "incident capture " + bundleDir.getFileName()
                + (options.reason() == null || options.reason().isBlank() ? "" : ": " + options.reason().strip());
        EmergencyStopChange change;
        try {
            change = stop.enable(reason);
        } catch (AosOpsException e) {
            return new StopOutcome("FAILED", stop.status(), e.getMessage());
        }
        return new StopOutcome(change.changed() ? "ENGAGED" : "ALREADY_ENGAGED", stop.status(), null);
    }

    // ---- logs and state ----------------------------------------------------------------------------------------

    private void captureLogs(BundleWriter writer, WatchedRun run) {
        Set<Path> logs = new LinkedHashSet<>();
        logs.addAll(matching(config.path(OpsSetting.STATE_DIR).resolve("shadow_*.log").toString())); // the runbook's cp
        logs.addAll(matching(config.get(OpsSetting.SHADOW_LOG_GLOB)));
        run.log().ifPresent(logs::add);
        logs.add(config.path(OpsSetting.MONITOR_LOG));
        logs.add(config.path(OpsSetting.ALERTS_FILE));
        logs.add(config.path(OpsSetting.CRON_ALERTS_LOG));
        logs.add(config.path(OpsSetting.RETENTION_LOG));
        for (Path log : logs) {
            writer.copy(log, "logs/" + log.getFileName());
        }
        writer.copy(config.path(OpsSetting.EMERGENCY_AUDIT_LOG), "emergency/emergency_stop_audit.log");
        writer.copy(config.path(OpsSetting.EMERGENCY_STOP_FILE), "emergency/flag_file.json");
        writer.copy(config.path(OpsSetting.EMERGENCY_ENV_FILE), "emergency/emergency_stop.env");
    }

    private void captureRunState(BundleWriter writer, ShadowRunLayout layout) {
        writer.copy(layout.statusFile(), "run/status.json");
        writer.copy(layout.pidFile(), "run/shadow.pid");
        writer.copy(layout.logFile(), "run/shadow.log");
        for (Path summary : matching(layout.reportsDir().resolve("summary_*.json").toString())) {
            writer.copy(summary, "run/reports/" + summary.getFileName());
        }
    }

    /** Regular files matching {@code glob} (wildcards in the last element), in name order; none if no directory. */
    static List<Path> matching(String glob) {
        Path pattern = Path.of(glob).toAbsolutePath();
        Path parent = pattern.getParent();
        if (parent == null || pattern.getFileName() == null) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, p -> matcher.matches(p.getFileName()))) {
            entries.forEach(found::add);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            return List.of();
        }
        found.sort(Comparator.naturalOrder());
        return found;
    }

    // ---- mismatches ----------------------------------------------------------------------------------------------

    /**
     * Copies the cycle reports that recorded mismatches, and for each selected mismatch the golden file and both
     * traces, and diffs the two copied traces: root cause first. The first mismatch and the first of each root cause
     * are always selected, then the rest in cycle order up to the limit.
     */
    private List<Mismatch> captureMismatches(BundleWriter writer, Optional<ShadowRunLayout> layout,
                                             List<ShadowSummary.Mismatch> all,
                                             Map<ShadowSummary.Mismatch, String> htmlDiffs) {
        if (layout.isEmpty() || all.isEmpty()) {
            return List.of();
        }
        ShadowRunLayout run = layout.get();
        Set<Long> cycles = new LinkedHashSet<>();
        all.forEach(m -> cycles.add(m.cycle()));
        for (long cycle : cycles) {
            writer.copy(run.cycleReport(cycle), "run/reports/cycle_" + cycle + ".json");
        }
        List<Integer> chosen = select(all, options.maxMismatches());
        List<Mismatch> captured = new ArrayList<>();
        for (int index : chosen) {
            ShadowSummary.Mismatch m = all.get(index);
            CycleReport.MismatchDetail d = m.detail();
            if (d.originalRunId() != null) {
                writer.copy(run.goldenDir().resolve(d.originalRunId() + ".golden.json"),
                        "run/golden/" + d.originalRunId() + ".golden.json");
            }
            Optional<String> expected = trace(writer, run, d.originalRunId());
            Optional<String> actual = trace(writer, run, d.replayRunId());
            String rootCause = d.rootCause();
            String severity = d.severity();
            Integer step = d.firstDivergingStep();
            String evidence = d.evidence() != null ? d.evidence() : d.diffDetails();
            String diffFile = null;
            if (expected.isPresent() && actual.isPresent()) {
                String name = "diffs/cycle_" + m.cycle() + "_" + d.replayRunId();
                try {
                    LoadedGoldenFile fa = LoadedGoldenFile.read(writer.dir().resolve(expected.get()));
                    LoadedGoldenFile fb = LoadedGoldenFile.read(writer.dir().resolve(actual.get()));
                    DiffResult r = GoldenDiff.compare(fa, fb, BuiltinWorkflows.DIFF_OPTIONS);
                    diffFile = writer.text(name + ".txt", DiffReport.text(r, expected.get(), actual.get(), false,
                            false));
                    writer.text(name + ".json", json(DiffReport.json(r, expected.get(), actual.get(), false)));
                    // labelled with the names inside the bundle, which stay true wherever the bundle is unpacked
                    String page = writer.text(name + ".html",
                            DiffHtmlReport.of(r, fa, fb, expected.get(), actual.get()).render());
                    htmlDiffs.put(m, page);
                    rootCause = r.rootCause().map(Enum::name).orElse("NONE (the traces match)");
                    severity = r.severity().name();
                    step = r.firstDivergingStep().isPresent() ? r.firstDivergingStep().getAsInt() : step;
                    evidence = r.evidence();
                } catch (AosOpsException e) {
                    writer.noteUnreadable(writer.dir().resolve(expected.get()), "the diff failed: " + e.getMessage());
                }
            }
            captured.add(new Mismatch(index == 0, m.cycle(), timestampOf(writer, run, m.cycle()), d.originalRunId(),
                    d.replayRunId(), d.workflowType(), d.seed(), step, rootCause, severity, evidence, diffFile));
        }
        return captured;
    }

    private static Optional<String> trace(BundleWriter writer, ShadowRunLayout run, String runId) {
        if (runId == null) {
            return Optional.empty();
        }
        return writer.copy(run.tracesDir().resolve(runId + ".steps.jsonl"), "run/traces/" + runId + ".steps.jsonl");
    }

    private static String timestampOf(BundleWriter writer, ShadowRunLayout run, long cycle) {
        Path copy = writer.dir().resolve("run/reports/cycle_" + cycle + ".json");
        try {
            return Files.isRegularFile(copy) ? OpsJson.readTree(copy).path("timestamp").asText(null) : null;
        } catch (AosOpsException e) {
            return null;
        }
    }

    /** Indices of the mismatches to capture: the first, the first of each root cause, then in order. */
    static List<Integer> select(List<ShadowSummary.Mismatch> all, int limit) {
        Set<Integer> chosen = new LinkedHashSet<>();
        Set<String> causes = new LinkedHashSet<>();
        for (int i = 0; i < all.size() && chosen.size() < limit; i++) {
            if (i == 0 || causes.add(causeOf(all.get(i).detail().rootCause()))) {
                causes.add(causeOf(all.get(i).detail().rootCause()));
                chosen.add(i);
            }
        }
        for (int i = 0; i < all.size() && chosen.size() < limit; i++) {
            chosen.add(i);
        }
        return chosen.stream().sorted().toList();
    }

    private static String causeOf(String recorded) {
        return recorded == null ? "UNCLASSIFIED" : recorded;
    }

    /**
     * Every mismatch by root cause (the bundle's diff where it ran, the runner's record otherwise), CRITICAL first,
     * then the most frequent.
     */
    static List<RootCauseCount> rootCauses(List<ShadowSummary.Mismatch> all, List<Mismatch> captured) {
        Map<String, Mismatch> diffed = new HashMap<>();
        captured.forEach(c -> diffed.put(c.cycle() + "/" + c.replayRunId(), c));
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, String> severities = new HashMap<>();
        Map<String, String> firstRun = new HashMap<>();
        for (ShadowSummary.Mismatch m : all) {
            Mismatch c = diffed.get(m.cycle() + "/" + m.detail().replayRunId());
            String cause = causeOf(c != null ? c.rootCause() : m.detail().rootCause());
            String severity = c != null ? c.severity() : m.detail().severity();
            long[] slot = counts.computeIfAbsent(cause, k -> new long[] {0, m.cycle()});
            slot[0]++;
            severities.putIfAbsent(cause, severityOf(cause, severity));
            firstRun.putIfAbsent(cause, m.detail().originalRunId());
        }
        List<RootCauseCount> list = new ArrayList<>();
        counts.forEach((cause, slot) -> list.add(new RootCauseCount(cause, severities.get(cause), slot[0], slot[1],
                firstRun.get(cause))));
        list.sort(Comparator.comparingInt((RootCauseCount r) -> rank(r.severity()))
                .thenComparing(Comparator.comparingLong(RootCauseCount::count).reversed())
                .thenComparingLong(RootCauseCount::firstCycle));
        return list;
    }

    private static String severityOf(String cause, String recorded) {
        try {
            return RootCause.valueOf(cause).severity().name();
        } catch (IllegalArgumentException e) {
            return recorded == null ? "CRITICAL" : recorded;
        }
    }

    private static int rank(String severity) {
        return switch (severity == null ? "" : severity) {
            case "CRITICAL" -> 0;
            case "WARNING" -> 1;
            case "MATCH" -> 3;
            default -> 2;
        };
    }

    /** Workflow type to mismatch count, most affected first. */
    static Map<String, Long> affectedWorkflows(List<ShadowSummary.Mismatch> all) {
        Map<String, Long> counts = new TreeMap<>();
        for (ShadowSummary.Mismatch m : all) {
            String type = m.detail().workflowType() == null ? "unknown (not recorded)" : m.detail().workflowType();
            counts.merge(type, 1L, Long::sum);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    // ---- system and sanity ---------------------------------------------------------------------------------------

    private void captureSystem(BundleWriter writer, WatchedRun run) {
        Optional<ProcessStatus> runner;
        // a runner that writes outside the run glob is another run's, as cron-check and status say
        RunSnapshotReader observer = new RunSnapshotReader(run, clock, ProcessTable.system(),
                RunSnapshotReader.UPSTREAM_RUNNER, MoreExecutors.directExecutor(),
                RunLocator.forConfig(config).runDirectories());
        try {
            runner = observer.observe().process();
        } finally {
            observer.close();
        }
        Optional<ProcessStatus> monitor = Optional.empty();
        try {
            monitor = PidFile.read(config.path(OpsSetting.MONITOR_PID_FILE)).map(ProcessTable.system()::lookup);
        } catch (IOException e) {
            writer.noteUnreadable(config.path(OpsSetting.MONITOR_PID_FILE), BundleWriter.reason(e));
        }
        List<SystemSnapshot.Process> processes = SystemSnapshot.processesOfTheRun(runner, monitor);
        writer.text("system/processes.txt", system.processes(processes, runner, clock.instant()));
        Map<String, Path> paths = new LinkedHashMap<>();
        run.runDir().ifPresent(d -> paths.put("run", d));
        paths.put("state", config.path(OpsSetting.STATE_DIR));
        paths.put("golden", config.path(OpsSetting.GOLDEN_DIR));
        paths.put("reports", writer.dir().getParent());
        writer.text("system/df.txt", SystemSnapshot.df(paths));
        writer.copy(Path.of("/proc/meminfo"), "system/meminfo.txt");
        writer.copy(Path.of("/proc/loadavg"), "system/loadavg.txt");
        if (run.runDir().isPresent() || run.log().isPresent()) {
            DebugConsole console = DebugConsole.create(config, run, clock, ProcessTable.system(),
                    RunSnapshotReader.UPSTREAM_RUNNER);
            writer.text("system/debug-process.txt", console.report(DebugConsole.Section.PROCESS,
                    DebugConsole.Section.RESOURCES).render(false));
        }
    }

    /** Runs the sanity check into {@code sanity.txt}; returns its verdict line, or why it could not run. */
    private String sanity(BundleWriter writer, WatchedRun run) {
        SanityReport report;
        try {
            URI url = URI.create(config.get(OpsSetting.PROMETHEUS_URL).strip());
            HealthCheck check = HealthCheck.create(config, new HealthCheck.Options(run.runDir(), run.log(),
                    Thresholds.from(config)), clock);
            report = new SanityCheck(check, new PrometheusQuery(url, options.prometheusTimeout())).run();
        } catch (IOException | RuntimeException e) {
            String why = e instanceof IOException io ? BundleWriter.reason(io) : e.getMessage();
            writer.text("sanity.txt", "The sanity check could not run: " + why + "\n");
            return "UNKNOWN: the sanity check could not run: " + why;
        }
        writer.text("sanity.txt", report.render());
        return report.status() + ": " + report.verdict();
    }

    private static String json(Object value) {
        try {
            return OpsJson.pretty().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
