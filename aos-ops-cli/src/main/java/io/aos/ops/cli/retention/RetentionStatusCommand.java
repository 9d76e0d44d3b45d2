package io.aos.ops.cli.retention;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.Console;
import io.aos.ops.cli.QuickLine;
import io.aos.ops.cli.Workers;
import io.aos.ops.core.json.DecimalText;
import io.aos.ops.core.json.InstantText;
import io.aos.ops.retention.archive.Archiver;
import io.aos.ops.retention.status.StatusScanner;
import io.aos.ops.retention.status.StorageStatus;
import io.aos.ops.retention.status.StorageStatusJson;
import java.io.PrintWriter;
import java.time.Instant;
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
        // (InstantText, DecimalText: the text of Instant.toString and String.format without their formatters, some
        // 30 ms of a status's start-up)
        out.println("Golden storage status at "
                + InstantText.of(status.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
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
            out.println("  Newest: " + (a.newest() == null ? "-" : a.newest() + " (" + orNull(a.newestModified()) + ")"));
        }
        out.println();
        out.println("Filesystems:");
        for (StorageStatus.FilesystemStatus f : status.filesystems()) {
            String projection = f.hoursTo90Percent() == null ? "not growing"
                    : f.hoursTo90Percent() == 0 ? "already at or above 90%"
                    : f.hoursTo90Percent() > HOURS_PER_YEAR ? "not 90% full within a year at this rate"
                    : "90% full in " + DecimalText.fixed(f.hoursTo90Percent(), 1) + " h (around "
                            + orNull(f.projected90PercentAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)) + ")";
            out.print("  " + f.name() + ": " + DecimalText.fixed(f.usedPercent(), 1) + "% used, "
                    + Archiver.humanBytes(f.usableBytes()) + " free of " + Archiver.humanBytes(f.totalBytes())
                    + "; golden files grow " + Archiver.humanBytes((long) f.growthBytesPerHour()) + "/h; " + projection
                    + System.lineSeparator());
            out.println("    holds: " + String.join(", ", f.paths()));
        }
        return 0;
    }

    /** Beyond this a projection says nothing useful to an operator. */
    private static final double HOURS_PER_YEAR = 24 * 365;

    private static String orNone(Instant t) {
        return t == null ? "-" : InstantText.of(t);
    }

    /** As string concatenation writes an instant: "null" when there is none. */
    private static String orNull(Instant t) {
        return t == null ? "null" : InstantText.of(t);
    }
}
