/**
 * The emergency stop: the workflow kill switch, its audit trail and the check engines make before every step.
 *
 * <p>Two sides, two classes:
 * <ul>
 *   <li><b>Engines</b> use {@link io.aos.ops.core.emergency.EmergencyStop}, the stable API: build one with
 *       {@code EmergencyStop.forConfig(config)}, keep it, and call {@code isEngaged()} or {@code check()} before every
 *       step (a cached {@code stat}, cheap enough for that), or register a listener. {@code check()} throws
 *       {@link io.aos.ops.core.emergency.EmergencyStopEngagedException}, unchecked, with the
 *       {@link io.aos.ops.core.emergency.EmergencyStopStatus} that says who stopped workflows, when and why. The check
 *       fails closed: a flag path that cannot be checked reads as engaged.</li>
 *   <li><b>Operators and services that control the stop</b> use
 *       {@link io.aos.ops.core.emergency.EmergencyStopController}: {@code enable(reason)} and {@code disable(reason)}
 *       under a file lock, each returning an {@link io.aos.ops.core.emergency.EmergencyStopChange} and adding one
 *       {@link io.aos.ops.core.emergency.AuditEntry} to the audit log; {@code recentAudit(n)} reads it back. A path
 *       that cannot be used is a {@link io.aos.ops.core.BadInputException} naming it, and nothing is changed.</li>
 * </ul>
 * Both are thread-safe. Everything else in the package is package-private.
 *
 * <p>On disk: the flag file (its existence is the switch; it holds a JSON record of the first enable), an append-only
 * JSON Lines audit log that nothing here truncates, an environment file with
 * {@code WORKFLOW_EMERGENCY_STOP=true|false} for services started later, and a lock file beside the flag file.
 */
package io.aos.ops.core.emergency;
