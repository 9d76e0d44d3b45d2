package io.aos.ops.monitor.discovery;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The shadow run a monitor watches: its output directory and its log, either of which may be unknown (an upstream
 * run started with its output elsewhere, or a run whose log has not been found).
 *
 * @param runDir the run's output directory ({@code /tmp/shadow_simulation_*}), if found
 * @param log    the run's log, if found
 */
public record WatchedRun(Optional<Path> runDir, Optional<Path> log) {

    public WatchedRun {
        checkNotNull(runDir, "runDir");
        checkNotNull(log, "log");
    }

    /** The layout of the run directory, if there is one. */
    public Optional<ShadowRunLayout> layout() {
        return runDir.map(ShadowRunLayout::of);
    }

    /** A one-line description for reports: {@code run /tmp/x, log /var/lib/aos/y.log}. */
    public String describe() {
        return "run " + runDir.map(Path::toString).orElse("(none found)") + ", log "
                + log.map(Path::toString).orElse("(none found)");
    }
}
