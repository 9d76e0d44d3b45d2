package io.aos.ops.cli.retention;

import io.aos.ops.cli.CommonOptions;
import io.aos.ops.cli.Console;
import io.aos.ops.cli.QuickLine;
import io.aos.ops.cli.Workers;
import io.aos.ops.retention.RetentionSettings;
import io.aos.ops.retention.status.StatusScanner;
import io.aos.ops.retention.status.StorageStatus;
import io.aos.ops.retention.status.StorageStatusJson;
import io.aos.ops.retention.status.StorageStatusText;
import java.io.PrintWriter;
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
            "Per directory: file count, apparent size and size in whole blocks (sparse files at full size, hard "
                + "links once per name), oldest and newest file, what arrived in the last "
                + StatusScanner.GROWTH_WINDOW_HOURS + " h (files dated in the future are counted apart).",
            "Then the archive directory, and per filesystem the free space, the growth rate of golden files and "
                + "the projected time until it is 90%% full at that rate. Changes nothing; exit 0.",
            "Uses no age: a bad RETENTION_DAYS gets a warning on stderr, not an error."
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
        RetentionSettings settings = retention.settingsWithoutAge(common, "status", Console.err(console, spec));
        StorageStatus status = new StatusScanner(settings, Workers.besideCaller()).status();
        PrintWriter out = Console.out(console, spec);
        if (json) {
            out.println(StorageStatusJson.jsonText(status)); // the bytes OpsJson.pretty() wrote, without databind
            return 0;
        }
        out.print(StorageStatusText.text(status));
        out.flush();
        return 0;
    }
}
