package io.aos.ops.cli.retention;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.Workers;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.archive.ArchiveFormat;
import io.aos.ops.retention.archive.ArchiveReport;
import io.aos.ops.retention.archive.Archiver;
import io.aos.ops.retention.log.RetentionLog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aos-ops retention archive}. */
@Command(name = "archive",
        mixinStandardHelpOptions = true,
        header = "Move golden files older than N days into verified archives.",
        description = {
            "Takes every golden file whose age is MORE than N x 24 h (by modification time; a file exactly N days "
                + "old stays; --days 0 takes everything modified before now). A trace and its .sig go together.",
            "One archive per directory: $ARCHIVE_DIR/golden_<YYYYmmdd_HHMMSS>_<run>_<dirkey>.tgz (or .tar.zst; "
                + "<dirkey>: 8 hex digits of the directory's real path), members named relative to the directory, a "
                + "manifest inside and a .sha256 file beside it. An archive never replaces an existing file.",
            "A file that cannot be read, or whose name is not valid UTF-8 (so that it cannot be told apart from "
                + "another), is left in place (with its trace or .sig) and logged as 'unarchived' with the reason "
                + "(listed under 'left' with --json); the rest is archived.",
            "Originals are deleted only after the archive was written, forced to disk and read back in full; a run "
                + "killed at any moment loses nothing, and the next run finishes its deletes.",
            "Exit 0 when every directory was handled, 1 when one failed or was locked by another run, 2 when a "
                + "--dir does not exist (nothing is archived then)."
        })
public final class RetentionArchiveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    RetentionOptions retention;

    @Option(names = "--days", paramLabel = "N", description = "Age in days (default: $RETENTION_DAYS, else 7).")
    Integer days;

    @Option(names = "--dry-run", description = "List every file that would be archived, with its age; change nothing.")
    boolean dryRun;

    @Option(names = "--format", paramLabel = "gzip|zstd", defaultValue = "gzip",
            description = "Compression: gzip (.tgz, default) or zstd (.tar.zst: faster and smaller).")
    String format;

    @Option(names = "--json", description = "Print the outcome as JSON (the action lines still go to the log).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ArchiveFormat chosen = ArchiveFormat.ofName(format)
                .orElseThrow(() -> new BadConfigurationException("--format must be gzip or zstd, not '" + format + "'"));
        RetentionSettings settings = retention.settings(common);
        PrintWriter out = spec.commandLine().getOut();
        RetentionLog log = RetentionOptions.log(settings, out, json);
        ArchiveReport report = new Archiver(settings, log, Workers.besideCaller())
                .archive(RetentionOptions.days(days, settings), chosen, dryRun);
        if (json) {
            out.println(OpsJson.pretty().writeValueAsString(RetentionJson.of(report)));
        }
        return report.ok() ? 0 : 1;
    }
}
