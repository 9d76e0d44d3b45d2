package io.aos.ops.monitor.health;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Whether the emergency stop is engaged, for the status line: its flag file ({@code AOS_EMERGENCY_STOP_FILE}) exists.
 * Read-only; the emergency stop itself (engage, release, audit) lives in aos-ops-core.
 */
final class EmergencyStopFlag implements BooleanSupplier {

    private final Path flag;

    private EmergencyStopFlag(Path flag) {
        this.flag = flag;
    }

    static EmergencyStopFlag forConfig(OpsConfig config) {
        return new EmergencyStopFlag(config.path(OpsSetting.EMERGENCY_STOP_FILE));
    }

    @Override
    public boolean getAsBoolean() {
        return Files.exists(flag);
    }
}
