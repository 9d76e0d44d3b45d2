/**
 * The base of every aos-ops module: {@link io.aos.ops.core.AosOpsException}, the failure every library call reports
 * bad input and unreadable files with. Configuration, file I/O, health results, process lookup, JSON and the
 * emergency stop live in the sub-packages.
 */
package io.aos.ops.core;
