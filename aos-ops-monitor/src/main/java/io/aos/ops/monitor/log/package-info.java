/**
 * Upstream shadow-run logs: {@link io.aos.ops.monitor.log.LogLine} parses each line format into a
 * {@link io.aos.ops.monitor.log.LogEvent}, {@link io.aos.ops.monitor.log.LogTally} counts per cycle (never per
 * matching word), {@link io.aos.ops.monitor.log.LogTail} reads what was appended and survives rotation and truncation,
 * {@link io.aos.ops.monitor.log.LastLines} reads a file's last lines from its end.
 */
package io.aos.ops.monitor.log;
