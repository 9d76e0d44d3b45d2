package io.aos.ops.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamRunCorpusTest {

    @TempDir
    Path tmp;

    private static long count(List<String> lines, String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }

    @Test
    void aCompletedRunHasUpstreamsPerCycleLinesAndTheFinalBlock() throws Exception {
        UpstreamRunCorpus.UpstreamRun run = UpstreamRunCorpus.write(tmp.resolve("c"), 20, 3, 1, 0, false,
                Instant.parse("2026-11-27T00:00:00Z"), Duration.ofSeconds(30));
        List<String> lines = Files.readAllLines(run.log(), StandardCharsets.UTF_8);

        assertThat(run.log().getFileName().toString()).isEqualTo("shadow_24h_20261127_000000.log");
        assertThat(run.runDir().getFileName().toString()).isEqualTo("shadow_simulation_20261127_000000");
        assertThat(count(lines, "Running cycle ")).isEqualTo(20);
        assertThat(lines).contains("\u001B[0;34m[STEP]\u001B[0m 00:00:00 Running cycle 1...",
                "\u001B[0;32m[INFO]\u001B[0m 00:00:30 Cycle 1: 9 workflows, 9 replays, 0 mismatches",
                "\u001B[0;32m[INFO]\u001B[0m 00:05:00 Progress: 10 cycles, 90 workflows, 0 mismatches, 300s remaining",
                "  Cycles Completed:   20");
        assertThat(count(lines, "Progress: ")).isEqualTo(2);
        assertThat(lines.get(lines.size() - 2)).endsWith("          ✅ SHADOW SIMULATION PASSED");
        assertThat(lines.get(lines.size() - 1)).endsWith("All 180 shadow replays matched their golden files.");
        assertThat(Files.list(run.runDir().resolve("reports")).count()).isEqualTo(21); // + the summary
    }

    @Test
    void anAliveRunEndsMidCycleWithAnEmptyNewestReportAndAFreshLog() throws Exception {
        UpstreamRunCorpus.UpstreamRun run = UpstreamRunCorpus.write(tmp.resolve("a"), 12, 3, 1, 2, true, null,
                Duration.ofSeconds(30));
        List<String> lines = Files.readAllLines(run.log(), StandardCharsets.UTF_8);

        assertThat(lines.get(lines.size() - 1)).endsWith("Running cycle 13...");
        assertThat(count(lines, "mismatches detected!")).isEqualTo(2);
        assertThat(count(lines, "SHADOW SIMULATION")).isZero();
        assertThat(Files.size(run.runDir().resolve("reports/cycle_13.json"))).isZero();
        assertThat(Files.list(run.runDir().resolve("reports")).filter(p -> p.toString().contains("summary")))
                .isEmpty();
        assertThat(Files.getLastModifiedTime(run.log()).toInstant()).isAfter(Instant.now().minusSeconds(60));
    }
}
