/**
 * The monitor daemon's live status page: {@link io.aos.ops.monitor.statuspage.LiveStatus} keeps the latest check's
 * figures (state, cycles and rate, ETA, mismatches by root cause, replay verification, disk and golden growth with
 * the projected time to the warning level, recent alerts, emergency stop), {@link io.aos.ops.monitor.statuspage.StatusPageHtml}
 * renders them as one self-contained page and {@link io.aos.ops.monitor.statuspage.StatusPageHandler} serves page and
 * JSON beside {@code /metrics}.
 */
package io.aos.ops.monitor.statuspage;
