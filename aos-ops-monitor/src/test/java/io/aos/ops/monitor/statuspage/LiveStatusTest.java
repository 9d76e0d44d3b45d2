package io.aos.ops.monitor.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import io.aos.ops.monitor.alert.Alert;
import io.aos.ops.monitor.discovery.RunProgress;
import io.aos.ops.monitor.discovery.WatchedRun;
import io.aos.ops.monitor.health.HealthReport;
import io.aos.ops.monitor.health.Verdict;
import io.aos.ops.monitor.probe.DiskProbe;
import io.aos.ops.monitor.probe.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LiveStatusTest {

    static final Instant STARTED = Instant.parse("2026-12-02T00:00:00Z");
    static final String HOSTILE = "<script>alert('x')</script>&\"'";
    /** A directory name cannot hold a slash; everything else is allowed. */
    static final String HOSTILE_NAME = "<script>alert('x')<\\script>&\"'";

    /** One check of a run {@code minutes} after it started, {@code cycles} done, the disk losing 1 GiB per hour. */
    static HealthReport report(String runName, int minutes, long cycles, long mismatches, boolean stop) {
        Instant at = STARTED.plusSeconds(minutes * 60L);
        long available = 100L * (1 << 30) - (long) (minutes / 60.0 * (1 << 30));
        DiskProbe.Usage usage = new DiskProbe.Usage("/dev/sda1", List.of("/tmp"), 200L * (1 << 30), available,
                (int) Math.ceil(100.0 * (200.0 * (1 << 30) - available) / (200.0 * (1 << 30))));
        Map<String, Object> disk = new LinkedHashMap<>();
        disk.put(DiskProbe.MAX_PERCENT, usage.usedPercent());
        disk.put("warning_percent", 90);
        disk.put("critical_percent", 95);
        disk.put("filesystems", List.of(usage));
        Map<String, Object> golden = new LinkedHashMap<>();
        golden.put("dir", "/tmp/" + runName + "/golden");
        golden.put("total_files", 1200L);
        golden.put("total_bytes", 3L << 20);
        golden.put("growth_bytes_per_hour", 1L << 20);
        List<ProbeResult> results = List.of(
                ProbeResult.of("process", HealthStatus.OK, "Runner PID 4242 alive", Map.of()),
                ProbeResult.of("mismatches", mismatches > 0 ? HealthStatus.CRITICAL : HealthStatus.OK,
                        mismatches + " mismatches " + HOSTILE, Map.of()),
                ProbeResult.of("disk", HealthStatus.OK, "Disk ok", disk),
                ProbeResult.of("golden", HealthStatus.OK, "Golden ok", golden));
        RunProgress figures = new RunProgress(cycles, cycles - (mismatches > 0 ? 1 : 0), cycles * 10, cycles * 10,
                mismatches, mismatches > 0 ? 1 : 0, new TreeMap<>(), "status.json");
        return new HealthReport(OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                mismatches > 0 ? Verdict.CRITICAL : Verdict.HEALTHY,
                mismatches > 0 ? HealthStatus.CRITICAL : HealthStatus.OK, Optional.of(4242L), figures,
                usage.usedPercent(), results, stop,
                new WatchedRun(Optional.of(Path.of("/tmp", runName)), Optional.empty()));
    }

    static ShadowRunStatus heartbeat(RunState state, long cycles, Long targetCycles, Double targetHours) {
        return new ShadowRunStatus(1, 4242, STARTED, STARTED, STARTED, state, cycles, cycles * 10, cycles * 10, 0, 0,
                STARTED, targetHours, targetCycles, false, null);
    }

    private static LiveStatus live(Map<String, Long> causes) {
        return new LiveStatus(run -> causes, 5);
    }

    @Test
    void beforeTheFirstCheckThePageSaysItIsWaiting() throws Exception {
        LiveStatus live = live(Map.of());

        JsonNode json = OpsJson.mapper().readTree(live.current().json());
        assertThat(json.get("state").asText()).isEqualTo("waiting");
        assertThat(json.get("checked_at").isNull()).isTrue();
        assertThat(new String(live.current().html(), StandardCharsets.UTF_8)).contains("waiting for the first check");
    }

    @Test
    void theJsonCarriesEveryDocumentedFieldWithTheFiguresOfTheCheck() throws Exception {
        LiveStatus live = live(Map.of("VOLATILE_LEAK", 2L, "SEED_MISMATCH", 1L));
        StatusView view = live.build(report("shadow_simulation_1", 0, 0, 0, false),
                Optional.of(heartbeat(RunState.RUNNING, 0, 120L, null)));
        view = live.build(report("shadow_simulation_1", 30, 60, 3, true),
                Optional.of(heartbeat(RunState.RUNNING, 60, 120L, null)));

        JsonNode json = OpsJson.mapper().valueToTree(view);

        assertThat(fieldNames(json)).containsExactly("schema_version", "checked_at", "refresh_seconds", "run", "state",
                "verdict", "status_line", "cycles", "mismatches", "replays", "disk", "golden", "alerts",
                "emergency_stop", "checks");
        assertThat(json.at("/run/name").asText()).isEqualTo("shadow_simulation_1");
        assertThat(json.at("/state").asText()).isEqualTo("running");
        assertThat(json.at("/cycles/done").asLong()).isEqualTo(60);
        // 60 cycles in the 30 minutes watched: 120 per hour, and 60 to go: half an hour from the check
        assertThat(json.at("/cycles/per_hour").asDouble()).isEqualTo(120.0);
        assertThat(json.at("/cycles/eta_seconds").asLong()).isEqualTo(1800);
        assertThat(json.at("/cycles/eta").asText()).isEqualTo("2026-12-02T01:00:00+00:00");
        assertThat(json.at("/mismatches/by_root_cause").toString()).isEqualTo("{\"VOLATILE_LEAK\":2,\"SEED_MISMATCH\":1}");
        String html = StatusPageHtml.render(view);
        assertThat(html.indexOf("<td>VOLATILE_LEAK</td>")).as("the page lists the commonest cause first")
                .isLessThan(html.indexOf("<td>SEED_MISMATCH</td>")).isPositive();
        assertThat(json.at("/replays/passed").asLong()).isEqualTo(597);
        assertThat(json.at("/replays/failed").asLong()).isEqualTo(3);
        assertThat(json.at("/emergency_stop/engaged").asBoolean()).isTrue();
        assertThat(json.at("/golden/growth_bytes_per_hour").asLong()).isEqualTo(1 << 20);
        // 1 GiB an hour off 100 GiB available of 200 GiB: 90 % used when 20 GiB are left, 79.5 hours on
        JsonNode fs = json.at("/disk/filesystems/0");
        assertThat(fs.get("fill_bytes_per_hour").asDouble()).isEqualTo(1 << 30);
        assertThat(fs.get("hours_to_warning").asDouble()).isCloseTo(79.5, org.assertj.core.data.Offset.offset(0.6));
        assertThat(json.at("/checks").size()).isEqualTo(4);
    }

    @Test
    void anEndedRunHasNoEtaAndATimeBoundRunEndsAtItsBound() {
        LiveStatus live = live(Map.of());
        StatusView ended = live.build(report("r", 30, 60, 0, false),
                Optional.of(heartbeat(RunState.COMPLETED, 60, 60L, null)));
        assertThat(ended.cycles().eta()).isNull();

        StatusView byTime = live(Map.of()).build(report("r", 30, 60, 0, false),
                Optional.of(heartbeat(RunState.RUNNING, 60, null, 24.0)));
        assertThat(byTime.cycles().eta()).isEqualTo("2026-12-03T00:00:00+00:00");
        assertThat(byTime.cycles().perHour()).as("one check: the rate since the start").isEqualTo(120.0);
    }

    @Test
    void alertsAreKeptNewestFirstUpToTheLimit() {
        LiveStatus live = live(Map.of());
        live.update(report("r", 0, 0, 0, false));
        for (int i = 0; i < LiveStatus.ALERTS_KEPT + 5; i++) {
            live.alerts(List.of(new Alert("t" + i, HealthStatus.WARNING, "disk", Alert.Event.RAISED, "m" + i)));
        }

        List<StatusView.AlertEntry> alerts = live.current().view().alerts();
        assertThat(alerts).hasSize(LiveStatus.ALERTS_KEPT);
        assertThat(alerts.get(0).message()).isEqualTo("m" + (LiveStatus.ALERTS_KEPT + 4));
    }

    @Test
    void hostileRunNamesAndAlertTextAreEscapedInThePageAndPlainInTheJson() throws Exception {
        LiveStatus live = live(Map.of(HOSTILE, 1L));
        live.update(report("run" + HOSTILE_NAME, 0, 1, 1, false));
        live.alerts(List.of(new Alert("2026-12-02T00:00:00+00:00", HealthStatus.CRITICAL, "mismatches",
                Alert.Event.RAISED, "</li><img src=x onerror=alert(1)>" + HOSTILE)));

        String html = new String(live.current().html(), StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img").doesNotContain("</li><img")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;&#39;")
                .contains("&lt;/li&gt;&lt;img src=x onerror=alert(1)&gt;")
                .contains("<title>run&lt;script&gt;alert(&#39;x&#39;)&lt;\\script&gt;&amp;&quot;&#39; - aos-ops");
        // exactly the page's own script element, whatever the run is called
        assertThat(html.split("<script>", -1)).hasSize(2);
        JsonNode json = OpsJson.mapper().readTree(live.current().json());
        assertThat(json.at("/run/name").asText()).isEqualTo("run" + HOSTILE_NAME);
        assertThat(json.at("/alerts/0/message").asText()).startsWith("</li><img");
    }

    @Test
    void thePolicyAllowsExactlyThePagesOwnStyleAndScript() {
        assertThat(StatusPageHtml.CONTENT_SECURITY_POLICY).startsWith("default-src 'none'")
                .contains("connect-src 'self'").doesNotContain("unsafe-inline");
        String html = StatusPageHtml.render(live(Map.of()).current().view());
        assertThat(html).contains("<style>" + StatusPageHtml.STYLE + "</style>")
                .contains("<script>" + StatusPageHtml.SCRIPT + "</script>")
                .doesNotContain("http://").doesNotContain("https://").doesNotContain("src=\"");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
