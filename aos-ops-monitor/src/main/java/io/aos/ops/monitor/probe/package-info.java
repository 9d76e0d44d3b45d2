/**
 * Health probes of a shadow run, one class each, reading a shared {@link io.aos.ops.monitor.discovery.RunSnapshot}:
 * {@link io.aos.ops.monitor.probe.ProcessProbe}, {@link io.aos.ops.monitor.probe.FreshnessProbe},
 * {@link io.aos.ops.monitor.probe.MismatchProbe}, {@link io.aos.ops.monitor.probe.DiskProbe},
 * {@link io.aos.ops.monitor.probe.GoldenProbe}. Each returns a {@link io.aos.ops.monitor.probe.ProbeResult} (status,
 * message naming the cause, figures); levels come from {@link io.aos.ops.monitor.probe.Thresholds}.
 */
package io.aos.ops.monitor.probe;
