/**
 * The debug console ({@code aos-ops debug}, the runbook's {@code shadow_debug.sh}): what an operator opens during an
 * incident. Public API: {@link io.aos.ops.monitor.debug.DebugConsole} (find a run, build the six sections or one of
 * them, or the log's tail) returning a {@link io.aos.ops.monitor.debug.DebugReport} (text or one JSON document), and
 * {@link io.aos.ops.monitor.debug.GoldenReplay} (replay one recorded run by id, compare with its golden file,
 * write nothing to the golden directory) returning a {@link io.aos.ops.monitor.debug.ReplayResult}. The section classes
 * are package-private: a section's facts reach callers through the report's JSON form.
 */
package io.aos.ops.monitor.debug;
