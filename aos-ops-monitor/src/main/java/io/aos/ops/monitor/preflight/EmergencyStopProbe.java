package io.aos.ops.monitor.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.emergency.EmergencyStop;
import io.aos.ops.core.emergency.EmergencyStopStatus;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.probe.ProbeResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** The emergency stop must be released: a run started under it would pause at once. Engaged is CRITICAL. */
public final class EmergencyStopProbe implements PreflightProbe {

    private final EmergencyStop stop;

    public EmergencyStopProbe(EmergencyStop stop) {
        this.stop = checkNotNull(stop, "stop");
    }

    @Override
    public String name() {
        return "emergency_stop";
    }

    @Override
    public ProbeResult check() {
        EmergencyStopStatus status = stop.status();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("engaged", status.engaged());
        figures.put("flag_file", stop.flagFile().toString());
        if (status.engaged()) {
            return ProbeResult.of(name(), HealthStatus.CRITICAL, "Emergency stop: " + status.describe() + " ("
                    + advice(status) + ")", figures);
        }
        return ProbeResult.of(name(), HealthStatus.OK, "Emergency stop not engaged", figures);
    }

    /**
     * What releases the stop: {@code disable} removes a flag file, but it cannot remove what is not a flag file (a
     * FIFO, a directory, a path it may not read), nor change the variable in the environment this runs in; each is
     * said, and a variable still set beside a flag file too.
     */
    private String advice(EmergencyStopStatus status) {
        String unset = EmergencyStop.ENV_VAR + "=" + stop.environmentValue() + " is set in this shell's environment, "
                + "which 'aos-ops emergency-stop disable' does not change: run 'unset " + EmergencyStop.ENV_VAR
                + "' (or set it to false) and start again from this shell";
        return switch (status.source()) {
            case ENVIRONMENT -> unset;
            case UNREADABLE -> "'aos-ops emergency-stop disable' cannot release a flag path it cannot check: see what "
                    + "is at " + stop.flagFile() + " (ls -ld), and remove it by hand if it is not a stop someone "
                    + "meant (a FIFO, a directory), or fix its permissions"
                    + (stop.engagedByEnvironment() ? "; also, " + unset : "");
            case FLAG_FILE, NONE -> "release with 'aos-ops emergency-stop disable'"
                    + (stop.engagedByEnvironment() ? "; also, " + unset : "");
        };
    }
}
