package io.aos.ops.golden.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.common.util.concurrent.MoreExecutors;
import io.aos.ops.golden.hash.GoldenHashes;
import io.aos.ops.golden.json.GoldenJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two events joined on one line (a lost line break) are invalid in an engine trace, as {@code golden diff} and
 * upstream's Python tool (one {@code json.loads} a line) say: every reader names the file, the line and the column
 * where the second value starts, in one pass or in chunks.
 */
class OneEventPerLineTest {

    private static final String START = "{\"data\":{\"seed\":7},\"event_type\":\"run_start\",\"run_id\":\"r\"}";

    @TempDir
    Path tmp;

    private static String step(int index) {
        String output = "{\"value\":" + index + "}";
        String hash = GoldenHashes.outputHash(GoldenJson.readTree(output));
        return "{\"data\":{\"index\":" + index + ",\"output\":" + output + ",\"output_hash\":\"" + hash
                + "\",\"seed\":" + GoldenHashes.stepSeed(7L, index)
                + ",\"step_id\":\"s" + index + "\"},\"event_type\":\"step\",\"run_id\":\"r\"}";
    }

    /** A trace whose line 3 holds steps 1 and 2 joined by {@code glue}; the second starts at the returned column. */
    private Path joined(String glue, int before) throws Exception {
        StringBuilder text = new StringBuilder(START).append('\n').append(step(0)).append('\n');
        String first = step(1);
        text.append(first).append(glue).append(step(2)).append('\n');
        for (int i = 3; i < 3 + before; i++) {
            text.append(step(i)).append('\n');
        }
        Path file = tmp.resolve("joined.steps.jsonl");
        Files.writeString(file, text);
        return file;
    }

    private static String expected(Path file, String glue) {
        return file + ": invalid JSON at line 3, column " + (step(1).length() + glue.length() + 1)
                + ": more than one JSON value on the line";
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t  "})
    void hashNamesTheSecondValueOfALine(String glue) throws Exception {
        Path file = joined(glue, 2);

        TraceAudit audit = TraceAuditor.hashesOnly().audit(file);

        assertThat(audit.error()).isEqualTo(expected(file, glue));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void verifyNamesTheSecondValueOfALine(String glue) throws Exception {
        Path file = joined(glue, 0);

        TraceAudit audit = TraceAuditor.withSignatures(new byte[0]).audit(file);

        assertThat(audit.error()).isEqualTo(expected(file, glue));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void chunkedHashNamesTheSecondValueOfALine() throws Exception {
        Path file = joined(" ", 40);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int chunk : new int[] {64, 300, 1 << 18}) {
                TraceAudit audit = TraceAuditor.hashesOnly().withExecutor(pool, chunk).audit(file);

                assertThat(audit.error()).as("chunks of %s bytes", chunk).isEqualTo(expected(file, " "));
            }
            assertThat(TraceAuditor.hashesOnly().withExecutor(MoreExecutors.directExecutor()).audit(file).error())
                    .isEqualTo(expected(file, " "));
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void readerNamesTheSecondValueOfALine() throws Exception {
        Path file = joined("", 1);

        BadGoldenException e = catchThrowableOfType(BadGoldenException.class, () -> GoldenTraceReader.readAll(file));

        assertThat(e).hasMessage(expected(file, ""));
        assertThat(e.line()).hasValue(3);
    }

    @Test
    void eventsOverSeveralLinesAreStillRead() throws Exception {
        Path file = tmp.resolve("spread.steps.jsonl");
        Files.writeString(file, START + "\n" + step(0).replace(",\"event_type\"", ",\n\"event_type\"") + "\n"
                + step(1) + "\n");

        TraceAudit audit = TraceAuditor.hashesOnly().audit(file);

        assertThat(audit.error()).isNull();
        assertThat(GoldenTraceReader.readAll(file).steps()).hasSize(2);
    }
}
