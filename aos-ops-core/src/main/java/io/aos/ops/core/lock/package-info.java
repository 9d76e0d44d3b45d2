/**
 * The suite's one way to hold an exclusive lock through a file: {@link io.aos.ops.core.lock.LockFile}. The emergency
 * stop's enable/disable, a shadow run's PID file, retention's per-directory locks and the monitor daemon's start all
 * lock through it, so they share its rules: an OS lock that dies with its process (never stale after a crash or
 * {@code kill -9}), threads of one JVM queued on the same file instead of failing, aliases of one file (through a
 * symbolic link to its directory) taking one lock, and a lock path that is a FIFO or device refused before it is
 * opened.
 */
package io.aos.ops.core.lock;
