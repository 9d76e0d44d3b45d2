/**
 * Which shadow run to watch and what it looks like now.
 *
 * <p>Public API: {@link io.aos.ops.monitor.discovery.RunLocator} finds the run directory and log (flags, else the
 * newest by glob); {@link io.aos.ops.monitor.discovery.RunSnapshotReader} watches one run and returns a
 * {@link io.aos.ops.monitor.discovery.RunSnapshot} per call (status.json, process, cycle reports, log tally, read
 * incrementally); {@link io.aos.ops.monitor.discovery.RunProgress} holds the counts from the best source;
 * {@link io.aos.ops.monitor.discovery.RunStateReader} reads status.json and cycle reports without data binding.
 */
package io.aos.ops.monitor.discovery;
