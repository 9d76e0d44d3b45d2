/**
 * One health check of a shadow run: {@link io.aos.ops.monitor.health.HealthCheck} (stateful, for a daemon or a single
 * call) combines the probes, worst first, into a {@link io.aos.ops.monitor.health.HealthReport} with the runbook's
 * status line and a JSON shape.
 */
package io.aos.ops.monitor.health;
