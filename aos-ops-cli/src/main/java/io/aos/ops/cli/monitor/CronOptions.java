package io.aos.ops.cli.monitor;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.monitor.cron.CronInstallation;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the cron file goes and whom the entry runs as: the options of {@code cron install|remove|show}. */
final class CronOptions {

    @Mixin
    CommonOptions common;

    @Option(names = "--cron-dir", paramLabel = "DIR",
            description = "The cron.d directory (default: $AOS_CRON_DIR, else /etc/cron.d).")
    Path cronDir;

    @Option(names = "--user", paramLabel = "USER", defaultValue = CronInstallation.DEFAULT_USER,
            description = "User the entry runs as (default: ${DEFAULT-VALUE}).")
    String user;

    /** The installation of this jar's checkout or install tree, as the environment and flags place it. */
    CronInstallation installation() {
        return CronInstallation.forConfig(common.config().with(OpsSetting.CRON_DIR, cronDir),
                CronCheckCommand.Installation.home(), user);
    }
}
