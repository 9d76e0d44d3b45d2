package io.aos.ops.monitor.discovery;

import static com.google.common.base.Preconditions.checkNotNull;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a runner process found by its command line writes the watched run's directory, or another run's.
 *
 * <p>Upstream's runner records no PID, so a monitor finds it by its command line, and two runs on one machine (a
 * second run started with {@code --output}, a run of this suite's launcher beside an upstream one) both match. What
 * tells them apart is where each one writes:
 * <ul>
 *   <li>{@code --output DIR} / {@code -o DIR} (the last one given; {@code --output=DIR} for this suite's runner) names
 *       the directory; a relative one is resolved against the process's working directory;</li>
 *   <li>without it the runner writes {@code shadow_simulation_<YYYYmmdd_HHMMSS>}, stamped with the local time at
 *       which it started (upstream: {@code $(date +%Y%m%d_%H%M%S)}), so the stamp in the run directory's name is
 *       at most {@link #STAMP_BEFORE_START} before the process's start and at most {@link #STAMP_AFTER_START}
 *       after it (wide, for the clock's corrections since), in the process's time zone.</li>
 * </ul>
 * A process is {@link Verdict#OTHER_RUN} only on that evidence; when the evidence cannot be had (no arguments, no
 * start time, no zone (its environment is another user's), a relative directory and no working directory, a run
 * directory whose name carries no stamp) it is {@link Verdict#UNKNOWN}, and the monitor still takes it as it did
 * before, rather than report a live run as dead.
 *
 * <p>When no run directory was found, {@link #writes} says where a runner writes (its {@code --output}, else
 * upstream's default {@code /tmp/shadow_simulation_<stamp>}), for the monitor to leave out a runner whose directory
 * is not one it watches.
 */
final class RunnerOwnership {

    /** What a process's command line says about the run directory. */
    enum Verdict {
        /** It writes the watched run's directory. */
        THIS_RUN,
        /** It writes another directory. */
        OTHER_RUN,
        /** Nothing it shows tells. */
        UNKNOWN
    }

    /**
     * The verdict, and the directory the process writes when its command line names it.
     *
     * @param verdict the verdict
     * @param writes  the directory it writes, when known (named, or stamped from its start time)
     */
    record Ownership(Verdict verdict, Optional<String> writes) {
        static final Ownership UNKNOWN = new Ownership(Verdict.UNKNOWN, Optional.empty());
    }

    /**
     * From the runner's start to the {@code date} its default directory is stamped with, at most: the stamp is
     * taken within seconds, but the start time the OS reports follows the clock's steps since boot (an NTP
     * correction), so the window is wide. Two runs started closer together than this are told apart only by
     * {@code --output}; within it the oldest runner is taken, as before.
     */
    static final Duration STAMP_AFTER_START = Duration.ofMinutes(10);

    /** How far the stamp may seem to precede the start: its whole-second resolution, plus a clock step. */
    static final Duration STAMP_BEFORE_START = Duration.ofMinutes(5);

    private static final Pattern STAMP = Pattern.compile("(?<!\\d)(\\d{8}_\\d{6})(?!\\d)");

    /** Upstream's flags that take a value (their value is never read as a flag). */
    private static final List<String> VALUE_FLAGS = List.of("-w", "--workers", "-h", "--hours", "-n",
            "--workflows-per-cycle", "-i", "--cycle-interval", "--slack-webhook");

    private RunnerOwnership() {
    }

    /**
     * Decides whether the process writes {@code runDir}.
     *
     * @param arguments  the process's arguments, the program first ({@code /proc/PID/cmdline}), if readable
     * @param workingDir its working directory, if readable
     * @param start      its start time, if the OS says
     * @param zone       its time zone ({@code TZ} from its environment, else the machine's), if known; asked only
     *                   when the process names no directory (loading the zone rules costs a cron check time)
     * @param runDir     the watched run's directory, absolute
     * @return the verdict
     */
    static Ownership of(Optional<List<String>> arguments, Optional<Path> workingDir, Optional<Instant> start,
            Supplier<Optional<ZoneId>> zone, Path runDir) {
        checkNotNull(runDir, "runDir");
        if (arguments.isEmpty()) {
            return Ownership.UNKNOWN;
        }
        Optional<List<String>> runnerArgs = runnerArguments(arguments.get());
        if (runnerArgs.isEmpty()) {
            return Ownership.UNKNOWN;
        }
        Optional<String> output = outputFlag(runnerArgs.get());
        if (output.isPresent()) {
            return named(output.get(), workingDir, runDir);
        }
        return stamped(start, zone.get(), runDir);
    }

    /** Where upstream's runner writes without {@code --output}: this, followed by its start stamp. */
    static final String DEFAULT_OUTPUT_PREFIX = "/tmp/shadow_simulation_";

    /**
     * The directory a runner writes, when its command line (and, for a relative {@code --output} or none, its
     * working directory or its start time and zone) tells: {@code --output DIR} made absolute, else upstream's default
     * {@code /tmp/shadow_simulation_<YYYYmmdd_HHMMSS>} stamped with its start in its zone.
     *
     * @param arguments  the process's arguments, the program first, if readable
     * @param workingDir its working directory, if readable
     * @param start      its start time, if the OS says
     * @param zone       its time zone, if known; asked only when it names no directory
     * @return the directory, normalised, or empty when it cannot be told
     */
    static Optional<Path> writes(Optional<List<String>> arguments, Optional<Path> workingDir, Optional<Instant> start,
            Supplier<Optional<ZoneId>> zone) {
        if (arguments.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<String>> runnerArgs = runnerArguments(arguments.get());
        if (runnerArgs.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> output = outputFlag(runnerArgs.get());
        if (output.isPresent()) {
            Path named;
            try {
                named = Path.of(output.get());
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
            if (!named.isAbsolute()) {
                if (workingDir.isEmpty()) {
                    return Optional.empty();
                }
                named = workingDir.get().resolve(named);
            }
            return Optional.of(named.normalize());
        }
        if (start.isEmpty()) {
            return Optional.empty();
        }
        Optional<ZoneId> z = zone.get();
        if (z.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(DEFAULT_OUTPUT_PREFIX + formatStamp(start.get().atZone(z.get()).toLocalDateTime())));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Upstream's runner script's file name. */
    static final String SCRIPT = "run_shadow_simulation.sh";

    /** The shells a runner script is run by ({@code bash script}, or the kernel's {@code #!/bin/bash} line). */
    private static final List<String> SHELLS = List.of("sh", "bash", "dash");

    /** The shells' options that take the next argument as their value. */
    private static final List<String> SHELL_VALUE_OPTIONS = List.of("-o", "+o", "-O", "+O", "--rcfile",
            "--init-file");

    /**
     * The arguments after the runner, when the process is one: a process that executes upstream's script, or this
     * suite's runner ({@code java ... shadow run ...}, which the launcher script execs); empty for anything else. A
     * process executes the script when
     * <ul>
     *   <li>its program ({@code argv[0]}) is the script ({@code run_shadow_simulation.sh} or a path ending in
     *       {@code /run_shadow_simulation.sh}), or</li>
     *   <li>its program is a shell ({@code sh}, {@code bash}, {@code dash}, with or without a path) and the first
     *       argument that is not an option (or an option's value) is the script, as the kernel starts a script from
     *       its {@code #!} line; with {@code -c} the shell runs a command string, not the script.</li>
     * </ul>
     * A process that only names the script ({@code tail -f .../run_shadow_simulation.sh}, a {@code pgrep -f} loop in
     * {@code bash -c}, an editor) is not a runner.
     *
     * @param arguments the process's arguments, the program first
     * @return the arguments after the script (or after {@code shadow run}), or empty when it is not a runner
     */
    static Optional<List<String>> runnerArguments(List<String> arguments) {
        if (arguments.isEmpty()) {
            return Optional.empty();
        }
        String program = arguments.get(0);
        if (isScript(program)) {
            return Optional.of(arguments.subList(1, arguments.size()));
        }
        String name = program.substring(program.lastIndexOf('/') + 1);
        if (SHELLS.contains(name)) {
            int operand = shellOperand(arguments);
            return operand > 0 && isScript(arguments.get(operand))
                    ? Optional.of(arguments.subList(operand + 1, arguments.size())) : Optional.empty();
        }
        if (name.equals("java")) {
            for (int i = 1; i + 1 < arguments.size(); i++) {
                if (arguments.get(i).equals("shadow") && arguments.get(i + 1).equals("run")) {
                    return Optional.of(arguments.subList(i + 2, arguments.size()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * True if the process shows it is a runner: by its arguments when they can be read, else by its command line
     * split at spaces (a platform without {@code /proc}; an argument with a space in it is then cut).
     *
     * @param arguments   the process's arguments, the program first, if readable
     * @param commandLine its command line, if the OS tells
     * @return whether it runs the runner
     */
    static boolean isRunner(Optional<List<String>> arguments, Optional<String> commandLine) {
        if (arguments.isPresent()) {
            return runnerArguments(arguments.get()).isPresent();
        }
        return commandLine.map(c -> runnerArguments(List.of(c.trim().split("\\s+"))).isPresent()).orElse(false);
    }

    private static boolean isScript(String argument) {
        return argument.equals(SCRIPT) || argument.endsWith("/" + SCRIPT);
    }

    /** The index of a shell's first operand (its script), or -1 when there is none or it runs {@code -c}. */
    private static int shellOperand(List<String> arguments) {
        for (int i = 1; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a.equals("--") || a.equals("-")) {
                return a.equals("--") && i + 1 < arguments.size() ? i + 1 : -1;
            }
            if (a.length() < 2 || (a.charAt(0) != '-' && a.charAt(0) != '+')) {
                return i;
            }
            if (!a.startsWith("--") && a.indexOf('c') > 0) {
                return -1; // -c: the operand is a command string
            }
            if (SHELL_VALUE_OPTIONS.contains(a) || (!a.startsWith("--") && (a.endsWith("o") || a.endsWith("O")))) {
                i++;
            }
        }
        return -1;
    }

    /** The last {@code --output DIR}, {@code -o DIR} or {@code --output=DIR}, skipping the other flags' values. */
    static Optional<String> outputFlag(List<String> args) {
        Optional<String> output = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-o") || a.equals("--output")) && i + 1 < args.size()) {
                output = Optional.of(args.get(++i));
            } else if (a.startsWith("--output=")) {
                output = Optional.of(a.substring("--output=".length()));
            } else if (a.startsWith("-o") && a.length() > 2) {
                output = Optional.of(a.substring(2)); // -oDIR, as this suite's runner also takes it
            } else if (VALUE_FLAGS.contains(a)) {
                i++;
            }
        }
        return output.filter(o -> !o.isEmpty());
    }

    private static Ownership named(String output, Optional<Path> workingDir, Path runDir) {
        Path named;
        try {
            named = Path.of(output);
        } catch (InvalidPathException e) {
            return Ownership.UNKNOWN;
        }
        if (!named.isAbsolute()) {
            if (workingDir.isEmpty()) {
                // where it writes is unknown, but not under another name
                Path name = named.normalize().getFileName();
                return name != null && !name.equals(runDir.getFileName())
                        ? new Ownership(Verdict.OTHER_RUN, Optional.of(output)) : Ownership.UNKNOWN;
            }
            named = workingDir.get().resolve(named);
        }
        named = named.normalize();
        Verdict verdict = named.equals(runDir.normalize()) || sameFile(named, runDir)
                ? Verdict.THIS_RUN : Verdict.OTHER_RUN;
        return new Ownership(verdict, Optional.of(named.toString()));
    }

    /**
     * The time zone a process stamps its directory in: its {@code TZ} (a region or offset id, with or without the
     * leading {@code :}), else the machine's. The machine's is this JVM's default only when this process has no
     * {@code TZ} of its own either (else the two may differ); a {@code TZ} in POSIX form is not known.
     *
     * @param processTz the process's {@code TZ}, if set
     * @param ownTz     this process's {@code TZ}, if set
     * @param machine   the JVM's default zone
     * @return the zone, if known
     */
    static Optional<ZoneId> zone(Optional<String> processTz, Optional<String> ownTz, ZoneId machine) {
        if (processTz.isPresent()) {
            String tz = processTz.get().startsWith(":") ? processTz.get().substring(1) : processTz.get();
            try {
                return Optional.of(ZoneId.of(tz));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        return ownTz.isPresent() ? Optional.empty() : Optional.of(machine);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (java.io.IOException | SecurityException e) {
            return false;
        }
    }

    private static Ownership stamped(Optional<Instant> start, Optional<ZoneId> zone, Path runDir) {
        Path name = runDir.getFileName();
        if (start.isEmpty() || zone.isEmpty() || name == null) {
            return Ownership.UNKNOWN;
        }
        Matcher m = STAMP.matcher(name.toString());
        if (!m.find()) {
            return Ownership.UNKNOWN;
        }
        Instant stamp;
        try {
            stamp = parseStamp(m.group(1)).atZone(zone.get()).toInstant();
        } catch (DateTimeException e) {
            return Ownership.UNKNOWN;
        }
        Duration afterStart = Duration.between(start.get(), stamp);
        boolean ours = afterStart.compareTo(STAMP_BEFORE_START.negated()) >= 0
                && afterStart.compareTo(STAMP_AFTER_START) <= 0;
        String writes;
        try {
            writes = "its default directory, stamped " + formatStamp(start.get().atZone(zone.get()).toLocalDateTime());
        } catch (DateTimeException e) {
            return Ownership.UNKNOWN;
        }
        return new Ownership(ours ? Verdict.THIS_RUN : Verdict.OTHER_RUN, Optional.of(writes));
    }

    /**
     * {@code YYYYmmdd_HHMMSS} (15 characters, digits checked by the caller's pattern) as a local date-time. Read by
     * hand, not with a {@code DateTimeFormatter}: a cron check would otherwise load the formatter's machinery for it.
     *
     * @throws DateTimeException if a field is out of range (month 13, hour 24)
     */
    static LocalDateTime parseStamp(String stamp) {
        return LocalDateTime.of(digits(stamp, 0, 4), digits(stamp, 4, 6), digits(stamp, 6, 8), digits(stamp, 9, 11),
                digits(stamp, 11, 13), digits(stamp, 13, 15));
    }

    /** The inverse of {@link #parseStamp}, as {@code date +%Y%m%d_%H%M%S} prints it (years 1000-9999). */
    static String formatStamp(LocalDateTime t) {
        StringBuilder out = new StringBuilder(15);
        pad(out, t.getYear(), 4);
        pad(out, t.getMonthValue(), 2);
        pad(out, t.getDayOfMonth(), 2);
        out.append('_');
        pad(out, t.getHour(), 2);
        pad(out, t.getMinute(), 2);
        pad(out, t.getSecond(), 2);
        return out.toString();
    }

    private static int digits(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }

    private static void pad(StringBuilder out, int value, int width) {
        String v = Integer.toString(value);
        for (int i = v.length(); i < width; i++) {
            out.append('0');
        }
        out.append(v);
    }
}
