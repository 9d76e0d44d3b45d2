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
            return ProbeResult.of(name(), HealthStatus.CRITICAL, "Emergency stop: " + status.describe()
                    + " (release with 'aos-ops emergency-stop disable')", figures);
        }
        return ProbeResult.of(name(), HealthStatus.OK, "Emergency stop not engaged", figures);
    }
}
