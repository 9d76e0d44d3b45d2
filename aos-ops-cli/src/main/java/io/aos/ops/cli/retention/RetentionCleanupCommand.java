package io.aos.ops.cli.retention;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.Workers;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.cleanup.Cleaner;
import io.aos.ops.retention.log.RetentionLog;
import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aos-ops retention cleanup}. */
@Command(name = "cleanup",
        mixinStandardHelpOptions = true,
        header = "DELETE golden files older than N days, without archiving them.",
        description = {
            "Same selection as archive (age MORE than N x 24 h; a trace and its .sig together), but the files are "
                + "gone for good. Prefer 'archive --days N'. A file whose name is not valid UTF-8 (so that it cannot be "
                + "told apart from another) is never deleted: it is logged as 'Left ... in place' with the reason.",
            "Asks once per directory (y/N). Without a terminal (cron, a pipe) it refuses, deletes nothing and exits "
                + "2 unless --force is given; it never waits for an answer that cannot come.",
            "Exit 0 when done, 1 when a directory was locked by another retention run, 2 when refused."
        })
public final class RetentionCleanupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RetentionOptions retention;

    @Option(names = "--days", paramLabel = "N", description = "Age in days (default: $RETENTION_DAYS, else 7).")
    Integer days;

    @Option(names = "--dry-run", description = "List every file that would be deleted, with its age; delete nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Delete without asking (needed without a terminal).")
    boolean force;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Console console = System.console();
        if (!force && !dryRun && console == null) {
            throw new BadConfigurationException("cleanup deletes golden files without archiving them and asks 'y' per "
                    + "directory, but there is no terminal to ask; nothing was deleted. Re-run with --force to "
                    + "delete without asking, --dry-run to see what would go, or use 'archive' instead.");
        }
        RetentionSettings settings = retention.settings(common);
        PrintWriter out = spec.commandLine().getOut();
        RetentionLog log = RetentionOptions.log(settings, out, json);
        Cleaner.Confirmation confirmation = force ? Cleaner.FORCED : (dir, count) -> {
            out.println("About to delete " + count + " files from " + dir);
            out.flush();
            String answer = console.readLine("Continue? (y/N) ");
            return answer != null && answer.trim().equalsIgnoreCase("y");
        };
        Cleaner.Report report = new Cleaner(settings, log, Workers.besideCaller())
                .cleanup(RetentionOptions.days(days, settings), dryRun, confirmation);
        if (json) {
            out.println(OpsJson.pretty().writeValueAsString(RetentionJson.of(report)));
        }
        return report.ok() ? 0 : 1;
    }
}
