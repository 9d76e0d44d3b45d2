package io.aos.ops.monitor.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.health.ExitMode;
import io.aos.ops.core.health.HealthStatus;
import io.aos.ops.monitor.probe.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PreflightReportTest {

    private static ProbeResult result(String name, HealthStatus status) {
        return ProbeResult.of(name, status, name + " is " + status, Map.of());
    }

    @Test
    void itsLinesAndNagiosLineShowAMessagesControlCharactersAsEscapes() {
        PreflightReport report = new PreflightReport(24, List.of(ProbeResult.of("disk", HealthStatus.CRITICAL,
                "/srv/\u001b]0;owned\u0007|x\nFAKE: no space", Map.of())));

        assertThat(report.lines().get(0))
                .isEqualTo("CRITICAL  disk            /srv/\\x1b]0;owned\\x07|x\\nFAKE: no space");
        assertThat(report.nagiosLine())
                .isEqualTo("PREFLIGHT CRITICAL - /srv/\\x1b]0;owned\\x07/x FAKE: no space | checks=1 failed=1");
    }

    @Test
    void aWarningAloneIsReadyAndExitsZero() {
        PreflightReport report = new PreflightReport(24, List.of(result("backend", HealthStatus.OK),
                result("cron", HealthStatus.WARNING)));

        assertThat(report.ready()).isTrue();
        assertThat(report.verdictLine()).isEqualTo("Pre-flight: READY (WARNING: cron)");
        assertThat(ExitMode.DEFAULT.exitCode(report.status())).isZero();
        assertThat(ExitMode.NAGIOS.exitCode(report.status())).isEqualTo(1);
    }

    @Test
    void theVerdictNamesTheFailingProbesWorstFirst() {
        PreflightReport report = new PreflightReport(24, List.of(result("cron", HealthStatus.WARNING),
                result("redis", HealthStatus.CRITICAL), result("disk", HealthStatus.UNKNOWN),
                result("workers", HealthStatus.CRITICAL)));

        assertThat(report.verdictLine())
                .isEqualTo("Pre-flight: NOT READY (CRITICAL: redis, workers; UNKNOWN: disk; WARNING: cron)");
        assertThat(report.nagiosLine()).startsWith("PREFLIGHT CRITICAL - redis is CRITICAL; workers is CRITICAL; disk is UNKNOWN; cron is WARNING")
                .endsWith(" | checks=4 failed=4");
        assertThat(report.lines()).hasSize(5).first().asString().startsWith("WARNING   cron ");
    }

    /** Oracle: the status is the worst by the Monitoring Plugins order, ready iff none is CRITICAL or UNKNOWN. */
    @Test
    void statusAndReadinessAgreeWithTheOracleOverRandomReports() {
        Random random = new Random(17);
        HealthStatus[] all = HealthStatus.values();
        for (int i = 0; i < 2000; i++) {
            List<ProbeResult> results = new ArrayList<>();
            int n = random.nextInt(9);
            int worstRank = 0;
            for (int j = 0; j < n; j++) {
                HealthStatus s = all[random.nextInt(all.length)];
                results.add(result("p" + j, s));
                worstRank = Math.max(worstRank, rank(s));
            }
            PreflightReport report = new PreflightReport(1, results);

            assertThat(rank(report.status())).as("report %s", results).isEqualTo(worstRank);
            boolean expectReady = results.stream().noneMatch(r -> r.status() == HealthStatus.CRITICAL
                    || r.status() == HealthStatus.UNKNOWN);
            assertThat(report.ready()).isEqualTo(expectReady);
            assertThat(report.verdictLine()).startsWith(expectReady ? "Pre-flight: READY" : "Pre-flight: NOT READY");
            assertThat(report.toJson()).containsEntry("ready", expectReady);
        }
    }

    private static int rank(HealthStatus s) {
        return switch (s) {
            case OK -> 0;
            case WARNING -> 1;
            case UNKNOWN -> 2;
            case CRITICAL -> 3;
        };
    }
}
