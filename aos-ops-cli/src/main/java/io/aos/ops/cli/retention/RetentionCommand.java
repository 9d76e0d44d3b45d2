package io.aos.ops.cli.retention;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code aos-ops retention}: golden-file storage. Without a subcommand it prints its usage and exits 0, as the
 * upstream script did (the upstream crontab line called it with no argument; that must not page anyone).
 */
@Command(name = "retention",
        mixinStandardHelpOptions = true,
        header = "Golden-file storage: status, archive, cleanup, verify, restore.",
        description = {
            "Keeps golden files (*.golden.json, *.json, *.steps.jsonl with its .sig) from filling the disk.",
            "Watches every shadow run's golden/ and traces/ ($AOS_SHADOW_GLOB/golden and $AOS_SHADOW_GLOB/traces, "
                + "default /tmp/shadow_simulation_*/{golden,traces}) and $GOLDEN_DIR (default /var/lib/aos/golden), "
                + "or the --dir/AOS_RETENTION_DIRS list.",
            "Archives go to $ARCHIVE_DIR (default /root/archive/golden); every action is logged to "
                + "$AOS_RETENTION_LOG (default /var/lib/aos/golden_retention.log).",
            "Disk full at 3 a.m.: 'archive --days 0' (safe: verified before anything is deleted), or "
                + "'cleanup --days 1 --force' (deletes without archiving).",
            "Launcher: scripts/ops/golden_retention.sh. No subcommand: prints this and exits 0."
        },
        subcommands = {
            RetentionStatusCommand.class,
            RetentionArchiveCommand.class,
            RetentionCleanupCommand.class,
            RetentionVerifyCommand.class,
            RetentionRestoreCommand.class,
        })
public final class RetentionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
