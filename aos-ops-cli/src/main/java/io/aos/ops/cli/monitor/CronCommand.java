package io.aos.ops.cli.monitor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aos-ops cron install|remove|show}: the runbook's crontab entry as a file in /etc/cron.d. */
@Command(name = "cron",
        mixinStandardHelpOptions = true,
        header = "Install, remove or show the cron check's entry in /etc/cron.d.",
        description = {
            "The runbook's crontab entry (every 15 minutes, the cron check of this",
            "installation, scripts/stress/shadow_cron_check.sh) as its own file,",
            "$AOS_CRON_DIR/aos-ops (default /etc/cron.d/aos-ops), mode 0644, run as",
            "root, with the variables set now (AOS_STATE_DIR, GOLDEN_DIR, ...; see",
            "'cron-check --print-crontab') as environment lines. The file starts with",
            "the line # aos-ops: managed by 'aos-ops cron install'; a file there",
            "without it is someone else's: never removed, replaced only with --force.",
            "Hosts that prefer systemd: deploy/systemd/aos-ops-cron-check.timer",
            "instead (not both: each would run the check)."
        },
        subcommands = {
            CronInstallCommand.class,
            CronRemoveCommand.class,
            CronShowCommand.class,
        })
public final class CronCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: install, remove or show");
    }
}
