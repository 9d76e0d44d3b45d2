package io.aos.ops.cli.retention;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.Console;
import io.aos.ops.cli.QuickLine;
import io.aos.ops.cli.Workers;
import io.aos.ops.retention.archive.Archiver;
import io.aos.ops.retention.status.StatusScanner;
import io.aos.ops.retention.status.StorageStatus;
import io.aos.ops.retention.status.StorageStatusJson;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aos-ops retention status}. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        header = "Show golden storage: files per directory, archives, free space, time until 90%% full.",
        description = {
            "Per directory: file count, apparent and on-disk size, oldest and newest file, what arrived in the last "
                + StatusScanner.GROWTH_WINDOW_HOURS + " h.",
            "Then the archive directory, and per filesystem the free space, the growth rate of golden files and "
                + "the projected time until it is 90%% full at that rate. Changes nothing; exit 0."
        })
public final class RetentionStatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The writers of a quick run ({@link QuickCommands}); null when picocli runs the command. */
    Console console;

    @Mixin
    CommonOptions common;

    @Mixin
    RetentionOptions retention;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    /** The options of this command, for {@link QuickLine}. */
    public static final QuickLine.Grammar QUICK = RetentionOptions.QUICK.flags("--json");

    /** This command as picocli sets it up for {@code line} (read by {@link #QUICK}). */
    public static RetentionStatusCommand quick(QuickLine line, Console console) {
        RetentionStatusCommand command = new RetentionStatusCommand();
        command.console = console;
        command.common = CommonOptions.quick(line);
        command.retention = RetentionOptions.quick(line);
        command.json = line.has("--json");
        return command;
    }

    @Override
    public Integer call() throws Exception {
        StorageStatus status = new StatusScanner(retention.settings(common), Workers.besideCaller()).status();
        PrintWriter out = Console.out(console, spec);
        if (json) {
            out.println(StorageStatusJson.jsonText(status)); // the bytes OpsJson.pretty() wrote, without databind
            return 0;
        }
        out.println("Golden storage status at " + status.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        for (StorageStatus.DirectoryStatus d : status.directories()) {
            out.println();
            out.println("Directory: " + d.path());
            if (!d.exists()) {
                out.println("  (not present)");
                continue;
            }
            out.println("  Files: " + d.files());
            out.println("  Size: " + Archiver.humanBytes(d.apparentBytes()) + " apparent, "
                    + Archiver.humanBytes(d.diskBytes()) + " on disk");
            out.println("  Oldest: " + orNone(d.oldest()));
            out.println("  Newest: " + orNone(d.newest()));
            out.println("  Last " + status.growthWindowHours() + " h: " + d.recentFiles() + " files, "
                    + Archiver.humanBytes(d.recentBytes()));
        }
        out.println();
        StorageStatus.ArchiveDirectoryStatus a = status.archive();
        out.println("Archive Directory: " + a.path());
        if (!a.exists()) {
            out.println("  (not created)");
        } else {
            out.println("  Archives: " + a.archives());
            out.println("  Size: " + Archiver.humanBytes(a.bytes()));
            out.println("  Newest: " + (a.newest() == null ? "-" : a.newest() + " (" + a.newestModified() + ")"));
        }
        out.println();
        out.println("Filesystems:");
        for (StorageStatus.FilesystemStatus f : status.filesystems()) {
            String projection = f.hoursTo90Percent() == null ? "not growing"
                    : f.hoursTo90Percent() == 0 ? "already at or above 90%"
                    : f.hoursTo90Percent() > HOURS_PER_YEAR ? "not 90% full within a year at this rate"
                    : String.format(Locale.ROOT, "90%% full in %.1f h (around %s)", f.hoursTo90Percent(),
                            f.projected90PercentAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
            out.printf(Locale.ROOT, "  %s: %.1f%% used, %s free of %s; golden files grow %s/h; %s%n", f.name(),
                    f.usedPercent(), Archiver.humanBytes(f.usableBytes()), Archiver.humanBytes(f.totalBytes()),
                    Archiver.humanBytes((long) f.growthBytesPerHour()), projection);
            out.println("    holds: " + String.join(", ", f.paths()));
        }
        return 0;
    }

    /** Beyond this a projection says nothing useful to an operator. */
    private static final double HOURS_PER_YEAR = 24 * 365;

    private static String orNone(Instant t) {
        return t == null ? "-" : t.toString();
    }
}
