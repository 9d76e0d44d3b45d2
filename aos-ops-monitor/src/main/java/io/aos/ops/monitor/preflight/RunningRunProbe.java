package io.aos.ops.monitor.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.discovery.RunSnapshot;
import io.aos.ops.monitor.discovery.RunSnapshotReader;
import io.aos.ops.monitor.discovery.WatchedRun;
import io.aos.ops.monitor.probe.ProbeResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * No shadow run may be going already: the newest run (found as every monitoring command finds it) must not have a
 * live process that has not ended. A second run would share the workers and double the load. Going is CRITICAL.
 */
public final class RunningRunProbe implements PreflightProbe {

    private final Supplier<WatchedRun> discovery;
    private final java.util.function.Function<WatchedRun, RunSnapshotReader> observers;

    public RunningRunProbe(Supplier<WatchedRun> discovery,
                           java.util.function.Function<WatchedRun, RunSnapshotReader> observers) {
        this.discovery = checkNotNull(discovery, "discovery");
        this.observers = checkNotNull(observers, "observers");
    }

    @Override
    public String name() {
        return "shadow_run";
    }

    @Override
    public ProbeResult check() {
        WatchedRun run = discovery.get();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("run_dir", run.runDir().map(Object::toString).orElse(null));
        if (run.runDir().isEmpty() && run.log().isEmpty()) {
            return ProbeResult.of(name(), HealthStatus.OK, "No shadow run found running", figures);
        }
        RunSnapshotReader observer = observers.apply(run);
        RunSnapshot snapshot;
        try {
            snapshot = observer.observe();
        } finally {
            observer.close();
        }
        String where = run.runDir().or(run::log).map(Object::toString).orElse("?");
        if (snapshot.process().filter(p -> p.isAlive()).isPresent() && !snapshot.ended()) {
            long pid = snapshot.process().get().pid();
            figures.put("pid", pid);
            return ProbeResult.of(name(), HealthStatus.CRITICAL, "A shadow run is already going: PID " + pid + " ("
                    + where + ")", figures);
        }
        return ProbeResult.of(name(), HealthStatus.OK, "No shadow run going (newest: " + where + ")", figures);
    }
}
