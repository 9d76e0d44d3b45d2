package io.aos.ops.golden.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.AosOpsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenTraceReaderTest {

    static final String ENGINE = "run-demo-1.steps.jsonl";
    static final String SIMULATION = "primary-w1-280cfdcd.golden.json";

    @TempDir
    Path tmp;

    /** Copies a fixture written by the Python tools into the temp dir. */
    static Path fixture(Path dir, String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(GoldenTraceReaderTest.class.getResourceAsStream(name))) {
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    @Test
    void engineTraceGivesHeaderStepsAndEndWithExactUnsignedSeeds() throws IOException {
        try (GoldenTraceReader reader = GoldenTraceReader.open(fixture(tmp, ENGINE))) {
            assertThat(reader.format()).isEqualTo(TraceFormat.ENGINE_JSONL);
            RunHeader header = reader.header().orElseThrow();
            assertThat(header.runId()).isEqualTo("run-demo-1");
            assertThat(header.specHash()).contains("fa09f580bdbefbd1");
            assertThat(header.seed()).contains(BigInteger.valueOf(12345));
            assertThat(header.replay()).contains(false);
            List<TraceStep> steps = new ArrayList<>();
            reader.steps().forEach(steps::add);
            assertThat(steps).hasSize(2);
            assertThat(steps.get(0).seed()).contains(new BigInteger("15554826178763638935"));
            assertThat(steps.get(0).storedHash()).contains("479b28cf02d431bc");
            assertThat(steps.get(0).recomputedHash()).isEqualTo(steps.get(0).storedHash());
            assertThat(steps.get(1).errorCode()).contains("INVALID_INPUT");
            assertThat(steps.get(1).recomputedHash()).contains("88485f2b78e8beab");
            assertThat(reader.end().orElseThrow().status()).contains("failed");
        }
    }

    @Test
    void engineTraceRewritesByteIdentical() throws IOException {
        Path file = fixture(tmp, ENGINE);
        assertThat(GoldenTraceReader.readAll(file).toBytes()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void simulationGoldenGivesHeaderStepsAndEndAndRewritesByteIdentical() throws IOException {
        Path file = fixture(tmp, SIMULATION);
        GoldenTrace trace = GoldenTraceReader.readAll(file);
        assertThat(trace.format()).isEqualTo(TraceFormat.SIMULATION_JSON);
        assertThat(trace.header().orElseThrow().workflowType()).contains("io");
        assertThat(trace.steps()).extracting(TraceStep::skill)
                .containsExactly("mock_io", "mock_io", "transform_json", "compute_hash");
        assertThat(trace.steps().get(3).storedHash()).contains("c3e33927cf3b2683");
        assertThat(trace.end().orElseThrow().workflowHash())
                .contains("85046808c4908b85a2b0ad5efdc3f9edc5434ca2c0581e1a7cbaadfef8dacbc5");
        assertThat(trace.toBytes()).isEqualTo(Files.readAllBytes(file));
        assertThat(SimulationGoldenWriter.toBytes(SimulationGolden.fromJson(trace.simulationObject().orElseThrow())))
                .isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void truncatedLastLineIsReportedWithTheCompleteEventCount() throws IOException {
        byte[] whole = Files.readAllBytes(fixture(tmp, ENGINE));
        String text = new String(whole, StandardCharsets.US_ASCII);
        int cut = text.indexOf('\n', text.indexOf('\n') + 1) + 40;
        Path file = tmp.resolve("cut.steps.jsonl");
        Files.write(file, text.substring(0, cut).getBytes(StandardCharsets.US_ASCII));
        try (GoldenTraceReader reader = GoldenTraceReader.open(file)) {
            assertThatThrownBy(() -> reader.steps().forEach(s -> { }))
                    .isInstanceOfSatisfying(TruncatedTraceException.class, e -> {
                        assertThat(e.completeEvents()).isEqualTo(2);
                        assertThat(e.line()).hasValue(3);
                    })
                    .hasMessageContaining("truncated last line 3").hasMessageContaining("after 2 complete events");
        }
    }

    @Test
    void truncatedLiteralAtTheEndIsATruncationToo() throws IOException {
        Path file = tmp.resolve("cut.jsonl");
        Files.writeString(file, "{\"event_type\":\"run_start\",\"data\":{}}\n{\"event_type\":\"step\",\"data\":{\"success\":tr");
        try (GoldenTraceReader reader = GoldenTraceReader.open(file)) {
            assertThatThrownBy(() -> reader.steps().forEach(s -> { }))
                    .isInstanceOf(TruncatedTraceException.class);
        }
    }

    @Test
    void invalidJsonInTheMiddleNamesFileLineAndColumn() throws IOException {
        Path file = tmp.resolve("bad.steps.jsonl");
        Files.writeString(file, "{\"event_type\":\"run_start\",\"data\":{}}\n{\"event_type\":\"step\",,}\n"
                + "{\"event_type\":\"run_end\",\"data\":{}}\n");
        try (GoldenTraceReader reader = GoldenTraceReader.open(file)) {
            assertThatThrownBy(() -> reader.steps().forEach(s -> { }))
                    .isInstanceOf(AosOpsException.class)
                    .isNotInstanceOf(TruncatedTraceException.class)
                    .hasMessageStartingWith(file + ": invalid JSON at line 2, column 22");
        }
    }

    @Test
    void oneLineTraceWithoutFinalNewlineReadsLikeAnyOther() throws IOException {
        Path file = tmp.resolve("one.steps.jsonl");
        Files.writeString(file, "{\"data\":{\"status\":\"completed\"},\"event_type\":\"run_end\",\"run_id\":\"r1\"}");
        try (GoldenTraceReader reader = GoldenTraceReader.open(file)) {
            assertThat(reader.header()).isEmpty();
            assertThat(reader.hasNextStep()).isFalse();
            assertThat(reader.end().orElseThrow().status()).contains("completed");
        }
    }

    @Test
    void formatComesFromContentWhenTheNameSaysNothing() throws IOException {
        Path engineAsJson = tmp.resolve("trace.json");
        Files.copy(fixture(tmp, ENGINE), engineAsJson);
        Path simulationAsTxt = tmp.resolve("golden.txt");
        Files.copy(fixture(tmp, SIMULATION), simulationAsTxt);
        try (GoldenTraceReader a = GoldenTraceReader.open(engineAsJson);
             GoldenTraceReader b = GoldenTraceReader.open(simulationAsTxt)) {
            assertThat(a.format()).isEqualTo(TraceFormat.ENGINE_JSONL);
            assertThat(b.format()).isEqualTo(TraceFormat.SIMULATION_JSON);
        }
        Path other = tmp.resolve("other.json");
        Files.writeString(other, "{\"hello\":1}");
        assertThatThrownBy(() -> GoldenTraceReader.open(other)).isInstanceOf(AosOpsException.class)
                .hasMessageContaining("not a golden trace");
    }

    @Test
    void twoGigabyteSimulationGoldenIsRefusedWithoutLoadingIt() throws IOException {
        Path huge = tmp.resolve("huge.golden.json");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(2L << 30); // sparse: 2 GB on paper, nothing on disk
        }
        assertThatThrownBy(() -> GoldenTraceReader.open(huge)).isInstanceOf(AosOpsException.class)
                .hasMessageContaining("huge.golden.json").hasMessageContaining("larger than 64 MB");
        assertThat(TraceAuditor.hashesOnly().audit(huge).error()).contains("larger than 64 MB");
    }

    @Test
    void missingFileIsBadInputNamingIt() {
        Path missing = tmp.resolve("nope.steps.jsonl");
        assertThatThrownBy(() -> GoldenTraceReader.open(missing)).isInstanceOf(AosOpsException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void resumedRunKeepsTheSecondRunStartAsAnOtherEvent() throws IOException {
        Path file = tmp.resolve("resumed.steps.jsonl");
        Files.writeString(file, "{\"data\":{\"seed\":1},\"event_type\":\"run_start\",\"run_id\":\"r\"}\n"
                + "{\"data\":{\"index\":0},\"event_type\":\"step\",\"run_id\":\"r\"}\n"
                + "{\"data\":{\"seed\":1},\"event_type\":\"run_start\",\"extra\":[1],\"run_id\":\"r\"}\n"
                + "{\"data\":{\"index\":1},\"event_type\":\"step\",\"run_id\":\"r\"}\n"
                + "{\"data\":{\"status\":\"completed\"},\"event_type\":\"run_end\",\"run_id\":\"r\"}\n");
        GoldenTrace trace = GoldenTraceReader.readAll(file);
        assertThat(trace.steps()).extracting(TraceStep::index).containsExactly(OptionalInt.of(0), OptionalInt.of(1));
        assertThat(trace.otherEvents()).singleElement().satisfies(e -> {
            assertThat(e.isRunStart()).isTrue();
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.raw().path("extra").size()).isEqualTo(1);
        });
        assertThat(trace.toBytes()).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void streamWithKnownFormatReadsWithoutAFile() {
        InputStream in = new java.io.ByteArrayInputStream(
                "{\"data\":{\"index\":0,\"seed\":18446744073709551615},\"event_type\":\"step\"}\n"
                        .getBytes(StandardCharsets.US_ASCII));
        try (GoldenTraceReader reader = GoldenTraceReader.open(in, "stdin", TraceFormat.ENGINE_JSONL)) {
            assertThat(reader.nextStep().seed()).contains(new BigInteger("18446744073709551615"));
        }
    }
}
