package io.aos.ops.cli;

import io.aos.ops.cli.golden.GoldenDiffCommand;
import io.aos.ops.cli.golden.GoldenHashCommand;
import io.aos.ops.cli.golden.GoldenSummaryCommand;
import io.aos.ops.cli.golden.GoldenVerifyCommand;
import io.aos.ops.cli.monitor.CronCheckCommand;
import io.aos.ops.cli.monitor.MonitorCheckCommand;
import io.aos.ops.cli.monitor.SanityCommand;
import io.aos.ops.cli.monitor.StatusCommand;
import io.aos.ops.cli.retention.RetentionStatusCommand;
import io.aos.ops.core.health.ExitMode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParameterException;

/**
 * The commands {@link AosOps} runs without building picocli's model when their line allows ({@link QuickLine}),
 * {@code cron-check}, {@code status}, {@code sanity}, {@code monitor check}, {@code golden hash|diff|summary|verify} and
 * {@code retention status}:
 * what cron, the monitoring system and an operator at the console run most. The command objects are the ones
 * picocli would run, set up as picocli sets them up, and their failures are reported by the same code as picocli's
 * ({@link AosOps#executionFailure}, {@link AosOps#parameterFailure}), so the output and exit code of a line are the
 * same on either path (a test runs lines both ways). No lambdas here: each would cost a start its own call-site
 * linkage.
 */
final class QuickCommands {

    private QuickCommands() {
    }

    /** {@return the command {@code args} names when it is one of the quick ones ("golden hash"), else null} */
    static String commandPath(String[] args) {
        if (args.length == 0) {
            return null;
        }
        switch (args[0]) {
            case "cron-check":
            case "status":
            case "sanity":
                return args[0];
            case "monitor":
                return args.length > 1 && args[1].equals("check") ? "monitor check" : null;
            case "golden":
                return args.length > 1
                        && (args[1].equals("hash") || args[1].equals("diff") || args[1].equals("summary")
                            || args[1].equals("verify"))
                        ? "golden " + args[1] : null;
            case "retention":
                return args.length > 1 && args[1].equals("status") ? "retention status" : null;
            default:
                return null;
        }
    }

    /** {@return the words the command at {@code path} (from {@link #commandPath}) takes} */
    static QuickLine.Grammar grammar(String path) {
        switch (path) {
            case "cron-check":
                return CronCheckCommand.QUICK;
            case "status":
                return StatusCommand.QUICK;
            case "sanity":
                return SanityCommand.QUICK;
            case "monitor check":
                return MonitorCheckCommand.QUICK;
            case "golden hash":
                return GoldenHashCommand.QUICK;
            case "golden diff":
                return GoldenDiffCommand.QUICK;
            case "golden summary":
                return GoldenSummaryCommand.QUICK;
            case "golden verify":
                return GoldenVerifyCommand.QUICK;
            case "retention status":
                return RetentionStatusCommand.QUICK;
            default:
                throw new IllegalArgumentException(path);
        }
    }

    /**
     * The command object picocli would run for {@code args}, set up as picocli sets it up, writing to
     * {@code console}; null when the line is not one of the quick ones or picocli must read it.
     */
    static Callable<Integer> command(String[] args, Console console) {
        String path = commandPath(args);
        return path == null ? null : command(path, args, console);
    }

    /** As {@link #command(String[], Console)} for the command at {@code path}, {@code commandPath(args)}. */
    private static Callable<Integer> command(String path, String[] args, Console console) {
        QuickLine line = QuickLine.parse(args, path.indexOf(' ') < 0 ? 1 : 2, grammar(path));
        if (line == null) {
            return null;
        }
        switch (path) {
            case "cron-check":
                return CronCheckCommand.quick(line, console);
            case "status":
                return StatusCommand.quick(line, console);
            case "sanity":
                return SanityCommand.quick(line, console);
            case "monitor check":
                return MonitorCheckCommand.quick(line, console);
            case "golden hash":
                return GoldenHashCommand.quick(line, console);
            case "golden diff":
                return GoldenDiffCommand.quick(line, console);
            case "golden summary":
                return GoldenSummaryCommand.quick(line, console);
            case "golden verify":
                return GoldenVerifyCommand.quick(line, console);
            default:
                return RetentionStatusCommand.quick(line, console);
        }
    }

    /**
     * Runs {@code args} when it is a quick line, with {@code out} and {@code err} as the command's writers (null:
     * picocli's, on the process's streams).
     *
     * @return the exit code, or null when picocli must run the line (nothing was done)
     */
    static Integer run(String[] args, PrintWriter out, PrintWriter err) {
        String path = commandPath(args);
        if (path == null) {
            return null;
        }
        Console console = Console.of(out, err);
        Callable<Integer> command = command(path, args, console);
        if (command == null) {
            return null;
        }
        // only the quick grammars' words are on the line: --debug and --nagios cannot be an option's value here
        boolean debug = AosOps.debug(args);
        ExitMode mode = AosOps.exitMode(args);
        try {
            return command.call();
        } catch (ParameterException e) {
            return AosOps.parameterFailure(e, console.out(), args, debug, mode);
        } catch (Exception e) {
            return AosOps.executionFailure(e, console.err(), debug, new ExceptionExitCodes(mode));
        }
    }
}
