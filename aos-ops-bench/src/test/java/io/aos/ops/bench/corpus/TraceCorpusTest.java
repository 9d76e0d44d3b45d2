package io.aos.ops.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.diff.DiffResult;
import io.aos.ops.golden.diff.GoldenDiff;
import io.aos.ops.golden.diff.RootCause;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCorpusTest {

    @TempDir
    Path tmp;

    @Test
    void sameSeedGivesByteIdenticalTraces() throws IOException {
        TraceCorpus.TracePair first = TraceCorpus.writePair(tmp.resolve("1"), 50, TraceDifference.SEED_CHANGE, 7);
        TraceCorpus.TracePair second = TraceCorpus.writePair(tmp.resolve("2"), 50, TraceDifference.SEED_CHANGE, 7);

        assertThat(Files.readAllBytes(first.a())).isEqualTo(Files.readAllBytes(second.a()));
        assertThat(Files.readAllBytes(first.b())).isEqualTo(Files.readAllBytes(second.b()));
    }

    @Test
    void otherSeedGivesOtherTraces() throws IOException {
        TraceCorpus.TracePair first = TraceCorpus.writePair(tmp.resolve("1"), 10, TraceDifference.IDENTICAL, 7);
        TraceCorpus.TracePair second = TraceCorpus.writePair(tmp.resolve("2"), 10, TraceDifference.IDENTICAL, 8);

        assertThat(Files.readAllBytes(first.a())).isNotEqualTo(Files.readAllBytes(second.a()));
    }

    @Test
    void traceIsRunStartStepsRunEndWithAboutFiveHundredBytesPerStep() throws IOException {
        TraceCorpus.TracePair pair = TraceCorpus.writePair(tmp.resolve("p"), 200, TraceDifference.IDENTICAL, 12345);
        List<JsonNode> events = events(pair.a());

        assertThat(events).hasSize(202);
        assertThat(events.get(0).get("event_type").asText()).isEqualTo("run_start");
        assertThat(events.get(0).at("/data/steps_count").asInt()).isEqualTo(200);
        assertThat(events.get(201).get("event_type").asText()).isEqualTo("run_end");
        assertThat(events.get(1).at("/data/seed").bigIntegerValue()).isEqualTo(new BigInteger("15554826178763638935"));
        assertThat(pair.bytesA() / 200.0).isBetween(450.0, 650.0);
        assertThat(Files.readAllBytes(pair.a())).isEqualTo(Files.readAllBytes(pair.b()));
    }

    @Test
    void everyLineIsCompactWithSortedKeys() throws IOException {
        TraceCorpus.TracePair pair = TraceCorpus.writePair(tmp.resolve("p"), 5, TraceDifference.IDENTICAL, 1);

        for (String line : Files.readAllLines(pair.a())) {
            assertThat(line).doesNotContain(": ").doesNotContain(", ");
            assertThat(line).startsWith("{\"data\":{").contains("\"event_type\":").contains(",\"timestamp\":\"");
        }
    }

    @Test
    void outputHashOfEveryStepIsTheHashOfItsOutput() throws IOException {
        TraceCorpus.TracePair pair = TraceCorpus.writePair(tmp.resolve("p"), 20, TraceDifference.IDENTICAL, 3);

        for (JsonNode step : steps(pair.a())) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> output = OpsJson.mapper().convertValue(step.at("/data/output"),
                    java.util.Map.class);
            assertThat(StepOutputHash.of(decimals(output))).isEqualTo(step.at("/data/output_hash").asText());
        }
    }

    @Test
    void sigFileIsHmacSha256OfTheTraceWithTheSecret() throws Exception {
        TraceCorpus.TracePair pair = TraceCorpus.writePair(tmp.resolve("p"), 5, TraceDifference.IDENTICAL, 1, 2,
                "ci-secret");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("ci-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

        assertThat(Files.readString(Path.of(pair.a() + ".sig")))
                .isEqualTo(HexFormat.of().formatHex(mac.doFinal(Files.readAllBytes(pair.a()))));
    }

    @Test
    void emptySecretSignsLikeUpstreamsDefault() throws IOException {
        // upstream's conformance vector: this one run_end line signed with the empty key gives 67446ef4...
        Path file = tmp.resolve("r1.steps.jsonl");
        try (TraceCorpus.SignedFile out = new TraceCorpus.SignedFile(file, "")) {
            out.line("{\"data\":{\"status\":\"completed\"},\"event_type\":\"run_end\",\"run_id\":\"r1\","
                    + "\"timestamp\":\"2025-01-01T00:00:00+00:00\"}");
        }

        assertThat(Files.readString(Path.of(file + ".sig")))
                .isEqualTo("67446ef4ab2c2f45393aff7133fbc8eb59dc3d6069872d8463ac60302a1524b4");
    }

    @Test
    void volatileOnlyPairDiffersInTimestampsAndDurationsButNotInHashes() throws IOException {
        TraceCorpus.TracePair pair = TraceCorpus.writePair(tmp.resolve("p"), 30, TraceDifference.VOLATILE_ONLY, 5);
        List<JsonNode> a = events(pair.a());
        List<JsonNode> b = events(pair.b());

        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).get("timestamp")).isNotEqualTo(a.get(i).get("timestamp"));
            JsonNode strippedA = stripVolatile(a.get(i));
            JsonNode strippedB = stripVolatile(b.get(i));
            assertThat(strippedB).isEqualTo(strippedA);
        }
        assertThat(steps(pair.b()).get(0).at("/data/output/duration_ms"))
                .isNotEqualTo(steps(pair.a()).get(0).at("/data/output/duration_ms"));
    }

    @Test
    void leakedTimestampPairDiffersOnlyInThatStepsLeakedClockAndItsOutputHash() throws IOException {
        TraceCorpus.TracePair pair = TraceCorpus.writePair(tmp.resolve("p"), 40, TraceDifference.LEAKED_TIMESTAMP,
                5, 17, "");
        List<String> a = Files.readAllLines(pair.a());
        List<String> b = Files.readAllLines(pair.b());

        assertThat(differingLines(a, b)).containsExactly(18); // line 0 is run_start
        JsonNode stepA = OpsJson.mapper().readTree(a.get(18));
        JsonNode stepB = OpsJson.mapper().readTree(b.get(18));
        assertThat(stepA.at("/data/output/output/generated_at").asText())
                .isNotEqualTo(stepB.at("/data/output/output/generated_at").asText());
        assertThat(stepA.at("/data/output_hash")).isNotEqualTo(stepB.at("/data/output_hash"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) stepA.at("/data/output/output")).remove("generated_at");
        ((com.fasterxml.jackson.databind.node.ObjectNode) stepB.at("/data/output/output")).remove("generated_at");
        ((com.fasterxml.jackson.databind.node.ObjectNode) stepA.get("data")).remove("output_hash");
        ((com.fasterxml.jackson.databind.node.ObjectNode) stepB.get("data")).remove("output_hash");
        assertThat(stepA).isEqualTo(stepB);
        // the suite's own diff calls it what it is
        DiffResult diff = GoldenDiff.compare(pair.a(), pair.b());
        assertThat(diff.rootCause()).contains(RootCause.VOLATILE_LEAK);
        assertThat(diff.firstDivergingStep()).hasValue(17);
        assertThat(pair.changedStep()).isEqualTo(17);
    }

    @Test
    void seedChangePairDiffersInOneStepsSeedAndOutputHash() throws IOException {
        TraceCorpus.TracePair pair = TraceCorpus.writePair(tmp.resolve("p"), 40, TraceDifference.SEED_CHANGE, 5, 9,
                "");
        List<String> a = Files.readAllLines(pair.a());
        List<String> b = Files.readAllLines(pair.b());

        assertThat(differingLines(a, b)).containsExactly(10);
        JsonNode stepA = OpsJson.mapper().readTree(a.get(10));
        JsonNode stepB = OpsJson.mapper().readTree(b.get(10));
        assertThat(stepB.at("/data/seed")).isNotEqualTo(stepA.at("/data/seed"));
        assertThat(stepB.at("/data/output_hash")).isNotEqualTo(stepA.at("/data/output_hash"));
        assertThat(stepB.at("/data/step_id")).isEqualTo(stepA.at("/data/step_id"));
    }

    @Test
    void insertedStepPairHasOneExtraStepAndOtherwiseTheSameSteps() throws IOException {
        TraceCorpus.TracePair pair = TraceCorpus.writePair(tmp.resolve("p"), 40, TraceDifference.INSERTED_STEP, 5,
                12, "");
        List<JsonNode> a = steps(pair.a());
        List<JsonNode> b = steps(pair.b());

        assertThat(b).hasSize(a.size() + 1);
        assertThat(b.get(12).at("/data/step_id").asText()).isEqualTo("s12-extra");
        assertThat(events(pair.b()).get(0).at("/data/steps_count").asInt()).isEqualTo(41);
        for (int i = 0; i < a.size(); i++) {
            JsonNode sa = a.get(i).deepCopy();
            JsonNode sb = b.get(i < 12 ? i : i + 1).deepCopy();
            assertThat(sb.at("/data/index").asInt()).isEqualTo(i < 12 ? i : i + 1);
            ((com.fasterxml.jackson.databind.node.ObjectNode) sa.get("data")).remove("index");
            ((com.fasterxml.jackson.databind.node.ObjectNode) sb.get("data")).remove("index");
            ((com.fasterxml.jackson.databind.node.ObjectNode) sa.get("data").get("inputs")).remove("url");
            ((com.fasterxml.jackson.databind.node.ObjectNode) sb.get("data").get("inputs")).remove("url");
            assertThat(sb).isEqualTo(sa);
        }
    }

    @Test
    void refusesANonEmptyOutputDirectory() throws IOException {
        Files.writeString(tmp.resolve("precious.txt"), "keep me");

        assertThatThrownBy(() -> TraceCorpus.writePair(tmp, 5, TraceDifference.IDENTICAL, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not empty");
        assertThat(Files.readString(tmp.resolve("precious.txt"))).isEqualTo("keep me");
    }

    static List<Integer> differingLines(List<String> a, List<String> b) {
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i >= a.size() || i >= b.size() || !a.get(i).equals(b.get(i))) {
                result.add(i);
            }
        }
        return result;
    }

    private static List<JsonNode> events(Path file) throws IOException {
        List<JsonNode> result = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            result.add(OpsJson.mapper().readTree(line));
        }
        return result;
    }

    private static List<JsonNode> steps(Path file) throws IOException {
        return events(file).stream().filter(e -> e.get("event_type").asText().equals("step")).toList();
    }

    private static JsonNode stripVolatile(JsonNode event) {
        JsonNode copy = event.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("timestamp");
        JsonNode output = copy.at("/data/output");
        if (output.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) output).remove("duration_ms");
        }
        return copy;
    }

    /** Jackson reads decimals as Double; the hash works on the decimals the generator wrote. */
    @SuppressWarnings("unchecked")
    private static java.util.Map<String, Object> decimals(java.util.Map<String, Object> map) {
        java.util.Map<String, Object> result = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> result.put(k, decimalValue(v)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Object decimalValue(Object v) {
        if (v instanceof Double d) {
            return new java.math.BigDecimal(d.toString());
        }
        if (v instanceof java.util.Map<?, ?> m) {
            return decimals((java.util.Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(TraceCorpusTest::decimalValue).toList();
        }
        return v;
    }
}
