package io.aos.ops.golden.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceAuditorTest {

    @TempDir
    Path tmp;

    @Test
    void pythonWrittenEngineTraceVerifiesWithItsSecret() throws IOException {
        Path file = GoldenTraceReaderTest.fixture(tmp, GoldenTraceReaderTest.ENGINE);
        GoldenTraceReaderTest.fixture(tmp, GoldenTraceReaderTest.ENGINE + ".sig");
        TraceAudit audit = TraceAuditor.withSignatures("test-secret".getBytes(StandardCharsets.UTF_8)).audit(file);
        assertThat(audit.signature()).isEqualTo(SignatureStatus.VALID);
        assertThat(audit.stepCount()).isEqualTo(2);
        assertThat(audit.endStatus()).isEqualTo("failed");
        assertThat(audit.verified(false)).isTrue();
    }

    @Test
    void aStepSeedThatIsNotDerivedFromTheBaseSeedIsFlagged() throws IOException {
        Path file = GoldenTraceReaderTest.fixture(tmp, GoldenTraceReaderTest.ENGINE);
        Files.writeString(file, Files.readString(file).replace("\"seed\":12451472201012505513",
                "\"seed\":12451472201012505514"));
        List<StepCheck> seen = new ArrayList<>();
        TraceAudit audit = TraceAuditor.hashesOnly().audit(file, new TraceAuditor.Listener() {
            @Override
            public void step(StepCheck check) {
                seen.add(check);
            }
        });
        assertThat(seen).hasSize(2);
        assertThat(audit.seedMismatches()).isOne();
        assertThat(audit.hashMismatches()).isZero();
        assertThat(audit.steps()).singleElement().satisfies(s -> assertThat(s.index()).isOne());
        assertThat(audit.hashesMatch()).isFalse();
    }

    @Test
    void simulationGoldenVerifiesByItsWorkflowHashWithoutSignature() throws IOException {
        Path file = GoldenTraceReaderTest.fixture(tmp, GoldenTraceReaderTest.SIMULATION);
        TraceAudit audit = TraceAuditor.withSignatures(new byte[0]).audit(file);
        assertThat(audit.signature()).isEqualTo(SignatureStatus.NOT_SIGNED_FORMAT);
        assertThat(audit.workflowHashMatches()).isTrue();
        assertThat(audit.unverifiableSteps()).isEqualTo(4);
        assertThat(audit.verified(false)).isTrue();
    }

    @Test
    void anUnreadableFileIsAnAuditWithAnErrorNotAnException() {
        TraceAudit audit = TraceAuditor.hashesOnly().audit(tmp.resolve("gone.golden.json"));
        assertThat(audit.readable()).isFalse();
        assertThat(audit.error()).endsWith("gone.golden.json: no such file");
    }
}
