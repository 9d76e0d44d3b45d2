/**
 * Health results and exit codes: {@link io.aos.ops.core.health.HealthStatus} (OK, WARNING, UNKNOWN, CRITICAL, the
 * worst wins) and {@link io.aos.ops.core.health.ExitMode} (the suite's 0/1/2 convention and the Monitoring Plugins'
 * 0/1/2/3 one). Enums: immutable and thread-safe.
 */
package io.aos.ops.core.health;
