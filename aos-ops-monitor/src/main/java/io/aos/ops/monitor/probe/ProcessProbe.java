package io.aos.ops.monitor.probe;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.process.ProcessState;
import io.aos.ops.core.process.ProcessStatus;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.aos.ops.monitor.discovery.ProcessSource;
import io.aos.ops.monitor.discovery.RunSnapshot;
import io.aos.ops.monitor.log.LogEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Is the run's process alive? UNKNOWN when the file that names it ({@code status.json}, else {@code shadow.pid})
 * exists but cannot be read and no runner is found otherwise: such a run is not called dead. CRITICAL when it is not
 * alive, unless the run says it ended: a run whose {@code status.json}
 * says completed (or whose upstream log shows the PASSED verdict) is COMPLETED, not dead; a failed run is CRITICAL;
 * a run stopped by a signal, or paused by the emergency stop, is a WARNING.
 */
public final class ProcessProbe implements Probe {

    /** The figure that marks a run that reached its end cleanly. */
    public static final String COMPLETED = "completed";

    private final Clock clock;

    public ProcessProbe(Clock clock) {
        this.clock = checkNotNull(clock, "clock");
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public ProbeResult check(RunSnapshot snapshot) {
        Map<String, Object> figures = new LinkedHashMap<>();
        Optional<ProcessStatus> process = snapshot.process();
        process.ifPresent(p -> {
            figures.put("pid", p.pid());
            figures.put("state", p.state().name());
            p.elapsed(clock).ifPresent(e -> figures.put("elapsed_seconds", e.getSeconds()));
        });
        figures.put("source", snapshot.processSource().name().toLowerCase());
        Optional<RunState> state = snapshot.state();
        state.ifPresent(s -> figures.put("run_state", s.json()));
        figures.put(COMPLETED, false);

        if (state.isPresent() && state.get().isFinal()) {
            return ended(state.get(), snapshot.status().map(ShadowRunStatus::message).orElse(null), figures);
        }
        if (state.isEmpty() && snapshot.logFinish().isPresent()) {
            LogEvent.Finished finish = snapshot.logFinish().get();
            return ended(finish.passed() ? RunState.COMPLETED : RunState.FAILED,
                    finish.passed() ? "the log shows the run passed" : "the log shows the run FAILED", figures);
        }
        if (state.isEmpty() && snapshot.logShutdown() && process.map(p -> !p.isAlive()).orElse(true)) {
            return ended(RunState.STOPPED, "the log shows a shutdown by signal", figures);
        }
        if (process.isPresent() && process.get().state() == ProcessState.UNPROVEN) {
            return ProbeResult.of(name(), HealthStatus.UNKNOWN,
                    "Shadow process NOT PROVEN (" + snapshot.notProven().orElse("PID " + process.get().pid()
                            + from(snapshot) + " is not proven to be this run's runner") + ")", figures)
                    .withCondition("unproven");
        }
        Optional<String> unreadable = snapshot.statusProblem().or(snapshot::pidFileProblem);
        if (unreadable.isPresent() && snapshot.processSource() == ProcessSource.COMMAND_LINE
                && process.map(p -> !p.isAlive()).orElse(true)) {
            // The file that names the process exists but cannot be read: whether the run lives cannot be told.
            return ProbeResult.of(name(), HealthStatus.UNKNOWN, "Shadow process UNKNOWN (" + unreadable.get() + ")",
                    figures).withCondition("unreadable");
        }
        if (process.isEmpty() || !process.get().isAlive()) {
            return ProbeResult.of(name(), HealthStatus.CRITICAL,
                    "Shadow process NOT RUNNING (" + whyNotRunning(snapshot) + ")", figures).withCondition("dead");
        }
        ProcessStatus alive = process.get();
        String elapsed = alive.elapsed(clock).map(ProcessStatus::formatElapsed).map(e -> ", elapsed " + e).orElse("");
        if (state.isPresent() && state.get() == RunState.PAUSED) {
            return ProbeResult.of(name(), HealthStatus.WARNING,
                    "Shadow run PAUSED by the emergency stop (PID " + alive.pid() + elapsed + ")", figures)
                    .withCondition("paused");
        }
        return ProbeResult.of(name(), HealthStatus.OK, "Shadow process running (PID " + alive.pid() + elapsed + ")",
                figures).withCondition("running");
    }

    private ProbeResult ended(RunState state, String note, Map<String, Object> figures) {
        String suffix = note == null || note.isBlank() ? "" : ": " + note;
        return switch (state) {
            case COMPLETED -> {
                figures.put(COMPLETED, true);
                yield ProbeResult.of(name(), HealthStatus.OK, "Shadow run COMPLETED" + suffix, figures)
                        .withCondition("completed");
            }
            case STOPPED -> ProbeResult.of(name(), HealthStatus.WARNING,
                    "Shadow run STOPPED before its end" + suffix, figures).withCondition("stopped");
            default -> ProbeResult.of(name(), HealthStatus.CRITICAL, "Shadow run FAILED" + suffix, figures)
                    .withCondition("failed");
        };
    }

    private static String from(RunSnapshot snapshot) {
        return switch (snapshot.processSource()) {
            case STATUS_JSON -> " from status.json";
            case PID_FILE -> " from shadow.pid";
            default -> "";
        };
    }

    private static String whyNotRunning(RunSnapshot snapshot) {
        Optional<ProcessStatus> process = snapshot.process();
        if (process.isEmpty()) {
            if (snapshot.processSource() != ProcessSource.COMMAND_LINE) {
                return "no process recorded";
            }
            return snapshot.otherRunners().isEmpty()
                    ? "no status.json, no PID file and no run_shadow_simulation process"
                    : "no status.json, no PID file and no run_shadow_simulation process of this run; other runs' "
                            + "runners: " + String.join("; ", snapshot.otherRunners());
        }
        ProcessStatus p = process.get();
        String from = from(snapshot);
        if (p.state() == ProcessState.RECYCLED) {
            return "PID " + p.pid() + from + " now belongs to another process";
        }
        if (p.state() == ProcessState.ZOMBIE) {
            return "PID " + p.pid() + from + " has exited and is a zombie";
        }
        String died = snapshot.state().filter(s -> !s.isFinal()).isPresent()
                ? " died without recording an end" : " is gone";
        return "PID " + p.pid() + from + died;
    }
}
