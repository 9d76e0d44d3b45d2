package io.aos.ops.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.state.CycleReport;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShadowDirCorpusTest {

    private static final Instant START = Instant.parse("2026-11-27T00:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void writesUpstreamLayoutWithNineGoldensPerCycle() throws IOException {
        ShadowDirCorpus.ShadowDir dir = write(tmp.resolve("run"), 20, 0, 1);
        ShadowRunLayout layout = ShadowRunLayout.of(tmp.resolve("run"));

        assertThat(dir.goldenFiles()).isEqualTo(180);
        assertThat(GoldenFileCorpusTest.list(layout.goldenDir())).hasSize(180);
        assertThat(layout.cycleReports()).hasSize(20).last().isEqualTo(layout.cycleReport(20));
        assertThat(Files.isDirectory(tmp.resolve("run/primary"))).isTrue();
        assertThat(Files.isDirectory(tmp.resolve("run/shadow"))).isTrue();
        try (Stream<Path> reports = Files.list(layout.reportsDir())) {
            assertThat(reports.filter(p -> p.getFileName().toString().startsWith("summary_")).count()).isEqualTo(1);
        }
    }

    @Test
    void cycleReportsReadAsCycleReportsAndKeepUpstreamFieldOrder() throws IOException {
        write(tmp.resolve("run"), 5, 0, 1);
        Path cycle = ShadowRunLayout.of(tmp.resolve("run")).cycleReport(3);

        CycleReport report = OpsJson.read(cycle, CycleReport.class);
        assertThat(report.primary().total()).isEqualTo(9);
        assertThat(report.shadow().totalReplays()).isEqualTo(9);
        assertThat(report.passed()).isTrue();
        assertThat(Files.readString(cycle)).startsWith("{\n  \"timestamp\": \"2026-11-27T00:01:30.")
                .contains("\"mismatch_details\": [],\n  \"passed\": true\n}");
    }

    @Test
    void mismatchCyclesAreSpreadEvenlyAndCounted() throws IOException {
        ShadowDirCorpus.ShadowDir dir = write(tmp.resolve("run"), 100, 4, 1);
        ShadowRunLayout layout = ShadowRunLayout.of(tmp.resolve("run"));

        List<Long> failing = layout.cycleReports().stream()
                .filter(p -> !OpsJson.read(p, CycleReport.class).passed())
                .map(p -> ShadowRunLayout.cycleNumber(p).orElseThrow()).toList();
        assertThat(failing).containsExactly(13L, 38L, 63L, 88L);
        assertThat(dir.mismatches()).isEqualTo(4);
        CycleReport report = OpsJson.read(layout.cycleReport(13), CycleReport.class);
        assertThat(report.shadow().mismatches()).isEqualTo(1);
        assertThat(report.mismatchDetails().get(0).originalHash())
                .isNotEqualTo(report.mismatchDetails().get(0).replayHash());
        assertThat(Files.exists(layout.goldenDir().resolve(report.mismatchDetails().get(0).originalRunId()
                + ".golden.json"))).isTrue();
    }

    @Test
    void summaryCountsTheWholeRunAsValidJson() throws IOException {
        write(tmp.resolve("run"), 10, 1, 1);
        Path summary;
        try (Stream<Path> reports = Files.list(tmp.resolve("run/reports"))) {
            summary = reports.filter(p -> p.getFileName().toString().startsWith("summary_")).findFirst().orElseThrow();
        }

        JsonNode json = OpsJson.readTree(summary);
        assertThat(summary.getFileName().toString()).isEqualTo("summary_20261127_000500.json");
        assertThat(json.at("/statistics/cycles_completed").asInt()).isEqualTo(10);
        assertThat(json.at("/statistics/total_workflows").asInt()).isEqualTo(90);
        assertThat(json.at("/statistics/mismatches").asInt()).isEqualTo(1);
        assertThat(json.at("/status").asText()).isEqualTo("degraded");
    }

    @Test
    void fileTimesFollowTheCycleClock() throws IOException {
        write(tmp.resolve("run"), 4, 0, 1);
        Instant fourth = Files.getLastModifiedTime(ShadowRunLayout.of(tmp.resolve("run")).cycleReport(4)).toInstant();

        assertThat(fourth).isBetween(START.plusSeconds(120), START.plusSeconds(121));
    }

    @Test
    void sameSeedGivesTheSameDirectory() throws IOException {
        write(tmp.resolve("1"), 6, 2, 42);
        write(tmp.resolve("2"), 6, 2, 42);

        List<Path> first = GoldenFileCorpusTest.list(tmp.resolve("1"));
        List<Path> second = GoldenFileCorpusTest.list(tmp.resolve("2"));
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(tmp.resolve("2").relativize(second.get(i))).isEqualTo(tmp.resolve("1").relativize(first.get(i)));
            assertThat(Files.readAllBytes(second.get(i))).isEqualTo(Files.readAllBytes(first.get(i)));
        }
    }

    private static ShadowDirCorpus.ShadowDir write(Path root, int cycles, int mismatchCycles, long seed)
            throws IOException {
        return ShadowDirCorpus.write(root, cycles, 3, 10, seed, mismatchCycles, START, Duration.ofSeconds(30));
    }
}
