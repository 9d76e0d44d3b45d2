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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"-1", "0.0", "1.5", "true", "\"3\"", "null", "2147483648", "[1]"})
    void theLibraryStepHasNoIndexWhereTheAuditShowsNone(String index) throws Exception {
        Path file = tmp.resolve("t.steps.jsonl");
        Files.writeString(file, start("7") + step("0", "1") + step(index, "1"));

        List<TraceStep> steps = GoldenTraceReader.readAll(file).steps();

        assertThat(steps.get(0).index()).hasValue(0);
        assertThat(steps.get(0).badIndex()).isEmpty();
        assertThat(steps.get(1).index()).as("never the position, 1").isEmpty();
        assertThat(steps.get(1).badIndex()).hasValue(index);
    }

    /**
     * Property: over generated index values (whole numbers of every size and sign, fractions, other JSON types, none),
     * the library's {@link TraceStep#index()} is the index the hash audit lists (empty where it lists {@code -1},
     * {@code step ?}), and {@link TraceStep#badIndex()} is the value the audit names as unusable.
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theLibraryStepIndexAgreesWithTheAudit() throws Exception {
        java.util.Random r = new java.util.Random(20261203L);
        String[] other = {"0.0", "1.0", "2.5", "1e2", "-0", "true", "false", "null", "\"0\"", "[]", "{}", "{\"a\":1}"};
        for (int i = 0; i < 100; i++) {
            StringBuilder text = new StringBuilder(start("7"));
            List<String> written = new ArrayList<>();
            int n = 1 + r.nextInt(5);
            for (int k = 0; k < n; k++) {
                String index = switch (r.nextInt(6)) {
                    case 0 -> Integer.toString(r.nextInt(1000));
                    case 1 -> Long.toString(-1 - r.nextInt(1000));
                    case 2 -> Long.toString(Integer.MAX_VALUE + (long) r.nextInt(3) - 1);
                    case 3 -> new java.math.BigInteger(80, r).toString();
                    case 4 -> other[r.nextInt(other.length)];
                    default -> null;
                };
                written.add(index);
                text.append(index == null ? step("0", "1").replace("\"index\":0,", "") : step(index, "1"));
            }
            Path file = tmp.resolve("p" + i + ".steps.jsonl");
            Files.writeString(file, text);
            List<StepCheck> listed = new ArrayList<>();
            TraceAudit audit = TraceAuditor.hashesOnly().audit(file, new TraceAuditor.Listener() {
                @Override
                public void step(StepCheck check) {
                    listed.add(check);
                }
            });
            List<TraceStep> steps = GoldenTraceReader.readAll(file).steps();

            assertThat(steps).hasSize(n);
            assertThat(listed).hasSize(n);
            for (int k = 0; k < n; k++) {
                TraceStep step = steps.get(k);
                String what = "index " + written.get(k);
                assertThat(step.index().orElse(-1)).as(what).isEqualTo(listed.get(k).index());
                // the audit names an unusable index (once for each value), and never a usable one
                String named = "the step at line " + (k + 2) + ": step index";
                assertThat(audit.problems().stream().filter(p -> p.startsWith(named)))
                        .as(what).allMatch(p -> step.badIndex().isPresent()
                                && p.contains(" " + step.badIndex().get() + (p.contains("out of range") ? " " : ":")));
                step.badIndex().ifPresent(bad -> assertThat(audit.problems()).as(what)
                        .anyMatch(p -> p.contains("step index " + bad + " out of range")
                                || p.contains("not a non-negative integer: " + bad + ":")));
            }
        }
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
