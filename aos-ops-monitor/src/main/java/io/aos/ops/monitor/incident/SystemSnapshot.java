package io.aos.ops.monitor.incident;

import io.aos.ops.core.io.RegularFile;
import io.aos.ops.core.process.ProcessStatus;
import io.aos.ops.core.text.ByteSizes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The machine at the moment of the capture, as text for a person: the run's processes with their kernel state and,
 * where readable, their kernel stack (the runbook's "Shadow Process Stuck" check, {@code cat /proc/PID/stack}), and the
 * filesystems holding the run, state and reports ({@code df}). Memory and load are copied from {@code /proc} as they
 * are. Everything is read through {@code /proc} and {@link ProcessHandle}: nothing is shelled out.
 */
final class SystemSnapshot {

    /** A kernel stack is a few dozen lines; a wchan one word. */
    private static final long MAX_PROC_BYTES = 64 * 1024;

    /** One process to show, and why it is of interest. */
    record Process(long pid, String role) {
    }

    private final Path procRoot;

    SystemSnapshot(Path procRoot) {
        this.procRoot = procRoot;
    }

    /**
     * The processes of the run: the runner the run's state names (its {@code status.json} or {@code shadow.pid}, or
     * upstream's runner found by its command line), its descendants, and the monitor daemon of its PID file. Other
     * shadow runners on the machine are not this run's and are left out.
     */
    static List<Process> processesOfTheRun(Optional<ProcessStatus> runner, Optional<ProcessStatus> monitor) {
        Map<Long, Process> found = new LinkedHashMap<>();
        runner.filter(ProcessStatus::isAlive).ifPresent(r -> {
            found.put(r.pid(), new Process(r.pid(), "shadow runner"));
            ProcessHandle.of(r.pid()).ifPresent(h -> h.descendants().forEach(
                    d -> found.putIfAbsent(d.pid(), new Process(d.pid(), "child of the shadow runner"))));
        });
        monitor.filter(ProcessStatus::isAlive).ifPresent(
                m -> found.putIfAbsent(m.pid(), new Process(m.pid(), "monitor daemon (from its PID file)")));
        return List.copyOf(found.values());
    }

    /** {@code processes.txt}: for each process its state, start, command line, wait channel and kernel stack. */
    String processes(List<Process> processes, Optional<ProcessStatus> runner, Instant now) {
        StringBuilder sb = new StringBuilder();
        sb.append("Processes of the shadow run at ").append(now).append('\n');
        runner.filter(r -> !r.isAlive()).ifPresent(r -> sb.append("\nThe run's recorded runner, PID ")
                .append(r.pid()).append(", is not running (").append(r.state()).append(").\n"));
        if (runner.isEmpty()) {
            sb.append("\nNo runner process is named by the run's state or found by its command line.\n");
        }
        if (processes.isEmpty()) {
            sb.append("\nNo process of the run is alive (runner, its children, monitor daemon).\n");
            return sb.toString();
        }
        for (Process p : processes) {
            Optional<ProcessHandle> handle = ProcessHandle.of(p.pid());
            sb.append("\nPID ").append(p.pid()).append(": ").append(p.role()).append('\n');
            sb.append("  state:        ").append(state(p.pid())).append('\n');
            handle.flatMap(h -> h.info().startInstant())
                    .ifPresent(start -> sb.append("  started:      ").append(start).append('\n'));
            sb.append("  command line: ").append(handle.flatMap(h -> h.info().commandLine())
                    .orElse("(not readable)")).append('\n');
            sb.append("  wait channel: ").append(read(p.pid(), "wchan").strip()).append('\n');
            sb.append("  kernel stack (/proc/").append(p.pid()).append("/stack):\n");
            String stack = read(p.pid(), "stack");
            if (stack.isBlank()) {
                sb.append("    (empty: the kernel shows no stack here)\n");
            } else {
                stack.lines().forEach(line -> sb.append("    ").append(line).append('\n'));
            }
        }
        return sb.toString();
    }

    /**
     * The state letter of {@code /proc/PID/stat} in words; {@code D} (uninterruptible sleep, usually blocking I/O)
     * for long is what a stuck run looks like.
     */
    String state(long pid) {
        String stat = read(pid, "stat");
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return stat.strip();
        }
        char c = stat.charAt(close + 2);
        String words = switch (c) {
            case 'R' -> "running";
            case 'S' -> "sleeping (interruptible)";
            case 'D' -> "waiting in uninterruptible sleep (usually blocking I/O): a run stuck here is stuck in the "
                    + "kernel";
            case 'Z' -> "zombie (exited, not reaped)";
            case 'T' -> "stopped (by a signal)";
            case 't' -> "stopped by a debugger";
            case 'X' -> "dead";
            case 'I' -> "idle";
            default -> "unknown";
        };
        return c + " (" + words + ")";
    }

    /** The text of {@code /proc/PID/<name>}, or why it cannot be read. */
    String read(long pid, String name) {
        Path file = procRoot.resolve(Long.toString(pid)).resolve(name);
        try {
            return RegularFile.readString(file, MAX_PROC_BYTES);
        } catch (IOException e) {
            return "(not readable: " + BundleWriter.reason(e) + ")";
        }
    }

    /** {@code df.txt}: each filesystem holding one of {@code paths}, used as {@code df} computes Use%. */
    static String df(Map<String, Path> paths) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-28s %12s %12s %12s %5s  %s%n", "Filesystem", "Size", "Used",
                "Avail", "Use%", "Holds"));
        Map<String, List<String>> holds = new LinkedHashMap<>();
        Map<String, FileStore> stores = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        paths.forEach((what, path) -> {
            Path existing = path.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            try {
                if (existing == null) {
                    throw new IOException("no part of it exists");
                }
                FileStore store = Files.getFileStore(existing);
                String key = store.name() + " " + store;
                stores.putIfAbsent(key, store);
                holds.computeIfAbsent(key, k -> new ArrayList<>()).add(what + " " + path);
            } catch (IOException e) {
                missing.add(what + " " + path + ": " + BundleWriter.reason(e));
            }
        });
        stores.forEach((key, store) -> {
            try {
                long total = store.getTotalSpace();
                long free = store.getUnallocatedSpace();
                long available = store.getUsableSpace();
                long used = total - free;
                long percent = used + available <= 0 ? 0 : (used * 100 + used + available - 1) / (used + available);
                sb.append(String.format(Locale.ROOT, "%-28s %12s %12s %12s %4d%%  %s%n", store.name(),
                        ByteSizes.oneDecimal(total), ByteSizes.oneDecimal(used), ByteSizes.oneDecimal(available),
                        percent, String.join(", ", holds.get(key))));
            } catch (IOException e) {
                sb.append(store.name()).append(": cannot be measured: ").append(BundleWriter.reason(e)).append('\n');
            }
        });
        missing.forEach(m -> sb.append(m).append('\n'));
        return sb.toString();
    }

}
