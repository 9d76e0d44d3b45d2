/**
 * Process identity for monitors: {@link io.aos.ops.core.process.PidFile} (PID and recorded start time) and
 * {@link io.aos.ops.core.process.ProcessTable} (a reused PID is not running, a zombie is not alive, the caller's own
 * process tree never matches). Immutable values and a stateless table: thread-safe.
 */
package io.aos.ops.core.process;
