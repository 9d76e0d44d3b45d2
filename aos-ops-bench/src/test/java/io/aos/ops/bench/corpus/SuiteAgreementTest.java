package io.aos.ops.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.golden.format.GoldenTrace;
import io.aos.ops.golden.format.GoldenTraceReader;
import io.aos.ops.golden.format.SimulationGolden;
import io.aos.ops.golden.format.TraceStep;
import io.aos.ops.golden.hash.GoldenHashes;
import io.aos.ops.golden.json.GoldenJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpora are real golden files by the suite's own reader, writers and hashes ({@code aos-ops-golden}), not just by
 * the generator's: every stored hash recomputes, every signature verifies, every file is byte-identical to what the
 * suite's Python-compatible writers produce for it.
 */
class SuiteAgreementTest {

    @TempDir
    Path tmp;

    @Test
    void generatedTracesReadHashAndSignAsTheSuiteDoes() throws IOException {
        for (TraceDifference difference : TraceDifference.values()) {
            TraceCorpus.TracePair pair = TraceCorpus.writePair(tmp.resolve(difference.cliName()), 30, difference, 77,
                    11, "bench-secret");
            for (Path file : new Path[] {pair.a(), pair.b()}) {
                GoldenTrace trace = GoldenTraceReader.readAll(file);
                assertThat(trace.steps()).hasSizeGreaterThanOrEqualTo(30);
                for (TraceStep step : trace.steps()) {
                    assertThat(step.recomputedHash()).as("%s step %s", file, step.position())
                            .isEqualTo(step.storedHash());
                }
                byte[] bytes = Files.readAllBytes(file);
                assertThat(trace.toBytes()).as("%s re-written by the suite", file).isEqualTo(bytes);
                assertThat(GoldenHashes.verifySignature("bench-secret".getBytes(), bytes,
                        Files.readString(Path.of(file + ".sig")))).isTrue();
            }
        }
    }

    @Test
    void stepSeedsAreTheSuitesDerivation() throws IOException {
        TraceCorpus.TracePair pair = TraceCorpus.writePair(tmp.resolve("p"), 10, TraceDifference.IDENTICAL, 4242);

        GoldenTrace trace = GoldenTraceReader.readAll(pair.a());
        for (TraceStep step : trace.steps()) {
            assertThat(step.seed()).contains(GoldenHashes.stepSeed(4242, step.index().orElseThrow()));
        }
    }

    @Test
    void generatedShadowGoldensAreWhatTheSuitesWriterWrites() throws IOException {
        GoldenFileCorpus.write(tmp.resolve("g"), 30, 5, Instant.parse("2026-11-28T00:00:00Z"), Duration.ZERO,
                Duration.ofDays(1), 1000);

        for (Path file : GoldenFileCorpusTest.list(tmp.resolve("g"))) {
            byte[] bytes = Files.readAllBytes(file);
            SimulationGolden golden = SimulationGolden.fromJson(GoldenJson.readTree(bytes));
            assertThat(golden.recomputedWorkflowHash()).isEqualTo(golden.workflowHash());
            assertThat(io.aos.ops.golden.format.SimulationGoldenWriter.toBytes(golden)).isEqualTo(bytes);
        }
    }
}
