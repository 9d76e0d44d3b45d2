/**
 * Starting a shadow run detached from the terminal ({@code aos-ops shadow start}, issue 17 §2): its own session,
 * stdin from {@code /dev/null}, output appended to the seed's {@code shadow_24h_<ts>.log}.
 */
package io.aos.ops.monitor.launch;
