package io.aos.ops.monitor.debug;

import io.aos.ops.core.process.ProcessStatus;
import io.aos.ops.monitor.discovery.ProcessSource;
import io.aos.ops.monitor.discovery.RunSnapshot;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Section 1: the run's process: PID and where it came from, state, elapsed time, command line, child processes, and
 * the files it holds open (from {@code /proc/<pid>/fd}, where there is a {@code /proc} and we may read it).
 */
final class ProcessSection implements DebugSection {

    /** Open files listed at most; the count is always complete. */
    static final int OPEN_FILES_SHOWN = 30;

    record Child(long pid, String commandLine) {
    }

    private final Optional<ProcessStatus> process;
    private final ProcessSource source;
    private final List<String> otherRunners;
    private final Optional<Duration> elapsed;
    private final Optional<String> runState;
    private final List<Child> children = new ArrayList<>();
    private final List<String> openFiles = new ArrayList<>();
    private long openFileCount = -1;
    private final List<String> unreadable = new ArrayList<>();
    private final String verdict;

    private ProcessSection(DebugInputs in, Path procRoot) {
        RunSnapshot s = in.snapshot();
        this.process = s.process();
        this.source = s.processSource();
        this.otherRunners = s.otherRunners();
        this.elapsed = process.flatMap(p -> p.elapsed(in.clock()));
        this.runState = s.state().map(st -> st.json());
        if (process.isPresent() && process.get().isAlive()) {
            long pid = process.get().pid();
            ProcessHandle.of(pid).ifPresent(h -> h.children().forEach(c -> children.add(
                    new Child(c.pid(), c.info().commandLine().orElse("(command line not readable)")))));
            readOpenFiles(procRoot.resolve(Long.toString(pid)).resolve("fd"));
            verdict = "running";
        } else if (process.isPresent() && s.ended()) {
            verdict = "not running: the run has ended" + runState.map(r -> " (" + r + ")").orElse("");
        } else if (process.isPresent()) {
            verdict = switch (process.get().state()) {
                case RECYCLED -> "PID " + process.get().pid() + " now belongs to another process: the run is gone";
                case ZOMBIE -> "exited, waiting to be reaped (zombie)";
                case UNPROVEN -> "NOT PROVEN: " + s.notProven().orElse("PID " + process.get().pid()
                        + " is not proven to be a shadow runner of this run");
                default -> "NOT RUNNING, and the run did not record an end: it died or was killed";
            };
        } else {
            verdict = s.ended() ? "no process: the run has ended" + runState.map(r -> " (" + r + ")").orElse("")
                    : s.otherRunners().isEmpty()
                    ? "no process found: no status.json or shadow.pid names one, and no run_shadow_simulation.sh "
                            + "is running"
                    : "no process found: no status.json or shadow.pid names one, and the run_shadow_simulation.sh "
                            + "running is another run's (" + String.join("; ", s.otherRunners()) + ")";
        }
    }

    static ProcessSection of(DebugInputs in) {
        return new ProcessSection(in, Path.of("/proc"));
    }

    private void readOpenFiles(Path fdDir) {
        if (!Files.isDirectory(fdDir)) {
            unreadable.add(fdDir + ": not available (no /proc on this system): open files unknown");
            return;
        }
        long count = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (NoSuchFileException e) {
                    continue; // closed while listing
                } catch (IOException e) {
                    continue;
                }
                // Sockets, pipes and anonymous inodes, and the JVM's own jars and libraries, say nothing about the run.
                if (!target.startsWith("/") || target.startsWith("/dev/") || target.startsWith("/proc/")
                        || target.endsWith(".jar") || target.endsWith(".so") || target.contains("/jvm/")) {
                    count++;
                    continue;
                }
                count++;
                if (openFiles.size() < OPEN_FILES_SHOWN) {
                    openFiles.add(target);
                }
            }
            openFileCount = count;
        } catch (IOException e) {
            unreadable.add(fdDir + ": cannot be read (" + e.getMessage() + "): open files unknown; run as the "
                    + "run's user or root");
        }
        openFiles.sort(null);
    }

    @Override
    public String key() {
        return "process";
    }

    @Override
    public String title() {
        return "Process information";
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pid", process.map(ProcessStatus::pid).orElse(null));
        json.put("pid_source", source.name().toLowerCase(Locale.ROOT));
        json.put("state", process.map(p -> p.state().name().toLowerCase(Locale.ROOT)).orElse(null));
        json.put("run_state", runState.orElse(null));
        json.put("verdict", verdict);
        json.put("started_at", process.flatMap(ProcessStatus::startTime).map(Object::toString).orElse(null));
        json.put("elapsed_seconds", elapsed.map(Duration::getSeconds).orElse(null));
        json.put("command_line", process.flatMap(ProcessStatus::commandLine).orElse(null));
        json.put("other_runs_runners", otherRunners);
        List<Map<String, Object>> kids = new ArrayList<>();
        for (Child c : children) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("pid", c.pid());
            k.put("command_line", c.commandLine());
            kids.add(k);
        }
        json.put("children", kids);
        json.put("open_file_count", openFileCount < 0 ? null : openFileCount);
        json.put("open_files", openFiles);
        json.put("unreadable", unreadable);
        return json;
    }

    @Override
    public void render(StringBuilder out) {
        if (process.isEmpty()) {
            out.append("  Process:     ").append(verdict).append('\n');
            return;
        }
        ProcessStatus p = process.get();
        out.append("  PID:         ").append(p.pid()).append("  (from ").append(describe(source)).append(")\n");
        out.append("  State:       ").append(verdict).append('\n');
        runState.ifPresent(r -> out.append("  Run state:   ").append(r).append(" (status.json)\n"));
        elapsed.ifPresent(e -> out.append("  Elapsed:     ").append(ProcessStatus.formatElapsed(e)).append('\n'));
        p.commandLine().ifPresent(c -> out.append("  Command:     ").append(c).append('\n'));
        if (!p.isAlive()) {
            return;
        }
        out.append("  Children:    ").append(children.isEmpty() ? "none" : children.size()).append('\n');
        for (Child c : children) {
            out.append("    ").append(c.pid()).append("  ").append(c.commandLine()).append('\n');
        }
        if (openFileCount >= 0) {
            out.append("  Open files:  ").append(openFileCount).append(" descriptors");
            out.append(openFiles.isEmpty() ? ", no regular files of note\n" : "; files:\n");
            for (String f : openFiles) {
                out.append("    ").append(f).append('\n');
            }
        }
    }

    private static String describe(ProcessSource source) {
        return switch (source) {
            case STATUS_JSON -> "status.json";
            case PID_FILE -> "shadow.pid";
            case COMMAND_LINE -> "command line match of run_shadow_simulation.sh";
            case NONE -> "nowhere";
        };
    }

    @Override
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }
}
