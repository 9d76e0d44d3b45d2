package io.aos.ops.cli.retention;

import io.aos.ops.core.config.DefaultZoneClock;
import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.QuickLine;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.retention.log.RetentionLog;
import io.aos.ops.retention.RetentionSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every retention subcommand takes: which directories, where archives go. */
public final class RetentionOptions {

    @Option(names = "--dir", paramLabel = "DIR",
            description = "A golden directory to work on (repeatable). Replaces the default list: every "
                    + "$AOS_SHADOW_GLOB/golden, every $AOS_SHADOW_GLOB/traces and $GOLDEN_DIR, or $AOS_RETENTION_DIRS "
                    + "(colon-separated).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--archive-dir", paramLabel = "DIR",
            description = "Where archives are written and looked for (default: $ARCHIVE_DIR, else "
                    + "/root/archive/golden).")
    Path archiveDir;

    /** The options of this class and of {@link CommonOptions} (which retention commands mix in too), for {@link QuickLine}. */
    static final QuickLine.Grammar QUICK = CommonOptions.QUICK.repeatable("--dir").values("--archive-dir");

    /** These options as picocli sets them from {@code line} (read by {@link #QUICK}). */
    static RetentionOptions quick(QuickLine line) {
        RetentionOptions options = new RetentionOptions();
        List<Path> dirs = line.paths("--dir");
        if (dirs != null) {
            options.dirs = dirs;
        }
        options.archiveDir = line.path("--archive-dir");
        return options;
    }

    OpsConfig config(CommonOptions common) {
        return common.config().with(OpsSetting.ARCHIVE_DIR, archiveDir);
    }

    RetentionSettings settings(CommonOptions common) {
        return RetentionSettings.from(config(common), dirs, DefaultZoneClock.system());
    }

    /**
     * The settings of a command that uses no age ({@code status}, {@code verify}, {@code restore}): a bad
     * {@code RETENTION_DAYS} does not stop it, but gets a warning line on {@code err} naming the value.
     */
    RetentionSettings settingsWithoutAge(CommonOptions common, String command, PrintWriter err) {
        OpsConfig config = config(common);
        RetentionSettings.daysProblem(config).ifPresent(problem -> {
            err.println("aos-ops: warning: " + problem + "; retention " + command + " uses no age, but archive and "
                    + "cleanup refuse it");
            err.flush();
        });
        return RetentionSettings.withoutAge(config, dirs, DefaultZoneClock.system());
    }

    /** The retention log; its action lines are also printed to {@code out}, unless the command prints JSON. */
    static RetentionLog log(RetentionSettings settings, PrintWriter out, boolean json) {
        return new RetentionLog(settings.logFile(), settings.clock(), json ? line -> { } : out::println);
    }

    /** The age in days: the flag, else RETENTION_DAYS. */
    static int days(Integer flag, RetentionSettings settings) {
        if (flag == null) {
            return settings.defaultDays();
        }
        if (flag < 0) {
            throw new BadConfigurationException("--days must be 0 or more, not " + flag);
        }
        return flag;
    }
}
