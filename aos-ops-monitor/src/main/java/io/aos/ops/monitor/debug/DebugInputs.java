package io.aos.ops.monitor.debug;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.process.ProcessTable;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import io.aos.ops.monitor.discovery.RunSnapshot;
import io.aos.ops.monitor.discovery.WatchedRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * What every section reads, gathered once per console call: the monitor's snapshot of the run (process, status.json,
 * figures) and, when some section needs it, one scan of the log.
 */
final class DebugInputs {

    private final OpsConfig config;
    private final Clock clock;
    private final ProcessTable processes;
    private final RunSnapshot snapshot;
    private LogScan logScan;
    private String logProblem;
    private boolean logScanned;

    DebugInputs(OpsConfig config, Clock clock, ProcessTable processes, RunSnapshot snapshot) {
        this.config = checkNotNull(config, "config");
        this.clock = checkNotNull(clock, "clock");
        this.processes = checkNotNull(processes, "processes");
        this.snapshot = checkNotNull(snapshot, "snapshot");
    }

    OpsConfig config() {
        return config;
    }

    Clock clock() {
        return clock;
    }

    ProcessTable processes() {
        return processes;
    }

    RunSnapshot snapshot() {
        return snapshot;
    }

    WatchedRun run() {
        return snapshot.run();
    }

    Optional<ShadowRunLayout> layout() {
        return snapshot.run().layout();
    }

    Optional<Path> log() {
        return snapshot.run().log();
    }

    /** The log scanned once; empty when there is no log or it cannot be read ({@link #logProblem()} says why). */
    Optional<LogScan> logScan() {
        if (!logScanned) {
            logScanned = true;
            if (log().isPresent()) {
                try {
                    logScan = LogScan.of(log().get());
                } catch (IOException e) {
                    logProblem = UnreadableFileException.of(log().get(), e).getMessage();
                }
            }
        }
        return Optional.ofNullable(logScan);
    }

    Optional<String> logProblem() {
        logScan();
        return Optional.ofNullable(logProblem);
    }
}
