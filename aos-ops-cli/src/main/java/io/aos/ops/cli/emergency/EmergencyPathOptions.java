package io.aos.ops.cli.emergency;

import io.aos.ops.core.config.OpsConfig;
import io.aos.ops.core.config.OpsSetting;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The emergency stop's three paths, each overriding its environment variable and the state-directory default. */
final class EmergencyPathOptions {

    @Option(names = "--stop-file", paramLabel = "FILE",
            description = "Flag file (default: $AOS_EMERGENCY_STOP_FILE, else <state-dir>/.workflow_emergency_stop).")
    Path stopFile;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Append-only audit log (default: $AOS_EMERGENCY_AUDIT_LOG, "
                    + "else <state-dir>/emergency_stop_audit.log).")
    Path auditLog;

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Environment file for systemd/docker (default: $AOS_EMERGENCY_ENV_FILE, "
                    + "else <state-dir>/emergency_stop.env).")
    Path envFile;

    OpsConfig applyTo(OpsConfig config) {
        return config.with(OpsSetting.EMERGENCY_STOP_FILE, stopFile)
                .with(OpsSetting.EMERGENCY_AUDIT_LOG, auditLog)
                .with(OpsSetting.EMERGENCY_ENV_FILE, envFile);
    }
}
