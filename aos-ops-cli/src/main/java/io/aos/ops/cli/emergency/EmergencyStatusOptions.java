package io.aos.ops.cli.emergency;

import picocli.CommandLine.Option;

/** Options of {@code status}, also accepted by {@code emergency-stop} with no subcommand. */
final class EmergencyStatusOptions {

    @Option(names = "--json", description = "Print the status and recent audit entries as JSON.")
    boolean json;

    @Option(names = "--last", paramLabel = "N", defaultValue = "5",
            description = "How many audit entries to show (default: ${DEFAULT-VALUE}).")
    int last;
}
