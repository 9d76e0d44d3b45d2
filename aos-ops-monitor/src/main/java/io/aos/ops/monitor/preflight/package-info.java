/**
 * The runbook's pre-flight checks before a shadow run ({@code aos-ops preflight}): the backend's health
 * endpoint, Redis, the workers, disk space for the run to come, the emergency stop, a run already going, the cron
 * check and the archive directory. Each is a {@link io.aos.ops.monitor.preflight.PreflightProbe} giving one
 * {@link io.aos.ops.monitor.probe.ProbeResult}; {@link io.aos.ops.monitor.preflight.Preflight} runs them all into a
 * {@link io.aos.ops.monitor.preflight.PreflightReport}. Probes report what they saw; they never throw for a service
 * that is down.
 */
package io.aos.ops.monitor.preflight;
