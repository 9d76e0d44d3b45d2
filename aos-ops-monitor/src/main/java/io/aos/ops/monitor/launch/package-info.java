/**
 * Starting a shadow run detached from the terminal ({@code aos-ops shadow start}): its own session,
 * stdin from {@code /dev/null}, output appended to the runbook's {@code shadow_24h_<ts>.log}.
 */
package io.aos.ops.monitor.launch;
