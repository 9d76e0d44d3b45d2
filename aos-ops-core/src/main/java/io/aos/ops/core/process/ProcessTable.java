package io.aos.ops.core.process;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Looks processes up the way a monitor must: a PID alone is a hint, never proof.
 *
 * <ul>
 *   <li>a PID with no recorded start time names a process that is {@link ProcessState#UNPROVEN}, not running: after a
 *       reboot or a crash the PID may belong to anything;</li>
 *   <li>a PID whose process started at another time than recorded is {@link ProcessState#RECYCLED}, not running;</li>
 *   <li>{@link #verify} is the check before a signal: the recorded start time must match the one the OS reports
 *       ({@code /proc/PID/stat}'s start time, through {@link ProcessHandle.Info#startInstant()}) AND the command line
 *       must be the expected one;</li>
 *   <li>a zombie (state {@code Z} in {@code /proc/PID/stat}) is not alive;</li>
 *   <li>a PID that names the caller or one of its ancestors is a reused PID (a PID file can never rightly name the
 *       monitor itself);</li>
 *   <li>a command-line search skips the caller, its ancestors and its descendants, so a monitor whose command line
 *       happens to contain the pattern (or a {@code sh -c} wrapper around it) never finds itself.</li>
 * </ul>
 *
 * <p>Never shells out to {@code pgrep}: it uses {@link ProcessHandle} and, on Linux, {@code /proc}. Thread-safe: it
 * holds no state but where {@code /proc} is.
 */
public final class ProcessTable {

    /**
     * {@link ProcessHandle.Info#startInstant()} is computed from the boot time and clock ticks, so two readings of the
     * same process may differ by a tick; a reused PID starts at least this much later in practice.
     */
    static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    private final Path procRoot;

    private ProcessTable(Path procRoot) {
        this.procRoot = procRoot;
    }

    /**
     * The table of this machine.
     *
     * @return the table, reading {@code /proc} where there is one
     */
    public static ProcessTable system() {
        return new ProcessTable(Path.of("/proc"));
    }

    /**
     * Looks up {@code pid} with no recorded start time: a live process under it is {@link ProcessState#UNPROVEN}
     * (never RUNNING); gone, a zombie or our own tree is NOT_RUNNING, ZOMBIE or RECYCLED.
     *
     * @param pid the PID
     * @return what was found
     */
    public ProcessStatus lookup(long pid) {
        return lookup(pid, Optional.empty());
    }

    /**
     * Looks up {@code pid}; when {@code expectedStart} is given, a process that started then is RUNNING and one that
     * started at another time RECYCLED; when it is not, a live process is UNPROVEN.
     *
     * @param pid           the PID
     * @param expectedStart the start time recorded for it, if any
     * @return what was found
     */
    public ProcessStatus lookup(long pid, Optional<Instant> expectedStart) {
        checkNotNull(expectedStart, "expectedStart");
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return ProcessStatus.notRunning(pid);
        }
        ProcessHandle process = handle.get();
        Optional<Instant> start = process.info().startInstant();
        Optional<String> commandLine = process.info().commandLine();
        if (isZombie(pid)) {
            return new ProcessStatus(pid, ProcessState.ZOMBIE, start, commandLine);
        }
        if (expectedStart.isPresent() && start.isPresent()) {
            // The recorded start time proves identity (or disproves it); only the caller itself is never the run.
            boolean same = sameStart(expectedStart.get(), start.get()) && pid != ProcessHandle.current().pid();
            return new ProcessStatus(pid, same ? ProcessState.RUNNING : ProcessState.RECYCLED, start, commandLine);
        }
        // A bare PID is only a hint: one that names the caller or its ancestors was reused; any other is unproven.
        if (selfAndAncestors().contains(pid)) {
            return new ProcessStatus(pid, ProcessState.RECYCLED, start, commandLine);
        }
        return new ProcessStatus(pid, ProcessState.UNPROVEN, start, commandLine);
    }

    /**
     * Looks up the process a PID file names, checking its recorded start time.
     *
     * @param pidFile the PID file's content
     * @return what was found
     */
    public ProcessStatus lookup(PidFile pidFile) {
        return lookup(pidFile.pid(), pidFile.startTime());
    }

    /**
     * Proves that the process a PID file names is ours, before anything signals it: RUNNING only when the file records
     * a start time, the process under the PID started then, and its command line is one {@code ours} accepts.
     * Otherwise NOT_RUNNING, ZOMBIE, RECYCLED (another start time, or our own tree), or UNPROVEN (no start time
     * recorded, or a command line that is not ours or cannot be read).
     *
     * @param recorded the PID file's content
     * @param ours     accepts the command lines of the process meant
     * @return RUNNING only when all of the above hold
     */
    public ProcessStatus verify(PidFile recorded, Predicate<String> ours) {
        checkNotNull(recorded, "recorded");
        checkNotNull(ours, "ours");
        ProcessStatus status = lookup(recorded);
        if (status.state() != ProcessState.RUNNING) {
            return status;
        }
        if (status.commandLine().filter(ours).isPresent()) {
            return status;
        }
        return new ProcessStatus(status.pid(), ProcessState.UNPROVEN, status.startTime(), status.commandLine());
    }

    /**
     * The oldest live, non-zombie process whose command line matches, outside the caller's own process tree. For runs
     * started by a tool that writes no PID file (upstream's bash runner).
     *
     * @param matches accepts the command lines looked for
     * @return the oldest such process, or empty
     */
    public Optional<ProcessStatus> findByCommandLine(Predicate<String> matches) {
        List<ProcessStatus> all = findAllByCommandLine(matches);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /**
     * Every live, non-zombie process whose command line matches, outside the caller's own process tree, oldest first
     * (a process whose start time the OS does not tell comes last; equal start times by PID).
     *
     * @param matches accepts the command lines looked for
     * @return the processes, each {@link ProcessState#RUNNING}
     */
    public List<ProcessStatus> findAllByCommandLine(Predicate<String> matches) {
        checkNotNull(matches, "matches");
        // One walk of the process table: each process's command line is read once, and the caller's own tree is
        // worked out only for the few that match (its ancestors once; a match is a descendant if its parent chain
        // reaches the caller), instead of walking every process a second time for the caller's descendants.
        ProcessHandle self = ProcessHandle.current();
        Set<Long> ancestors = null;
        List<ProcessStatus> found = new ArrayList<>();
        for (var it = ProcessHandle.allProcesses().iterator(); it.hasNext(); ) {
            ProcessHandle p = it.next();
            ProcessHandle.Info info = p.info();
            Optional<String> commandLine = info.commandLine();
            if (commandLine.filter(matches).isEmpty()) {
                continue;
            }
            if (ancestors == null) {
                ancestors = selfAndAncestors();
            }
            if (ancestors.contains(p.pid()) || isDescendantOf(p, self) || !p.isAlive() || isZombie(p.pid())) {
                continue;
            }
            found.add(new ProcessStatus(p.pid(), ProcessState.RUNNING, info.startInstant(), commandLine));
        }
        if (found.size() > 1) {
            found.sort(OLDEST_FIRST);
        }
        return found;
    }

    /**
     * Oldest first, a process without a start time last, equal starts by PID. A class, not {@code Comparator.comparing}
     * lambdas: every cold {@code cron-check} and {@code status} looks for upstream's runner, and bootstrapping the
     * lambdas cost more than the sort.
     */
    static final Comparator<ProcessStatus> OLDEST_FIRST = new Comparator<>() {
        @Override
        public int compare(ProcessStatus a, ProcessStatus b) {
            int byStart = a.startTime().orElse(Instant.MAX).compareTo(b.startTime().orElse(Instant.MAX));
            return byStart != 0 ? byStart : Long.compare(a.pid(), b.pid());
        }
    };

    /**
     * A process's arguments as {@code /proc/PID/cmdline} holds them (the program first), which, unlike a command line
     * joined with spaces, keeps an argument with a space in it whole.
     *
     * @param pid the PID
     * @return the arguments, empty if the process is gone, not readable, or the OS has no {@code /proc}
     */
    public Optional<List<String>> arguments(long pid) {
        // empty for a kernel thread or a zombie, whose cmdline is empty
        return procFile(pid, "cmdline").filter(raw -> raw.length > 0).map(raw -> List.copyOf(nulSeparated(raw)));
    }

    /**
     * A process's working directory ({@code /proc/PID/cwd}).
     *
     * @param pid the PID
     * @return the directory, empty if the process is gone or is another user's
     */
    public Optional<Path> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(procRoot.resolve(Long.toString(pid)).resolve("cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * The environment a process started with ({@code /proc/PID/environ}).
     *
     * @param pid the PID
     * @return its variables; empty if the process is gone or is another user's (unreadable, which is not the same as
     *         a variable being unset)
     */
    public Optional<Map<String, String>> environment(long pid) {
        return procFile(pid, "environ").map(raw -> {
            Map<String, String> env = new HashMap<>();
            for (String entry : nulSeparated(raw)) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            return env;
        });
    }

    /** {@code /proc/PID/NAME}'s bytes; empty if the process is gone or the file is another user's. */
    private Optional<byte[]> procFile(long pid, String name) {
        try {
            return Optional.of(Files.readAllBytes(procRoot.resolve(Long.toString(pid)).resolve(name)));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * The strings of a {@code /proc} file that ends each with a NUL ({@code cmdline}, {@code environ}): an empty
     * string between two NULs is kept, the NUL at the end makes none, and a last string without one is kept.
     */
    private static List<String> nulSeparated(byte[] raw) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length ? i > from : raw[i] == 0) {
                out.add(new String(raw, from, i - from, StandardCharsets.UTF_8));
                from = i + 1;
            }
        }
        return out;
    }

    /** True if {@code ancestor} is on {@code p}'s parent chain (the chain is bounded: PIDs are, and so is this). */
    private static boolean isDescendantOf(ProcessHandle p, ProcessHandle ancestor) {
        Optional<ProcessHandle> parent = p.parent();
        for (int depth = 0; parent.isPresent() && depth < 4096; depth++) {
            if (parent.get().pid() == ancestor.pid()) {
                return true;
            }
            parent = parent.get().parent();
        }
        return false;
    }

    /**
     * True if the two start times are the same within the tolerance of the OS's reading.
     *
     * @param recorded the start time recorded
     * @param actual   the start time the OS reports now
     * @return whether they are the same process's
     */
    public static boolean sameStart(Instant recorded, Instant actual) {
        return Duration.between(recorded, actual).abs().compareTo(START_TOLERANCE) <= 0;
    }

    /** The current process and its ancestors. */
    static Set<Long> selfAndAncestors() {
        ProcessHandle self = ProcessHandle.current();
        Set<Long> tree = new HashSet<>();
        tree.add(self.pid());
        Optional<ProcessHandle> parent = self.parent();
        while (parent.isPresent()) {
            tree.add(parent.get().pid());
            parent = parent.get().parent();
        }
        return tree;
    }

    /**
     * Reads the state field of {@code /proc/PID/stat}. It follows the command name in parentheses, which may itself
     * contain spaces and parentheses, so it is read after the last ')'. Without /proc, nothing is a zombie.
     */
    boolean isZombie(long pid) {
        Path stat = procRoot.resolve(Long.toString(pid)).resolve("stat");
        try {
            String text = Files.readString(stat, StandardCharsets.US_ASCII);
            int close = text.lastIndexOf(')');
            if (close < 0 || close + 2 >= text.length()) {
                return false;
            }
            char state = text.charAt(close + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
