package io.aos.ops.cli.monitor;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.QuickLine;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.monitor.health.HealthCheck;
import io.aos.ops.monitor.probe.Thresholds;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What to watch and the thresholds: the options every monitoring command shares. */
public final class RunOptions {

    @Mixin
    CommonOptions common;

    @Mixin
    RunLocationOptions location;

    @Option(names = "--stale-warning", paramLabel = "SECONDS",
            description = "Heartbeat/log older than this: WARNING (default: $AOS_STALE_WARNING_SECONDS, else 600).")
    String staleWarning;

    @Option(names = "--stale-critical", paramLabel = "SECONDS",
            description = "Heartbeat/log older than this: CRITICAL (default: $AOS_STALE_CRITICAL_SECONDS, else 1800).")
    String staleCritical;

    @Option(names = "--disk-warning", paramLabel = "PERCENT",
            description = "A filesystem at least this full: WARNING (default: $AOS_DISK_WARNING_PERCENT, else 90).")
    String diskWarning;

    @Option(names = "--disk-critical", paramLabel = "PERCENT",
            description = "A filesystem at least this full: CRITICAL (default: $AOS_DISK_CRITICAL_PERCENT, else 95).")
    String diskCritical;

    @Option(names = "--golden-warning", paramLabel = "MB",
            description = "The run's golden/ and traces/ together larger than this many MiB: WARNING (default: "
                    + "$AOS_GOLDEN_WARNING_MB, else 1000).")
    String goldenWarning;

    /** The options of this class and its mixins, for {@link QuickLine}. */
    static final QuickLine.Grammar QUICK = CommonOptions.QUICK.values("--run-dir", "--log", "--stale-warning",
            "--stale-critical", "--disk-warning", "--disk-critical", "--golden-warning");

    /** These options as picocli sets them from {@code line} (read by {@link #QUICK}). */
    static RunOptions quick(QuickLine line) {
        RunOptions options = new RunOptions();
        options.common = CommonOptions.quick(line);
        options.location = RunLocationOptions.quick(line);
        options.staleWarning = line.value("--stale-warning");
        options.staleCritical = line.value("--stale-critical");
        options.diskWarning = line.value("--disk-warning");
        options.diskCritical = line.value("--disk-critical");
        options.goldenWarning = line.value("--golden-warning");
        return options;
    }

    /** The configuration with --state-dir and the threshold flags applied. */
    public OpsConfig config() {
        return common.config()
                .with(OpsSetting.STALE_WARNING_SECONDS, staleWarning)
                .with(OpsSetting.STALE_CRITICAL_SECONDS, staleCritical)
                .with(OpsSetting.DISK_WARNING_PERCENT, diskWarning)
                .with(OpsSetting.DISK_CRITICAL_PERCENT, diskCritical)
                .with(OpsSetting.GOLDEN_WARNING_MB, goldenWarning);
    }

    public HealthCheck.Options checkOptions(OpsConfig config) {
        return new HealthCheck.Options(location.runDir(), location.log(), Thresholds.from(config));
    }

    /** A health check of the run these options name. */
    public HealthCheck healthCheck() {
        OpsConfig config = config();
        return HealthCheck.create(config, checkOptions(config), Clock.systemDefaultZone());
    }

    /** These options as command-line arguments, to pass to the daemon process. */
    List<String> asArguments() {
        List<String> args = new ArrayList<>();
        OpsConfig config = common.config();
        if (config.sourceOf(OpsSetting.STATE_DIR) == OpsConfig.Source.FLAG) {
            add(args, "--state-dir", config.path(OpsSetting.STATE_DIR).toAbsolutePath());
        }
        add(args, "--run-dir", location.runDir().map(Path::toAbsolutePath).orElse(null));
        add(args, "--log", location.log().map(Path::toAbsolutePath).orElse(null));
        add(args, "--stale-warning", staleWarning);
        add(args, "--stale-critical", staleCritical);
        add(args, "--disk-warning", diskWarning);
        add(args, "--disk-critical", diskCritical);
        add(args, "--golden-warning", goldenWarning);
        return args;
    }

    private static void add(List<String> args, String flag, Object value) {
        if (value != null) {
            args.add(flag);
            args.add(value.toString());
        }
    }
}
