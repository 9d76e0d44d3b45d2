package io.aos.ops.golden.shadow.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.json.OpsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShadowRunLayoutTest {

    @Test
    void cycleReportsSortNumericallyNotByName(@TempDir Path root) throws Exception {
        ShadowRunLayout layout = ShadowRunLayout.of(root);
        Files.createDirectories(layout.reportsDir());
        for (int n : new int[] {10, 2, 1, 100, 11}) {
            Files.writeString(layout.cycleReport(n), "{}");
        }
        Files.writeString(layout.reportsDir().resolve("summary_20251202_131219.json"), "{}");
        Files.writeString(layout.reportsDir().resolve("cycle_x.json"), "{}");
        List<Long> numbers = layout.cycleReports().stream()
                .map(p -> ShadowRunLayout.cycleNumber(p).orElseThrow()).toList();
        assertThat(numbers).containsExactly(1L, 2L, 10L, 11L, 100L);
    }

    @Test
    void everyCycleStarJsonNameIsEitherNumberedOrNotUnderstoodNeverLeftOut(@TempDir Path root) throws Exception {
        ShadowRunLayout layout = ShadowRunLayout.of(root);
        Files.createDirectories(layout.reportsDir());
        List<String> odd = List.of("cycle_99999999999999999999.json", "cycle_-1.json", "cycle_ 2.json",
                "cycle_+3.json", "cycle_\u0663.json", "cycle_.json", "cycle_1.5.json", "cycle_x.json");
        for (String name : odd) {
            Files.writeString(layout.reportsDir().resolve(name), "{}");
        }
        for (String name : List.of("cycle_10.json", "cycle_2.json", "cycle_02.json", "cycle_9223372036854775807.json",
                "cycle_0.json", "summary_1.json", "cycle_3.json.tmp", "Cycle_4.json", "cycle_5.JSON")) {
            Files.writeString(layout.reportsDir().resolve(name), "{}");
        }
        ShadowRunLayout.CycleReportListing listing = layout.listCycleReports();
        assertThat(listing.reports()).extracting(p -> p.getFileName().toString()).containsExactly("cycle_0.json",
                "cycle_02.json", "cycle_2.json", "cycle_10.json", "cycle_9223372036854775807.json");
        assertThat(listing.notUnderstood()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(odd);
        assertThat(layout.cycleReports()).isEqualTo(listing.reports());
        for (Path p : listing.reports()) {
            assertThat(ShadowRunLayout.cycleNumber(p)).isPresent(); // what every monitor caller relies on
        }
    }

    @Test
    void noReportsDirectoryMeansNoReports(@TempDir Path root) throws Exception {
        assertThat(ShadowRunLayout.of(root.resolve("golden")).cycleReports()).isEmpty();
    }

    @Test
    void readsAnUpstreamCycleReport(@TempDir Path root) throws Exception {
        Path file = root.resolve("cycle_1.json");
        Files.writeString(file, """
                {
                  "timestamp": "2026-11-28T02:24:03.915613+00:00",
                  "primary": {"total": 3, "successful": 3, "failed": 0},
                  "shadow": {"total_replays": 3, "matches": 2, "mismatches": 1},
                  "mismatch_details": [{"original_run_id": "primary-w0-1a2b3c4d", "replay_run_id": "shadow-9f8e7d6c",
                     "original_hash": "aa", "replay_hash": "bb", "match": false,
                     "diff_details": "Mismatch at step 2: original=x, replay=y"}],
                  "passed": false
                }""");
        CycleReport report = OpsJson.read(file, CycleReport.class);
        assertThat(report.cycle()).isNull();
        assertThat(report.shadow().totalReplays()).isEqualTo(3);
        assertThat(report.shadow().mismatches()).isEqualTo(1);
        assertThat(report.mismatchDetails()).singleElement()
                .satisfies(d -> assertThat(d.originalRunId()).isEqualTo("primary-w0-1a2b3c4d"))
                .satisfies(d -> assertThat(d.rootCause()).isNull());
        assertThat(report.passed()).isFalse();
    }

    @Test
    void statusRoundTripsWithSnakeCaseFields(@TempDir Path root) throws Exception {
        ShadowRunStatus status = new ShadowRunStatus(ShadowRunStatus.SCHEMA_VERSION, 42, null,
                java.time.Instant.parse("2026-11-28T00:00:00Z"), java.time.Instant.parse("2026-11-28T01:00:00Z"),
                RunState.RUNNING, 120, 1080, 1080, 0, 0, java.time.Instant.parse("2026-11-28T00:59:30Z"),
                24.0, null, false, null);
        String json = OpsJson.mapper().writeValueAsString(status);
        assertThat(json).contains("\"cycles_with_mismatches\":0", "\"state\":\"running\"",
                "\"started_at\":\"2026-11-28T00:00:00Z\"");
        assertThat(OpsJson.mapper().readValue(json, ShadowRunStatus.class)).isEqualTo(status);
    }
}
