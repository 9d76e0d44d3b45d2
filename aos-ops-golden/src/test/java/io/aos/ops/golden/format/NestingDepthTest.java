package io.aos.ops.golden.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aos.ops.core.AosOpsException;
import io.aos.ops.golden.diff.DiffResult;
import io.aos.ops.golden.diff.GoldenDiff;
import io.aos.ops.golden.diff.Severity;
import io.aos.ops.golden.json.GoldenJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A complete line nested deeper than the reader's limit is reported as what it is (too deeply nested, with the file,
 * the line and the limit), never as a cut-off last line and never as a crash.
 */
class NestingDepthTest {

    private static final String START = "{\"data\":{\"seed\":1,\"spec_id\":\"wf\"},\"event_type\":\"run_start\","
            + "\"run_id\":\"r\"}\n";
    private static final String END = "{\"data\":{\"status\":\"completed\"},\"event_type\":\"run_end\",\"run_id\":\"r\"}";

    /** Where {@link #step} first nests too deep: after its 33-character prefix (3 levels), the 998th [. */
    private static final int DEEP_COLUMN = 33 + GoldenJson.MAX_NESTING_DEPTH - 2;

    @TempDir
    Path tmp;

    private static String step(int depth) {
        return "{\"data\":{\"index\":0,\"output\":{\"v\":" + "[".repeat(depth) + "]".repeat(depth)
                + "},\"output_hash\":\"0000000000000000\",\"seed\":1,\"step_id\":\"s0\"},\"event_type\":\"step\","
                + "\"run_id\":\"r\"}";
    }

    private Path file(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static void assertNestingError(String message, String file, int line) {
        assertThat(message).contains(file).contains("line " + line).contains("nested deeper than")
                .contains(String.valueOf(GoldenJson.MAX_NESTING_DEPTH)).doesNotContainIgnoringCase("truncated")
                .doesNotContainIgnoringCase("cut off");
    }

    @Test
    void aCompleteLastLineNestedTooDeepIsNotATruncatedLine() throws Exception {
        // the last line, complete, with and without the final newline
        for (String tail : new String[] {"\n", ""}) {
            Path trace = file("deep" + tail.length() + ".steps.jsonl", START + step(100_000) + tail);
            TraceAudit audit = TraceAuditor.hashesOnly().audit(trace);
            assertThat(audit.readable()).isFalse();
            assertThat(audit.truncated()).isFalse();
            assertNestingError(audit.error(), trace.getFileName().toString(), 2);
            assertThat(audit.error()).contains("column " + DEEP_COLUMN);
        }
    }

    @Test
    void aDeepLineInTheMiddleNamesItsLine() throws Exception {
        Path trace = file("middle.steps.jsonl", START + step(100_000) + "\n" + END + "\n");
        TraceAudit audit = TraceAuditor.hashesOnly().audit(trace);
        assertThat(audit.truncated()).isFalse();
        assertNestingError(audit.error(), "middle.steps.jsonl", 2);
    }

    @Test
    void theGenericReaderAndTheDiffSayTheSame() throws Exception {
        Path trace = file("deep.steps.jsonl", START + step(100_000) + "\n" + END + "\n");
        assertThatThrownBy(() -> {
            try (GoldenTraceReader reader = GoldenTraceReader.open(trace)) {
                reader.steps().forEach(s -> { });
            }
        }).satisfies(e -> assertNestingError(e.getMessage(), "deep.steps.jsonl", 2));
        Path other = file("other.steps.jsonl", START + step(1) + "\n" + END + "\n");
        assertThatThrownBy(() -> GoldenDiff.compare(other, trace)).isInstanceOf(AosOpsException.class)
                .satisfies(e -> assertNestingError(e.getMessage(), "deep.steps.jsonl", 2))
                .hasMessageContaining("column " + DEEP_COLUMN);
        assertThatThrownBy(() -> GoldenDiff.compare(trace, other)).isInstanceOf(AosOpsException.class)
                .satisfies(e -> assertNestingError(e.getMessage(), "deep.steps.jsonl", 2));
        Path json = file("deep.json", "{\"a\":\n" + "[".repeat(100_000) + "]".repeat(100_000) + "}\n");
        assertThatThrownBy(() -> GoldenDiff.compare(json, json)).isInstanceOf(AosOpsException.class)
                .satisfies(e -> assertNestingError(e.getMessage(), "deep.json", 2))
                .hasMessageContaining("column " + GoldenJson.MAX_NESTING_DEPTH);
        Path golden = file("deep.golden.json", "{\"run_id\":\"r\",\"step_hashes\":\n" + "[".repeat(100_000)
                + "]".repeat(100_000) + "}");
        TraceAudit audit = TraceAuditor.hashesOnly().audit(golden);
        assertNestingError(audit.error(), "deep.golden.json", 2);
        assertThat(audit.error()).contains("column " + GoldenJson.MAX_NESTING_DEPTH);
    }

    @Test
    void nestingJustUnderTheLimitIsReadHashedAndDiffed() throws Exception {
        int depth = GoldenJson.MAX_NESTING_DEPTH - 10;
        Path trace = file("ok.steps.jsonl", START + step(depth) + "\n" + END + "\n");
        TraceAudit audit = TraceAuditor.hashesOnly().audit(trace);
        assertThat(audit.readable()).as(String.valueOf(audit.error())).isTrue();
        Path other = file("other.steps.jsonl", START + step(depth - 1) + "\n" + END + "\n");
        DiffResult r = GoldenDiff.compare(trace, other);
        assertThat(r.severity()).isNotEqualTo(Severity.MATCH);
        assertThat(GoldenDiff.compare(trace, trace).severity()).isEqualTo(Severity.MATCH);
    }
}
