package io.aos.ops.cli.retention;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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
                + "$AOS_RETENTION_LOG (default $AOS_STATE_DIR/golden_retention.log, the state directory being "
                + "--state-dir, else $AOS_STATE_DIR, else /var/lib/aos).",
            "Disk full at 3 a.m.: 'archive --days 0' (safe: verified before anything is deleted), or "
                + "'cleanup --days 1 --force' (deletes without archiving).",
            "Launcher: scripts/ops/golden_retention.sh. No subcommand: prints this and exits 0."
        })
public final class RetentionCommand implements Runnable {

    /**
     * The subcommands by name, in the order {@code --help} lists them. Added by {@code AosOps} rather than through
     * {@code @Command(subcommands = ...)}, as golden's are: {@code retention status} (every six hours from cron) builds
     * the picocli model of {@code status} alone, not of archive's, cleanup's, verify's and restore's options too. Each
     * key is the subcommand's {@code @Command(name)} (a test holds them equal).
     */
    public static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("status", RetentionStatusCommand::new);
        subcommands.put("archive", RetentionArchiveCommand::new);
        subcommands.put("cleanup", RetentionCleanupCommand::new);
        subcommands.put("verify", RetentionVerifyCommand::new);
        subcommands.put("restore", RetentionRestoreCommand::new);
        return Collections.unmodifiableMap(subcommands);
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
