package io.aos.ops.golden.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.golden.hash.GoldenHashes;
import io.aos.ops.golden.json.GoldenJson;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenRecorderTest {

    @TempDir
    Path tmp;

    /** A clock that returns the given instants, one per call: the timestamps of the Python fixture. */
    static final class SequenceClock extends Clock {
        private final Deque<Instant> instants;

        SequenceClock(String... isoInstants) {
            this.instants = new ArrayDeque<>(List.of(isoInstants).stream().map(Instant::parse).toList());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return instants.pop();
        }
    }

    @Test
    void recordedTraceIsByteIdenticalToThePythonRecordersAndSignedTheSame() throws IOException {
        Path python = GoldenTraceReaderTest.fixture(tmp.resolve("py"), GoldenTraceReaderTest.ENGINE);
        GoldenTrace expected = GoldenTraceReader.readAll(python);
        JsonNode spec = GoldenJson.readTree(new String(GoldenTraceReaderTest.class
                .getResourceAsStream("spec-wf-demo.json").readAllBytes(), StandardCharsets.UTF_8));
        Clock clock = new SequenceClock("2026-11-28T02:24:38.585081Z", "2026-11-28T02:24:38.585400Z",
                "2026-11-28T02:24:38Z", "2026-11-28T02:24:38.585736Z");
        Path dir = tmp.resolve("java");
        String signature;
        try (GoldenRecorder recorder = GoldenRecorder.open(dir, "run-demo-1",
                "test-secret".getBytes(StandardCharsets.UTF_8), clock)) {
            recorder.recordRunStart(spec, BigInteger.valueOf(12345), false, null);
            for (TraceStep step : expected.steps()) {
                recorder.recordStep(step.index().orElseThrow(), step.stepId().orElseThrow(), step.skill(),
                        step.inputs().orElseThrow(),
                        step.seed().orElseThrow(), step.success().orElseThrow(), step.output().orElseThrow(),
                        step.errorCode().orElse(null), step.recoveryHint().orElse(null));
            }
            signature = recorder.recordRunEnd("failed");
        }
        Path written = dir.resolve("run-demo-1.steps.jsonl");
        assertThat(Files.readString(written)).isEqualTo(Files.readString(python));
        Path pythonSig = GoldenTraceReaderTest.fixture(tmp.resolve("py"), GoldenTraceReaderTest.ENGINE + ".sig");
        assertThat(signature).isEqualTo(Files.readString(pythonSig));
        assertThat(Files.readString(TraceFormat.signatureFileOf(written))).isEqualTo(signature);
    }

    @Test
    void reusedRunIdAppendsAndResignsTheWholeFile() throws IOException {
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
        byte[] key = "ci-secret".getBytes(StandardCharsets.UTF_8);
        try (GoldenRecorder recorder = GoldenRecorder.open(tmp, "r1", key, clock)) {
            assertThat(recorder.recordRunEnd("completed"))
                    .isEqualTo("263a037d0ba115eeba469258d47c080d0ba7db0985acd41b380efced6773b5d3");
        }
        try (GoldenRecorder recorder = GoldenRecorder.open(tmp, "r1", key, clock)) {
            String sig = recorder.recordRunEnd("completed");
            byte[] content = Files.readAllBytes(recorder.file());
            assertThat(new String(content, StandardCharsets.US_ASCII).lines()).hasSize(2);
            assertThat(GoldenHashes.verifySignature(key, content, sig)).isTrue();
        }
    }

    @Test
    void runIdThatWouldLeaveTheDirectoryIsRefused() {
        Clock clock = Clock.systemUTC();
        assertThatThrownBy(() -> GoldenRecorder.open(tmp, "../evil", new byte[0], clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pythonIsoformatOmitsZeroMicroseconds() {
        assertThat(PyTimestamps.isoformatUtc(Instant.parse("2025-01-01T00:00:00Z")))
                .isEqualTo("2025-01-01T00:00:00+00:00");
        assertThat(PyTimestamps.isoformatUtc(Instant.parse("2025-01-01T00:00:00.000123999Z")))
                .isEqualTo("2025-01-01T00:00:00.000123+00:00");
    }
}
