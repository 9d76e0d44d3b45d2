package io.aos.ops.golden.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.golden.hash.GoldenHashes;
import io.aos.ops.golden.json.GoldenJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A step index or seed that is there but unusable is named as what it is, never as missing, never as invalid JSON,
 * and a step without a usable index is never shown as the step of its position: in one pass and in chunks.
 */
class UnusableStepFieldsTest {

    private static final String OUTPUT = "{\"v\":1}";

    @TempDir
    Path tmp;

    private static String start(String seed) {
        return "{\"data\":{\"seed\":" + seed + "},\"event_type\":\"run_start\",\"run_id\":\"r\"}\n";
    }

    private static String step(String index, String seed) {
        return "{\"data\":{\"index\":" + index + ",\"output\":" + OUTPUT + ",\"output_hash\":\""
                + GoldenHashes.outputHash(GoldenJson.readTree(OUTPUT)) + "\",\"seed\":" + seed
                + ",\"step_id\":\"s\"},\"event_type\":\"step\",\"run_id\":\"r\"}\n";
    }

    /** The audit in one pass, and in chunks on a pool (whose answer must be the same). */
    private List<TraceAudit> audits(String text) throws Exception {
        Path file = tmp.resolve("t.steps.jsonl");
        Files.writeString(file, text);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<TraceAudit> audits = new ArrayList<>();
            audits.add(TraceAuditor.hashesOnly().audit(file));
            audits.add(TraceAuditor.hashesOnly().withExecutor(pool, 64).audit(file));
            return audits;
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1180591620717411303424 | step index 1180591620717411303424 out of range",
        "2147483648             | step index 2147483648 out of range",
        "-1                     | step index is not a non-negative integer: -1",
        "0.0                    | step index is not a non-negative integer: 0.0",
        "true                   | step index is not a non-negative integer: true",
        "\"0\"                  | step index is not a non-negative integer: \"0\"",
        "null                   | step index is not a non-negative integer: null",
    })
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anUnusableIndexIsNamedAndNeverShownAsAStepNumber(String index, String reason) throws Exception {
        String seed = GoldenHashes.stepSeed(7L, 0).toString();
        for (TraceAudit audit : audits(start("7") + step("0", seed) + step(index, seed))) {
            assertThat(audit.error()).isNull();
            assertThat(audit.problems()).containsExactly(
                    "the step at line 3: " + reason + ": its order and seed cannot be checked");
            assertThat(audit.verified(true)).isFalse();
            assertThat(audit.seedMismatches()).isZero();
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aStepWithoutAUsableIndexIsListedWithoutOne() throws Exception {
        Path file = tmp.resolve("t.steps.jsonl");
        Files.writeString(file, start("7") + step("-1", "1"));
        List<StepCheck> listed = new ArrayList<>();
        TraceAuditor.hashesOnly().audit(file, new TraceAuditor.Listener() {
            @Override
            public void step(StepCheck check) {
                listed.add(check);
            }
        });

        assertThat(listed).singleElement().satisfies(c -> {
            assertThat(c.index()).isEqualTo(-1);
            assertThat(c.toString()).startsWith("step ? ");
            assertThat(c.toJson().get("index").isNull()).isTrue();
        });
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFloatSeedIsNotAnIntegerRatherThanMissing() throws Exception {
        for (TraceAudit audit : audits(start("1.5") + step("0", "2.5"))) {
            assertThat(audit.error()).isNull();
            assertThat(audit.problems()).containsExactlyInAnyOrder(
                    "run_start (line 1) seed is not an integer: 1.5: no step seed can be checked",
                    "the step at line 2: seed is not an integer: 2.5: it cannot be checked");
            assertThat(String.join("\n", audit.problems())).doesNotContain("no seed");
        }
        for (TraceAudit audit : audits(start("7") + step("0", "\"12\""))) {
            assertThat(audit.problems()).containsExactly(
                    "the step at line 2: seed is not an integer: \"12\": it cannot be checked");
        }
    }
}
