package io.aos.ops.cli.monitor;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.NagiosUnknown;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.emergency.EmergencyStop;
import io.aos.ops.core.health.ExitMode;
import io.aos.ops.monitor.preflight.Preflight;
import io.aos.ops.monitor.preflight.PreflightReport;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aos-ops preflight}: wiring for {@link Preflight}. */
@Command(name = "preflight",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Pre-flight checks before a shadow run: one line per check, then READY or NOT READY.",
        description = {
            "The runbook's 'curl .../health | jq .status', 'redis-cli ping',",
            "'docker ps | grep -E \"worker|backend\"' and 'df -h', plus: emergency stop",
            "released, no shadow run already going, cron check installed, archive",
            "directory writable. Each check says OK, WARNING, CRITICAL or UNKNOWN.",
            "",
            "Where it looks (environment): AOS_HEALTH_URL (http://localhost:8000/health,",
            "JSON .status healthy/ok, 2 s), REDIS_URL (redis://localhost:6379; password",
            "and rediss:// as the URL allows), DOCKER_HOST (unix:///var/run/docker.sock,",
            "else the process table), AOS_WORKER_PATTERN (worker|backend), AOS_CRON_DIR",
            "(/etc/cron.d; also the user's 'crontab -l', AOS_CRONTAB_LIST), ARCHIVE_DIR.",
            "Disk: CRITICAL if a run of --hours would pass 90%% on the filesystem of the",
            "run output or $AOS_STATE_DIR (bytes per cycle measured from the newest run,",
            "else the runbook's ~104M per 24h).",
            "",
            "Exit 0 ready (OK or WARNING), 1 CRITICAL, 2 UNKNOWN or usage error; with",
            "--nagios 0/1/2/3 = OK/WARNING/CRITICAL/UNKNOWN and one plugin line."
        })
public final class PreflightCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--hours", paramLabel = "H",
            description = "Length of the run to come, for the disk projection (default 24).")
    double hours = Preflight.DEFAULT_HOURS;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "The run's output directory (default: where $AOS_SHADOW_GLOB puts runs).")
    Path output;

    @Option(names = "--json", description = "Print every check as JSON.")
    boolean json;

    @Option(names = "--nagios", description = "Print one plugin line (PREFLIGHT OK|WARNING|CRITICAL|UNKNOWN - ...) "
            + "and exit 0/1/2/3.")
    boolean nagios;

    @Override
    public Integer call() {
        PreflightReport report;
        try {
            report = run(common.config(), hours, Optional.ofNullable(output));
        } catch (AosOpsException e) {
            if (nagios && !json) {
                Output.text(spec, NagiosUnknown.line("preflight", e.getMessage()));
            }
            throw e;
        }
        if (json) {
            Output.json(spec, report.toJson());
        } else if (nagios) {
            Output.text(spec, report.nagiosLine());
        } else {
            Output.text(spec, String.join("\n", report.lines()));
        }
        return ExitMode.of(nagios).exitCode(report.status());
    }

    /**
     * Runs the checks for a run of {@code hours} writing to {@code output}, all at once on threads of this call's own
     * (the probes wait on sockets and cold classes; one after another they took longer than the whole answer should).
     */
    public static PreflightReport run(OpsConfig config, double hours, Optional<Path> output) {
        ExecutorService probes = Executors.newCachedThreadPool(
                new ThreadFactoryBuilder().setNameFormat("aos-ops-preflight-%d").setDaemon(true).build());
        try (EmergencyStop stop = EmergencyStop.forConfig(config)) {
            return Preflight.forConfig(config, new Preflight.Options(hours, output), stop).run(probes);
        } finally {
            probes.shutdownNow();
        }
    }
}
