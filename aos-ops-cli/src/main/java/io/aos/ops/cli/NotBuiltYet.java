package io.aos.ops.cli;

import picocli.CommandLine.Model.CommandSpec;

/** What a command that is not built yet does: says so in one line and exits 2. No fake output. */
public final class NotBuiltYet {

    private NotBuiltYet() {
    }

    public static int report(CommandSpec spec, String issue) {
        spec.commandLine().getErr().println(
                spec.qualifiedName() + ": not built yet (" + issue + "); see --help for what it will do.");
        return 2;
    }
}
