package io.aos.ops.golden.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTraceHasherTest {

    @TempDir
    Path tmp;

    @Test
    void streamingHashesEqualTheTreeReadersForEveryStep() throws IOException {
        Path file = GoldenTraceReaderTest.fixture(tmp, GoldenTraceReaderTest.ENGINE);
        List<EngineTraceHasher.StepHash> fast = new ArrayList<>();
        long events = new EngineTraceHasher().hashSteps(Files.newInputStream(file), file, fast::add);
        assertThat(events).isEqualTo(4);
        List<TraceStep> slow = GoldenTraceReader.readAll(file).steps();
        assertThat(fast).hasSize(slow.size());
        for (int i = 0; i < fast.size(); i++) {
            assertThat(fast.get(i).recomputedHash()).isEqualTo(slow.get(i).recomputedHash().orElseThrow())
                    .isEqualTo(fast.get(i).storedHash());
            assertThat(fast.get(i).seed()).isEqualTo(slow.get(i).seed().orElseThrow());
            assertThat(fast.get(i).line()).isEqualTo(slow.get(i).line());
        }
        assertThat(fast.get(0).seed()).isEqualTo(new BigInteger("15554826178763638935"));
    }

    @Test
    void cutOffLastLineIsATruncation() {
        byte[] cut = "{\"event_type\":\"run_start\",\"data\":{}}\n{\"data\":{\"output\":{\"a\":1"
                .getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new EngineTraceHasher().hashSteps(new ByteArrayInputStream(cut), Path.of("t.jsonl"),
                s -> { }))
                .isInstanceOfSatisfying(TruncatedTraceException.class, e -> assertThat(e.completeEvents()).isOne());
    }
}
