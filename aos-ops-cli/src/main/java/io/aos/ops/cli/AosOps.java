package io.aos.ops.cli;

import io.aos.ops.core.health.ExitMode;
import io.aos.ops.core.text.ControlCharacters;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Entry point of the {@code aos-ops} jar. Wiring only: parses the command line, runs the command and maps failures
 * to exit codes in one place ({@link ExceptionExitCodes}, docs/exit-codes.md): 0 all well, 1 a failure the runbook names, 2 usage or
 * unreadable input; under {@code --nagios} usage and unreadable input are 3 (UNKNOWN), never 2.
 */
public final class AosOps {

    private AosOps() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting (for tests and embedding). */
    public static int run(String... args) {
        return run(args, null, null);
    }

    /**
     * Runs the command line with {@code out} and {@code err} as the command's writers (null: picocli's, on the
     * process's streams) and returns the exit code. The lines cron and operators run most skip picocli's model
     * ({@link QuickCommands}); the rest, and any line those do not read exactly as picocli would, go to picocli.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        Integer quick = QuickCommands.run(args, out, err);
        if (quick != null) {
            return quick;
        }
        CommandLine cli = commandLine(args);
        if (out != null) {
            cli.setOut(out);
        }
        if (err != null) {
            cli.setErr(err);
        }
        return cli.execute(args);
    }

    static CommandLine commandLine(String... args) {
        boolean debug = debug(args);
        ExitMode mode = exitMode(args);
        CommandLine cli = new CommandLine(new AosOpsCommand());
        String group = "";
        String next = "";
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("-")) {
                group = args[i];
                next = i + 1 < args.length ? args[i + 1] : "";
                break;
            }
        }
        if (AosOpsCommand.GROUPS.containsKey(group)) {
            addGroup(cli, group, next);
        } else {
            // --help, --version, a typo: the whole tree, so usage lists every group and picocli suggests the nearest
            for (String each : AosOpsCommand.GROUPS.keySet()) {
                addGroup(cli, each, "");
            }
        }
        ExceptionExitCodes exitCodes = new ExceptionExitCodes(mode);
        cli.setExitCodeExceptionMapper(exitCodes);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((ParameterException e, String[] ignored) ->
                parameterFailure(e, e.getCommandLine().getOut(), args, debug, mode));
        cli.setExecutionExceptionHandler((Exception e, CommandLine failed, ParseResult parsed) ->
                executionFailure(e, failed, debug, exitCodes));
        return cli;
    }

    /** {@return whether the line asks for stack traces with errors ({@code --debug} anywhere on it)} */
    static boolean debug(String... args) {
        return Arrays.asList(args).contains("--debug");
    }

    /** {@return the exit codes the line asks for: Nagios's with {@code --nagios} anywhere on it} */
    static ExitMode exitMode(String... args) {
        return ExitMode.of(Arrays.asList(args).contains("--nagios"));
    }

    /**
     * Reports a usage error (its message in one line, control characters escaped: it may quote an argument) on the
     * failed command's error writer, and under {@code --nagios} (without {@code --json})
     * the plugin's {@code SHADOW UNKNOWN - <error>} line on {@code out} as well, since a plugin always says something;
     * {@return the exit code for it}
     */
    static int parameterFailure(ParameterException e, PrintWriter out, String[] args, boolean debug, ExitMode mode) {
        CommandLine failed = e.getCommandLine();
        if (mode == ExitMode.NAGIOS && !Arrays.asList(args).contains("--json")) {
            out.println(NagiosUnknown.line(failed.getCommandName(), e.getMessage()));
            out.flush();
        }
        PrintWriter err = failed.getErr();
        err.println(ControlCharacters.oneLine("aos-ops: " + e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
        if (debug) {
            e.printStackTrace(err);
        }
        return mode.usageError();
    }

    /** Reports a command's failure on {@code failed}'s writer; {@return the exit code {@code exitCodes} gives it} */
    static int executionFailure(Exception e, CommandLine failed, boolean debug, ExceptionExitCodes exitCodes) {
        return executionFailure(e, failed.getErr(), debug, exitCodes);
    }

    /**
     * Reports a command's failure on {@code err}, in one line; {@return the exit code {@code exitCodes} gives it} The
     * message often names a file or quotes its content, so its control characters, line breaks included, are written
     * as escapes ({@link ControlCharacters#oneLine}): a file name with an ESC or a newline in it neither acts on the
     * terminal nor forges a line of its own.
     */
    static int executionFailure(Exception e, PrintWriter err, boolean debug, ExceptionExitCodes exitCodes) {
        if (ExceptionExitCodes.isOperatorMessage(e)) {
            err.println(ControlCharacters.oneLine("aos-ops: " + e.getMessage()));
        } else {
            err.println(ControlCharacters.oneLine("aos-ops: internal error: " + e
                    + (debug ? "" : " (run again with --debug for details)")));
        }
        if (debug) {
            e.printStackTrace(err);
        }
        return exitCodes.getExitCode(e);
    }

    /**
     * Adds {@code group}, and of the subcommands {@code AosOps} adds ({@link AosOpsCommand#SUBCOMMANDS}) only
     * {@code next} when the command line names it right after the group; else all of them, so the group's usage
     * lists them all and picocli suggests the nearest to a typo.
     */
    private static void addGroup(CommandLine cli, String group, String next) {
        cli.addSubcommand(group, AosOpsCommand.GROUPS.get(group).get());
        Supplier<Map<String, Supplier<Object>>> added = AosOpsCommand.SUBCOMMANDS.get(group);
        if (added == null) {
            return;
        }
        Map<String, Supplier<Object>> subcommands = added.get();
        CommandLine groupLine = cli.getSubcommands().get(group);
        if (subcommands.containsKey(next)) {
            groupLine.addSubcommand(next, subcommands.get(next).get());
        } else {
            subcommands.forEach((name, command) -> groupLine.addSubcommand(name, command.get()));
        }
    }
}
