package io.aos.ops.monitor.preflight;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.concurrent.OfferedTask;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.emergency.EmergencyStop;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.discovery.RunLocator;
import io.aos.ops.monitor.discovery.RunSnapshotReader;
import io.aos.ops.monitor.probe.ProbeResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The runbook's "1. Pre-flight checks" as probes, run (at once, on an executor the caller gives) into one
 * {@link PreflightReport}. Where each probe looks
 * comes from the environment (flag &gt; variable &gt; default, as everywhere):
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>variable</th><th>default</th></tr>
 *   <tr><td>{@value #HEALTH_URL}</td><td>{@value #DEFAULT_HEALTH_URL}</td></tr>
 *   <tr><td>{@value #REDIS_URL}</td><td>{@value #DEFAULT_REDIS_URL}</td></tr>
 *   <tr><td>{@value #DOCKER_HOST}</td><td>{@value #DEFAULT_DOCKER_HOST}</td></tr>
 *   <tr><td>{@value #WORKER_PATTERN}</td><td>{@value #DEFAULT_WORKER_PATTERN}</td></tr>
 *   <tr><td>{@code AOS_CRON_DIR}</td><td>{@code /etc/cron.d} (the configuration's cron directory)</td></tr>
 *   <tr><td>{@value #CRONTAB_LIST}</td><td>{@value #DEFAULT_CRONTAB_LIST} (empty: do not look)</td></tr>
 * </table>
 */
public final class Preflight {

    public static final String HEALTH_URL = "AOS_HEALTH_URL";
    public static final String DEFAULT_HEALTH_URL = "http://localhost:8000/health";
    public static final String REDIS_URL = "REDIS_URL";
    public static final String DEFAULT_REDIS_URL = "redis://localhost:6379";
    public static final String DOCKER_HOST = "DOCKER_HOST";
    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";
    public static final String WORKER_PATTERN = "AOS_WORKER_PATTERN";
    public static final String DEFAULT_WORKER_PATTERN = "worker|backend";
    public static final String CRONTAB_LIST = "AOS_CRONTAB_LIST";
    public static final String DEFAULT_CRONTAB_LIST = "crontab -l";

    /** The runbook's run: 24 hours. */
    public static final double DEFAULT_HOURS = 24;
    /** Each network probe's limit: a service slower than this is not ready for a 24-hour run. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final double hours;
    private final List<PreflightProbe> probes;

    public Preflight(double hours, List<PreflightProbe> probes) {
        checkArgument(hours > 0 && Double.isFinite(hours), "hours must be > 0, got %s", hours);
        this.hours = hours;
        this.probes = List.copyOf(probes);
    }

    /**
     * What to check before a run.
     *
     * @param hours  the run's length (for the disk projection)
     * @param output the run's output directory, if chosen; else the parent of {@code $AOS_SHADOW_GLOB}
     */
    public record Options(double hours, Optional<Path> output) {
        public Options {
            if (!(hours > 0) || !Double.isFinite(hours)) {
                throw new BadConfigurationException("--hours must be a number of hours > 0, not " + hours);
            }
        }
    }

    /**
     * The probes this configuration names. A URL or pattern that cannot mean anything (not a URL, the wrong scheme)
     * is a usage error naming the variable, before anything is probed.
     */
    public static Preflight forConfig(OpsConfig config, Options options, EmergencyStop stop) {
        URI health = url(config, HEALTH_URL, DEFAULT_HEALTH_URL, List.of("http", "https"));
        URI redis = url(config, REDIS_URL, DEFAULT_REDIS_URL, List.of("redis", "rediss"));
        String patternText = config.env(WORKER_PATTERN).filter(s -> !s.isBlank()).orElse(DEFAULT_WORKER_PATTERN);
        Pattern pattern;
        try {
            pattern = Pattern.compile(patternText);
        } catch (PatternSyntaxException e) {
            throw new BadConfigurationException(WORKER_PATTERN + ": '" + patternText + "' is not a regular expression ("
                    + e.getDescription() + ")");
        }
        String dockerHost = config.env(DOCKER_HOST).filter(s -> !s.isBlank()).orElse(DEFAULT_DOCKER_HOST);
        Optional<DockerEngine> docker = dockerHost.startsWith("unix://")
                ? Optional.of(new DockerEngine(Path.of(dockerHost.substring("unix://".length())), TIMEOUT))
                : Optional.empty();

        Path outputParent = options.output().map(Path::toAbsolutePath)
                .orElseGet(() -> Path.of(config.get(OpsSetting.SHADOW_RUN_GLOB)).toAbsolutePath().getParent());
        RunLocator discovery = RunLocator.forConfig(config);
        StorageProjection projection = StorageProjection.measuredOrSeed(
                discovery.discover(Optional.empty(), Optional.empty()).runDir());

        List<PreflightProbe> probes = new ArrayList<>();
        probes.add(new BackendHealthProbe(health, TIMEOUT));
        probes.add(new RedisPingProbe(redis, TIMEOUT));
        probes.add(new WorkerProbe(docker, pattern, ProcessHandle::allProcesses));
        probes.add(new DiskSpaceProbe(List.of(outputParent, config.path(OpsSetting.STATE_DIR)),
                projection.bytesFor(options.hours()), projection.source()));
        probes.add(new EmergencyStopProbe(stop));
        probes.add(new RunningRunProbe(() -> discovery.discover(Optional.empty(), Optional.empty()),
                run -> RunSnapshotReader.of(run, Clock.systemDefaultZone())));
        probes.add(cronProbe(config));
        probes.add(new ArchiveDirProbe(config.path(OpsSetting.ARCHIVE_DIR)));
        return new Preflight(options.hours(), probes);
    }

    /** The cron check's probe: {@code $AOS_CRON_DIR/aos-ops}, else the user's crontab ({@code $AOS_CRONTAB_LIST}). */
    public static CronEntryProbe cronProbe(OpsConfig config) {
        Path cronDir = config.path(OpsSetting.CRON_DIR);
        List<String> crontabList = Arrays.stream(config.env(CRONTAB_LIST).orElse(DEFAULT_CRONTAB_LIST).strip()
                .split("\\s+")).filter(s -> !s.isEmpty()).toList();
        return new CronEntryProbe(cronDir, CronEntryProbe.listing(crontabList, TIMEOUT));
    }

    /** Runs every probe, one after another on the calling thread; see {@link #run(Executor)}. */
    public PreflightReport run() {
        return run(Runnable::run);
    }

    /**
     * Runs every probe on {@code executor} (all at once, where it has the threads: the probes are independent, and
     * most of their time is waiting on a socket or a cold class) and reports them in the order given. A probe that
     * fails unexpectedly is UNKNOWN with the reason, and the rest go on. Returns when every probe has answered; each
     * network probe is bounded by {@link #TIMEOUT}. A probe that no thread of the executor has begun when its turn
     * comes is checked on the calling thread, so a saturated executor costs time, never a hang.
     *
     * @param executor runs the probes; {@code Runnable::run} runs them in order on the calling thread
     */
    public PreflightReport run(Executor executor) {
        checkNotNull(executor, "executor");
        List<OfferedTask<ProbeResult>> pending = new ArrayList<>(probes.size());
        for (PreflightProbe probe : probes) {
            pending.add(OfferedTask.offer(executor, () -> check(probe)));
        }
        List<ProbeResult> results = new ArrayList<>(probes.size());
        for (OfferedTask<ProbeResult> result : pending) {
            results.add(result.join()); // a probe no thread has begun is checked here
        }
        return new PreflightReport(hours, results);
    }

    private static ProbeResult check(PreflightProbe probe) {
        try {
            return probe.check();
        } catch (RuntimeException e) {
            return ProbeResult.of(probe.name(), HealthStatus.UNKNOWN, probe.name() + " could not be checked: "
                    + BackendHealthProbe.describe(e), Map.of());
        }
    }

    static URI url(OpsConfig config, String variable, String defaultValue, List<String> schemes) {
        String text = config.env(variable).filter(s -> !s.isBlank()).orElse(defaultValue).strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new BadConfigurationException(variable + ": '" + text + "' is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw new BadConfigurationException(variable + ": '" + text + "' must be a " + String.join(" or ", schemes)
                    + " URL" + (scheme.isEmpty() ? "" : ", not " + scheme + "://"));
        }
        if (uri.getHost() == null) {
            throw new BadConfigurationException(variable + ": '" + text + "' has no host");
        }
        return uri;
    }
}
