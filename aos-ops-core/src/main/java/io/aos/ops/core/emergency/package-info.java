/**
 * The emergency stop: the workflow kill switch, its audit trail and the check engines make before every step.
 *
 * <p>Public API meant for services and engines: {@link io.aos.ops.core.emergency.EmergencyStop} (the check, the
 * listener, enable/disable), {@link io.aos.ops.core.emergency.EmergencyStopStatus},
 * {@link io.aos.ops.core.emergency.EmergencyStopEngagedException}, {@link io.aos.ops.core.emergency.EmergencyStopChange}
 * and {@link io.aos.ops.core.emergency.AuditEntry}. Everything else is package-private.
 *
 * <p>On disk: the flag file (its existence is the switch; it holds a JSON record of the first enable), an append-only
 * JSON Lines audit log that nothing here truncates, and an environment file with
 * {@code WORKFLOW_EMERGENCY_STOP=true|false} for services started later.
 */
package io.aos.ops.core.emergency;
