package io.aos.ops.monitor.debug;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.util.concurrent.MoreExecutors;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.monitor.discovery.RunLocator;
import io.aos.ops.monitor.discovery.RunSnapshotReader;
import io.aos.ops.monitor.discovery.WatchedRun;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The debug console an operator opens during an incident ({@code aos-ops debug}, the runbook's
 * {@code shadow_debug.sh}). It finds the run as the monitor does ({@code --run-dir}, {@code --log}, else the newest
 * {@code /tmp/shadow_simulation_*}), observes it once, and builds the sections asked for. Works on runs of this suite's
 * runner ({@code status.json}, reports with root causes) and on upstream's (no {@code status.json}, upstream log lines);
 * each section lists what it could not read instead of failing.
 *
 * <pre>{@code
 * DebugReport report = DebugConsole.create(config, Optional.of(runDir), Optional.empty(), clock).full();
 * System.out.print(report.render(false));
 * }</pre>
 */
public final class DebugConsole {

    /** The sections of {@link #full()}, in the runbook's order. */
    public enum Section {
        PROCESS(ProcessSection::of),
        CYCLES(CycleSection::of),
        MISMATCHES(MismatchSection::of),
        GOLDEN(GoldenSection::of),
        RESOURCES(ResourceSection::of),
        LOG(LogSection::of);

        private final Function<DebugInputs, DebugSection> build;

        Section(Function<DebugInputs, DebugSection> build) {
            this.build = build;
        }
    }

    private final DebugInputs inputs;

    private DebugConsole(DebugInputs inputs) {
        this.inputs = inputs;
    }

    /**
     * A console on the run the flags name, else the newest one. Throws a bad-input error naming where it looked when
     * neither a run directory nor a log can be found.
     */
    public static DebugConsole create(OpsConfig config, Optional<Path> runDir, Optional<Path> log, Clock clock) {
        checkNotNull(config, "config");
        WatchedRun run = RunLocator.forConfig(config).discover(runDir, log);
        if (run.runDir().isEmpty() && run.log().isEmpty()) {
            throw new BadInputException(Path.of(config.get(OpsSetting.SHADOW_RUN_GLOB)),
                    "no shadow run matches, and no log matches " + config.get(OpsSetting.SHADOW_LOG_GLOB)
                            + "; give --run-dir DIR or --log FILE");
        }
        return create(config, run, clock, ProcessTable.system(), RunSnapshotReader.UPSTREAM_RUNNER);
    }

    /** A console on {@code run}, with the process table and upstream-runner match given (for tests and services). */
    public static DebugConsole create(OpsConfig config, WatchedRun run, Clock clock, ProcessTable processes,
                                      Predicate<String> upstreamRunner) {
        checkNotNull(config, "config");
        checkNotNull(run, "run");
        checkNotNull(clock, "clock");
        // a runner that writes outside the run glob is another run's, as cron-check and status say
        RunSnapshotReader observer = new RunSnapshotReader(run, clock, processes, upstreamRunner,
                MoreExecutors.directExecutor(), RunLocator.forConfig(config).runDirectories());
        return new DebugConsole(new DebugInputs(config, clock, processes, observer.observe()));
    }

    public WatchedRun run() {
        return inputs.run();
    }

    /** All six sections, in order: process, cycles, mismatches, golden, resources, log. */
    public DebugReport full() {
        return report(Section.values());
    }

    /** The sections named, in the order given. */
    public DebugReport report(Section... sections) {
        return new DebugReport(inputs.clock().instant(), inputs.run(),
                Arrays.stream(sections).map(s -> s.build.apply(inputs)).toList());
    }

    /** The last {@code n} lines of the run log. */
    public DebugReport tail(int n) {
        checkArgument(n >= 0, "the number of lines must not be negative, got %s", n);
        return new DebugReport(inputs.clock().instant(), inputs.run(), List.of(TailSection.of(inputs, n)));
    }
}
