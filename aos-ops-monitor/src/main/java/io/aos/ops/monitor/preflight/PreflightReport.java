package io.aos.ops.monitor.preflight;

import static com.google.common.base.Preconditions.checkNotNull;

import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.text.ControlCharacters;
import io.aos.ops.monitor.probe.ProbeResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every pre-flight probe's result and the verdict: the worst status. READY when nothing is CRITICAL or UNKNOWN
 * (a WARNING, such as no cron entry, does not stop a run).
 */
public record PreflightReport(double hours, List<ProbeResult> results) {

    public PreflightReport {
        checkNotNull(results, "results");
        results = List.copyOf(results);
    }

    public HealthStatus status() {
        return HealthStatus.worstOf(results.stream().map(ProbeResult::status).toList());
    }

    /** True when a run may start: no probe CRITICAL or UNKNOWN. */
    public boolean ready() {
        HealthStatus s = status();
        return s == HealthStatus.OK || s == HealthStatus.WARNING;
    }

    /** One line per probe, {@code CRITICAL  redis         Redis redis://...: Connection refused}, then the verdict. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ProbeResult r : results) {
            lines.add(String.format("%-9s %-15s %s", r.status(), r.probe(), ControlCharacters.oneLine(r.message())));
        }
        lines.add(verdictLine());
        return lines;
    }

    /** {@code Pre-flight: READY (OK)} or {@code Pre-flight: NOT READY (CRITICAL: redis, workers; WARNING: cron)}. */
    public String verdictLine() {
        StringBuilder detail = new StringBuilder(status().name());
        String separator = ": ";
        for (HealthStatus level : List.of(HealthStatus.CRITICAL, HealthStatus.UNKNOWN, HealthStatus.WARNING)) {
            List<String> names = results.stream().filter(r -> r.status() == level).map(ProbeResult::probe).toList();
            if (!names.isEmpty()) {
                detail.append(separator).append(level == status() ? "" : level + ": ").append(String.join(", ", names));
                separator = "; ";
            }
        }
        return "Pre-flight: " + (ready() ? "READY" : "NOT READY") + " (" + detail + ")";
    }

    /** The Monitoring Plugins line: {@code PREFLIGHT CRITICAL - <message>; <message> | checks=8 failed=2},
     * worst first. */
    public String nagiosLine() {
        List<String> issues = new ArrayList<>();
        for (HealthStatus level : List.of(HealthStatus.CRITICAL, HealthStatus.UNKNOWN, HealthStatus.WARNING)) {
            results.stream().filter(r -> r.status() == level).map(ProbeResult::message).forEach(issues::add);
        }
        String text = issues.isEmpty() ? results.size() + " checks OK" : String.join("; ", issues);
        return "PREFLIGHT " + status() + " - "
                + ControlCharacters.oneLine(text.replace('|', '/').replaceAll("[\\r\\n]+", " "))
                + " | checks=" + results.size() + " failed=" + issues.size();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status().name());
        json.put("ready", ready());
        json.put("hours", hours);
        json.put("checks", ProbeResult.checksJson(results));
        json.put("verdict", verdictLine());
        return json;
    }
}
