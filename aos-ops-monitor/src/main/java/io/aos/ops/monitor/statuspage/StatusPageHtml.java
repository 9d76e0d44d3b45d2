package io.aos.ops.monitor.statuspage;

import com.google.common.html.HtmlEscapers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The status page: one self-contained HTML document (inline style and script, no other request but
 * {@code /api/status}), readable in light and dark. The server renders every figure, so the page reads right
 * without script; the script then fetches {@code /api/status} every {@code refresh_seconds} and redraws the same
 * elements with {@code textContent}, never as markup. Everything from the run (names, paths, messages) is escaped.
 *
 * <p>The inline style and script are fixed text, so the {@link #CONTENT_SECURITY_POLICY} allows exactly them by
 * hash: nothing else may load, run or connect anywhere but this server.
 */
public final class StatusPageHtml {

    static final String STYLE = """
            :root { color-scheme: light dark; --bg: #fff; --fg: #1b1f24; --muted: #59636e; --card: #f6f8fa;
              --line: #d1d9e0; --ok: #1a7f37; --warn: #9a6700; --crit: #cf222e; --info: #0969da; }
            @media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1;
              --card: #161b22; --line: #3d444d; --ok: #3fb950; --warn: #d29922; --crit: #f85149; --info: #4493f8; } }
            * { box-sizing: border-box; }
            body { margin: 0; padding: 1.2rem; background: var(--bg); color: var(--fg);
              font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
            header { display: flex; flex-wrap: wrap; gap: .6rem; align-items: baseline; }
            h1 { font-size: 1.3rem; margin: 0; overflow-wrap: anywhere; }
            h2 { font-size: 1rem; margin: 0 0 .5rem; }
            .muted { color: var(--muted); }
            .badge { display: inline-block; padding: .05rem .55rem; border-radius: 1rem; border: 1px solid currentColor;
              font-size: .85rem; font-weight: 600; text-transform: uppercase; }
            .s-ok { color: var(--ok); } .s-warn { color: var(--warn); } .s-crit { color: var(--crit); }
            .s-info { color: var(--info); }
            .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: .8rem;
              margin: 1rem 0; }
            section { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: .8rem; }
            .big { font-size: 1.7rem; font-weight: 650; font-variant-numeric: tabular-nums; }
            table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
            th, td { text-align: left; padding: .25rem .4rem; border-bottom: 1px solid var(--line);
              vertical-align: top; overflow-wrap: break-word; }
            th { white-space: nowrap; }
            td.n, th.n { text-align: right; white-space: nowrap; }
            ul { margin: 0; padding-left: 1.1rem; }
            li { margin: .15rem 0; overflow-wrap: anywhere; }
            code { font-size: .85rem; overflow-wrap: anywhere; }
            #live.stale { color: var(--crit); }
            @media print { body { padding: 0; } #live { display: none; } section { break-inside: avoid; } }
            """;

    static final String SCRIPT = """
            (() => {
              'use strict';
              const el = id => document.getElementById(id);
              const put = (id, value) => { const e = el(id); if (e) { e.textContent = value; } };
              const num = n => n === null || n === undefined ? '?' : n.toLocaleString('en-US');
              const bytes = b => {
                if (b === null || b === undefined) { return '?'; }
                const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
                let v = b, i = 0;
                while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
                return (i === 0 ? String(v) : v.toFixed(1)) + ' ' + units[i];
              };
              const hours = h => {
                if (h === null || h === undefined) { return 'not filling'; }
                if (h === 0) { return 'reached'; }
                const m = Math.round(h * 60);
                return m < 60 ? m + ' min' : Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
              };
              const tone = s => ({ OK: 's-ok', HEALTHY: 's-ok', COMPLETED: 's-ok', running: 's-ok',
                completed: 's-ok', WARNING: 's-warn', DEGRADED: 's-warn', paused: 's-warn', UNKNOWN: 's-warn',
                unknown: 's-warn', CRITICAL: 's-crit', failed: 's-crit', stopped: 's-warn' })[s] || 's-info';
              const badge = (id, value) => { const e = el(id); if (e) { e.textContent = value || '-';
                e.className = 'badge ' + tone(value); } };
              const rows = (id, items, cells, empty) => {
                const body = el(id);
                const trs = items.map(item => {
                  const tr = document.createElement('tr');
                  for (const [value, numeric] of cells(item)) {
                    const td = document.createElement('td');
                    td.textContent = value;
                    if (numeric) { td.className = 'n'; }
                    tr.appendChild(td);
                  }
                  return tr;
                });
                if (trs.length === 0) {
                  const tr = document.createElement('tr'), td = document.createElement('td');
                  td.colSpan = 9; td.className = 'muted'; td.textContent = empty; tr.appendChild(td); trs.push(tr);
                }
                body.replaceChildren(...trs);
              };
              const render = s => {
                put('run-name', s.run.name || 'no run found yet');
                badge('state', s.state);
                badge('verdict', s.verdict);
                put('checked-at', s.checked_at || 'waiting for the first check');
                put('status-line', s.status_line || '');
                put('cycles-done', num(s.cycles.done));
                put('cycles-target', s.cycles.target === null ? 'no cycle bound' : 'of ' + num(s.cycles.target));
                put('cycles-rate', s.cycles.per_hour === null ? '?' : num(s.cycles.per_hour) + ' / h');
                put('eta', s.cycles.eta === null ? 'none' : s.cycles.eta);
                put('replays-total', num(s.replays.total));
                put('replays-passed', num(s.replays.passed));
                put('replays-failed', num(s.replays.failed));
                put('replays-ratio', s.replays.pass_ratio === null ? '?'
                  : (s.replays.pass_ratio * 100).toFixed(2) + ' %');
                put('mismatches-total', num(s.mismatches.total));
                put('mismatches-cycles', num(s.mismatches.cycles_with_mismatches));
                rows('causes', Object.entries(s.mismatches.by_root_cause), ([cause, n]) => [[cause], [num(n), true]],
                  'no mismatches');
                put('estop', s.emergency_stop.engaged ? 'ENGAGED' : 'off');
                el('estop').className = 'big ' + (s.emergency_stop.engaged ? 's-crit' : 's-ok');
                put('disk-used', s.disk.used_percent === null ? '?' : s.disk.used_percent + ' %');
                put('disk-levels', 'warning ' + s.disk.warning_percent + ' %, critical ' + s.disk.critical_percent + ' %');
                rows('filesystems', s.disk.filesystems, f => [[f.filesystem], [f.holds.join(', ')],
                  [f.used_percent + ' %', true], [bytes(f.available_bytes), true],
                  [f.fill_bytes_per_hour === null ? '?' : bytes(Math.round(f.fill_bytes_per_hour)) + ' / h', true],
                  [hours(f.hours_to_warning) + (f.projected_warning_at ? ' (' + f.projected_warning_at + ')' : '')]],
                  'no filesystem read');
                put('golden-size', bytes(s.golden.bytes));
                put('golden-files', s.golden.files === null ? '?' : num(s.golden.files) + ' files');
                put('golden-growth', s.golden.growth_bytes_per_hour === null ? '?'
                  : bytes(s.golden.growth_bytes_per_hour) + ' / h');
                put('golden-dir', s.golden.dir || '');
                const list = el('alerts');
                const items = s.alerts.map(a => {
                  const li = document.createElement('li');
                  const level = document.createElement('span');
                  level.className = tone(a.level);
                  level.textContent = a.level + ' ' + a.event;
                  li.append(a.timestamp + ' ', level, ' ' + a.probe + ': ' + a.message);
                  return li;
                });
                if (items.length === 0) {
                  const li = document.createElement('li'); li.className = 'muted'; li.textContent = 'no alerts';
                  items.push(li);
                }
                list.replaceChildren(...items);
                rows('checks', s.checks, c => [[c.probe], [c.status], [c.message]], 'no check yet');
              };
              const refresh = Number(document.body.dataset.refresh) || 5;
              const poll = async () => {
                const live = el('live');
                try {
                  const response = await fetch('/api/status', { cache: 'no-store' });
                  if (!response.ok) { throw new Error('HTTP ' + response.status); }
                  render(await response.json());
                  live.textContent = 'live, fetched ' + new Date().toLocaleTimeString();
                  live.classList.remove('stale');
                } catch (e) {
                  live.textContent = 'cannot reach the monitor (' + e.message + '); showing the last figures';
                  live.classList.add('stale');
                } finally {
                  setTimeout(poll, refresh * 1000);
                }
              };
              setTimeout(poll, refresh * 1000);
            })();
            """;

    /**
     * Nothing loads but this document; its own style and script run by hash; it may fetch only from this server.
     * The favicon is an empty data URL, so the browser asks for nothing else.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
            + "'; script-src '" + sha256(SCRIPT) + "'; connect-src 'self'; img-src data:; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    private StatusPageHtml() {
    }

    /** The page for {@code view}. */
    public static String render(StatusView view) {
        StringBuilder h = new StringBuilder(8192);
        String runName = view.run().name().isEmpty() ? "no run found yet" : view.run().name();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n")
                .append("<title>").append(esc(runName)).append(" - aos-ops monitor</title>\n")
                .append("<style>").append(STYLE).append("</style>\n")
                .append("<noscript><meta http-equiv=\"refresh\" content=\"").append(view.refreshSeconds())
                .append("\"></noscript>\n</head>\n")
                .append("<body data-refresh=\"").append(view.refreshSeconds()).append("\">\n<header>\n")
                .append("<h1>aos-ops monitor: <span id=\"run-name\">").append(esc(runName)).append("</span></h1>\n")
                .append(badge("state", view.state())).append(' ').append(badge("verdict", view.verdict()))
                .append("\n<span class=\"muted\">checked <span id=\"checked-at\">")
                .append(esc(view.checkedAt() == null ? "waiting for the first check" : view.checkedAt()))
                .append("</span></span>\n<span id=\"live\" class=\"muted\">refreshes every ")
                .append(view.refreshSeconds()).append(" s</span>\n</header>\n")
                .append("<p class=\"muted\"><code id=\"status-line\">").append(esc(orEmpty(view.statusLine())))
                .append("</code></p>\n<div class=\"grid\">\n");

        StatusView.Cycles c = view.cycles();
        h.append("<section><h2>Cycles</h2><div class=\"big\" id=\"cycles-done\">").append(num(c.done()))
                .append("</div><div class=\"muted\" id=\"cycles-target\">")
                .append(c.target() == null ? "no cycle bound" : "of " + num(c.target())).append("</div>")
                .append("<div>rate <span id=\"cycles-rate\">")
                .append(c.perHour() == null ? "?" : num(c.perHour()) + " / h").append("</span></div>")
                .append("<div>ETA <span id=\"eta\">").append(esc(c.eta() == null ? "none" : c.eta()))
                .append("</span></div></section>\n");

        StatusView.Replays r = view.replays();
        h.append("<section><h2>Replay verification</h2><div class=\"big\" id=\"replays-ratio\">")
                .append(r.passRatio() == null ? "?" : String.format(Locale.ROOT, "%.2f %%", r.passRatio() * 100))
                .append("</div><div><span id=\"replays-passed\">").append(num(r.passed()))
                .append("</span> passed, <span id=\"replays-failed\">").append(num(r.failed()))
                .append("</span> failed of <span id=\"replays-total\">").append(num(r.total()))
                .append("</span></div></section>\n");

        StatusView.Mismatches m = view.mismatches();
        h.append("<section><h2>Mismatches</h2><div class=\"big\" id=\"mismatches-total\">").append(num(m.total()))
                .append("</div><div class=\"muted\">in <span id=\"mismatches-cycles\">")
                .append(num(m.cyclesWithMismatches())).append("</span> cycles</div>")
                .append("<table><thead><tr><th>root cause</th><th class=\"n\">count</th></tr></thead>")
                .append("<tbody id=\"causes\">");
        if (m.byRootCause().isEmpty()) {
            h.append(emptyRow("no mismatches"));
        }
        for (Map.Entry<String, Long> e : m.byRootCause().entrySet()) {
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"n\">").append(num(e.getValue()))
                    .append("</td></tr>");
        }
        h.append("</tbody></table></section>\n");

        boolean engaged = view.emergencyStop().engaged();
        h.append("<section><h2>Emergency stop</h2><div id=\"estop\" class=\"big ")
                .append(engaged ? "s-crit" : "s-ok").append("\">").append(engaged ? "ENGAGED" : "off")
                .append("</div></section>\n");

        StatusView.Golden g = view.golden();
        h.append("<section><h2>Golden files</h2><div class=\"big\" id=\"golden-size\">").append(bytes(g.bytes()))
                .append("</div><div><span id=\"golden-files\">")
                .append(g.files() == null ? "?" : num(g.files()) + " files").append("</span>, growing ")
                .append("<span id=\"golden-growth\">")
                .append(g.growthBytesPerHour() == null ? "?" : bytes(g.growthBytesPerHour()) + " / h")
                .append("</span></div><div class=\"muted\"><code id=\"golden-dir\">").append(esc(orEmpty(g.dir())))
                .append("</code></div></section>\n");

        StatusView.Disk d = view.disk();
        h.append("<section><h2>Disk</h2><div class=\"big\" id=\"disk-used\">")
                .append(d.usedPercent() == null ? "?" : d.usedPercent() + " %").append("</div>")
                .append("<div class=\"muted\" id=\"disk-levels\">warning ").append(d.warningPercent())
                .append(" %, critical ").append(d.criticalPercent()).append(" %</div></section>\n</div>\n");

        h.append("<section><h2>Filesystems and time to the warning level</h2><table><thead><tr>")
                .append("<th>filesystem</th><th>holds</th><th class=\"n\">used</th><th class=\"n\">available</th>")
                .append("<th class=\"n\">filling</th><th>to warning</th></tr></thead><tbody id=\"filesystems\">");
        if (d.filesystems().isEmpty()) {
            h.append(emptyRow("no filesystem read"));
        }
        for (StatusView.Filesystem f : d.filesystems()) {
            h.append("<tr><td>").append(esc(f.filesystem())).append("</td><td>")
                    .append(esc(String.join(", ", f.holds()))).append("</td><td class=\"n\">")
                    .append(f.usedPercent()).append(" %</td><td class=\"n\">").append(bytes(f.availableBytes()))
                    .append("</td><td class=\"n\">")
                    .append(f.fillBytesPerHour() == null ? "?" : bytes(Math.round(f.fillBytesPerHour())) + " / h")
                    .append("</td><td>").append(esc(hours(f.hoursToWarning())
                            + (f.projectedWarningAt() == null ? "" : " (" + f.projectedWarningAt() + ")")))
                    .append("</td></tr>");
        }
        h.append("</tbody></table></section>\n");

        h.append("<div class=\"grid\"><section><h2>Recent alerts</h2><ul id=\"alerts\">");
        if (view.alerts().isEmpty()) {
            h.append("<li class=\"muted\">no alerts</li>");
        }
        for (StatusView.AlertEntry a : view.alerts()) {
            h.append("<li>").append(esc(a.timestamp())).append(" <span class=\"").append(tone(a.level()))
                    .append("\">").append(esc(a.level() + " " + a.event())).append("</span> ")
                    .append(esc(a.probe() + ": " + a.message())).append("</li>");
        }
        h.append("</ul></section>\n<section><h2>Checks</h2><table><thead><tr><th>probe</th><th>status</th>")
                .append("<th>message</th></tr></thead><tbody id=\"checks\">");
        List<StatusView.Check> checks = view.checks();
        if (checks.isEmpty()) {
            h.append(emptyRow("no check yet"));
        }
        for (StatusView.Check check : checks) {
            h.append("<tr><td>").append(esc(check.probe())).append("</td><td>").append(esc(check.status()))
                    .append("</td><td>").append(esc(check.message())).append("</td></tr>");
        }
        h.append("</tbody></table></section></div>\n")
                .append("<p class=\"muted\">The same figures as JSON: <a href=\"/api/status\">/api/status</a>; ")
                .append("Prometheus metrics: <a href=\"/metrics\">/metrics</a>.</p>\n")
                .append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static String badge(String id, String value) {
        return "<span id=\"" + id + "\" class=\"badge " + tone(value) + "\">" + esc(value == null ? "-" : value)
                + "</span>";
    }

    private static String emptyRow(String text) {
        return "<tr><td colspan=\"9\" class=\"muted\">" + esc(text) + "</td></tr>";
    }

    /** The same colour classes as the script's {@code tone}. */
    static String tone(String value) {
        if (value == null) {
            return "s-info";
        }
        return switch (value) {
            case "OK", "HEALTHY", "COMPLETED", "running", "completed" -> "s-ok";
            case "WARNING", "DEGRADED", "paused", "UNKNOWN", "unknown", "stopped" -> "s-warn";
            case "CRITICAL", "failed" -> "s-crit";
            default -> "s-info";
        };
    }

    static String esc(String text) {
        return HtmlEscapers.htmlEscaper().escape(text);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** As the script's {@code num}: thousands separated by commas. */
    static String num(double n) {
        if (n == Math.rint(n) && Math.abs(n) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) n);
        }
        return String.format(Locale.ROOT, "%,.3f", n).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** As the script's {@code bytes}. */
    static String bytes(Long b) {
        if (b == null) {
            return "?";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int i = 0;
        while (Math.abs(v) >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return (i == 0 ? Long.toString(b) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[i];
    }

    /** As the script's {@code hours}. */
    static String hours(Double h) {
        if (h == null) {
            return "not filling";
        }
        if (h == 0) {
            return "reached";
        }
        long m = Math.round(h * 60);
        return m < 60 ? m + " min" : m / 60 + " h " + m % 60 + " min";
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
