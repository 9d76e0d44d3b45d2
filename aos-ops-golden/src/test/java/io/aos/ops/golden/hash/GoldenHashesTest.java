package io.aos.ops.golden.hash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.golden.json.GoldenJson;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every conformance vector of upstream's hash formulas: seed derivation, output_hash, step/workflow hashes, .sig. */
class GoldenHashesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void stepSeedsMatchTheEngineForBase12345() {
        assertThat(List.of(0, 1, 2, 3, 4).stream().map(i -> GoldenHashes.stepSeed(12345L, i).toString()))
                .containsExactly("15554826178763638935", "12451472201012505513", "10363397461521301188",
                        "839726312476822599", "15146612403570567884");
    }

    @Test
    void stepSeedMatchesTheEngineForBase74439AndTakesBigBaseSeeds() {
        assertThat(GoldenHashes.stepSeed(BigInteger.valueOf(74439), 0))
                .isEqualTo(new BigInteger("13683862440590399205"));
        assertThat(GoldenHashes.stepSeed(new BigInteger("15554826178763638935"), 0))
                .isEqualTo(GoldenHashes.stepSeed(new BigInteger("15554826178763638935"), 0))
                .isPositive();
    }

    @Test
    void outputHashMatchesTheEngineVector() {
        JsonNode result = GoldenJson.readTree("{\"cost_cents\":0,\"duration_ms\":0,\"error\":null,\"error_code\":null,"
                + "\"output\":{\"echo\":{\"msg\":\"h\u00e9llo\"},\"latency_ms\":12,\"score\":0.1234567891,"
                + "\"seed_mod\":935},\"recovery_hint\":null,\"retries\":0,\"step_id\":\"s1\",\"success\":true}");
        assertThat(GoldenCanonicalizer.outputHashRules().canonicalJson(result)).isEqualTo("{\"cost_cents\":0,"
                + "\"output\":{\"echo\":{\"msg\":\"h\\u00e9llo\"},\"score\":0.123457,\"seed_mod\":935},\"retries\":0,"
                + "\"step_id\":\"s1\",\"success\":true}");
        assertThat(GoldenHashes.outputHash(result)).isEqualTo("89a15306e6a7c50d");
    }

    @Test
    void canonicalHashWithRedactionAndBytesMatchesTheEngineVector() {
        ObjectNode v = NODES.objectNode();
        v.put("b", 1.23456789);
        v.putNull("A");
        v.put("duration_ms", 5);
        ObjectNode nested = v.putObject("Nested");
        nested.put("ts", "t");
        nested.putArray("Z").add(1).add(2.5).addObject().put("latency_ms", 3).put("k", "v");
        v.put("request_id", "r");
        v.put("api_key", "s");
        v.put("blob", new byte[] {0, 1});
        assertThat(GoldenCanonicalizer.engineDefaults().canonicalJson(v)).isEqualTo("{\"api_key\":\"[REDACTED]\","
                + "\"b\":1.234568,\"blob\":\"[BYTES:b413f47d13ee2fe6]\",\"nested\":{\"z\":[1,2.5,{\"k\":\"v\"}]}}");
        assertThat(GoldenHashes.canonicalHash(v)).isEqualTo("7d73ad05ac100ba8");
    }

    @Test
    void signatureMatchesTheRecorderVectorsWithAndWithoutASecret() {
        byte[] file = ("{\"data\":{\"status\":\"completed\"},\"event_type\":\"run_end\",\"run_id\":\"r1\","
                + "\"timestamp\":\"2025-01-01T00:00:00+00:00\"}\n").getBytes(StandardCharsets.UTF_8);
        assertThat(GoldenHashes.sign("ci-secret", file))
                .isEqualTo("263a037d0ba115eeba469258d47c080d0ba7db0985acd41b380efced6773b5d3");
        assertThat(GoldenHashes.sign("", file))
                .isEqualTo("67446ef4ab2c2f45393aff7133fbc8eb59dc3d6069872d8463ac60302a1524b4");
    }

    @Test
    void verifySignatureIgnoresSurroundingWhitespaceAndRejectsAnythingElse() {
        byte[] file = "x\n".getBytes(StandardCharsets.UTF_8);
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        String sig = GoldenHashes.sign(key, file);
        assertThat(GoldenHashes.verifySignature(key, file, sig + "\n")).isTrue();
        assertThat(GoldenHashes.verifySignature(key, file, sig.toUpperCase())).isFalse();
        assertThat(GoldenHashes.verifySignature(key, "y\n".getBytes(StandardCharsets.UTF_8), sig)).isFalse();
        assertThat(GoldenHashes.verifySignature(key, file, null)).isFalse();
    }

    // ---- format B: the shadow simulation's stub skills, written here only to produce the payloads ----------------

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode computeHash(String data, BigInteger seed) throws Exception {
        return NODES.objectNode().put("hash", sha256(data + ":" + seed)).put("seed", seed);
    }

    private static JsonNode transformKeys(List<String> sortedKeys, BigInteger seed) {
        ObjectNode o = NODES.objectNode();
        sortedKeys.forEach(o.putArray("keys")::add);
        return o.put("count", sortedKeys.size()).put("seed", seed);
    }

    private static JsonNode transformList(int count, BigInteger seed) {
        return NODES.objectNode().put("count", count).put("seed", seed);
    }

    /** {@code len(str(params))} of {@code {'file': 'file1.txt'}} is 21. */
    private static JsonNode mockIo(String pythonRepr, BigInteger seed) {
        return NODES.objectNode().put("read_bytes", pythonRepr.length()).put("operation", "mock_read").put("seed", seed);
    }

    private static JsonNode llmStub(String prompt, BigInteger seed) throws Exception {
        return NODES.objectNode().put("response", "Response-" + seed + "-" + md5(prompt).substring(0, 8))
                .put("seed", seed);
    }

    private interface Skill {
        JsonNode run(BigInteger seed) throws Exception;
    }

    private record Step(String skill, Skill body) {
    }

    private static List<Step> workflow(String type) {
        return switch (type) {
            case "compute" -> List.of(
                    new Step("compute_hash", s -> computeHash("input_data_step_1", s)),
                    new Step("transform_json", s -> transformKeys(List.of("a", "b", "c"), s)),
                    new Step("compute_hash", s -> computeHash("step_2_output", s)),
                    new Step("transform_json", s -> transformList(5, s)),
                    new Step("llm_stub", s -> llmStub("Summarize the computation", s)));
            case "io" -> List.of(
                    new Step("mock_io", s -> mockIo("{'file': 'file1.txt'}", s)),
                    new Step("mock_io", s -> mockIo("{'file': 'file2.txt'}", s)),
                    new Step("transform_json", s -> transformKeys(List.of("files"), s)),
                    new Step("compute_hash", s -> computeHash("combined_content", s)));
            case "llm" -> List.of(
                    new Step("llm_stub", s -> llmStub("Step 1: Analyze", s)),
                    new Step("transform_json", s -> transformKeys(List.of("analysis"), s)),
                    new Step("llm_stub", s -> llmStub("Step 2: Execute", s)));
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static List<String> stepHashes(String type, long seed) throws Exception {
        List<String> hashes = new ArrayList<>();
        List<Step> steps = workflow(type);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            hashes.add(GoldenHashes.simulationStepEntry(step.skill(), step.body().run(GoldenHashes.stepSeed(seed, i))));
        }
        return hashes;
    }

    @Test
    void simulationStepHashUsesPythonDefaultSeparators() {
        JsonNode payload = NODES.objectNode().put("response", "Response-15554826178763638935-e0bd97fb")
                .put("seed", new BigInteger("15554826178763638935"));
        assertThat(GoldenHashes.simulationStepHash(payload)).isEqualTo("3ad99b0b0e91161d");
    }

    @Test
    void committedSampleSeed74439IoReproduces() throws Exception {
        List<String> hashes = stepHashes("io", 74439);
        assertThat(hashes).containsExactly("mock_io:87bec47e62613a99", "mock_io:3e5aaa8c6e78b91a",
                "transform_json:41ef8a685e35feaf", "compute_hash:c3e33927cf3b2683");
        assertThat(GoldenHashes.workflowHash(hashes))
                .isEqualTo("85046808c4908b85a2b0ad5efdc3f9edc5434ca2c0581e1a7cbaadfef8dacbc5");
    }

    @Test
    void seed12345ComputeWorkflowReproduces() throws Exception {
        List<String> hashes = stepHashes("compute", 12345);
        assertThat(hashes.get(0)).isEqualTo("compute_hash:62ad1798e23f06db");
        assertThat(GoldenHashes.workflowHash(hashes))
                .isEqualTo("8c9499ad6cfd7fb45151bf1b81dd524d8872d89cf27ea34c978dfcd5cff184b2");
    }

    @Test
    void seed12345IoWorkflowReproduces() throws Exception {
        List<String> hashes = stepHashes("io", 12345);
        assertThat(hashes.get(0)).isEqualTo("mock_io:5a2890abb3dec49b");
        assertThat(GoldenHashes.workflowHash(hashes))
                .isEqualTo("6955e173f49f30406b868509a83a6c70499e01b01268d4cd81e0f0f6fb5f537f");
    }

    @Test
    void seed12345LlmWorkflowReproduces() throws Exception {
        List<String> hashes = stepHashes("llm", 12345);
        assertThat(hashes.get(0)).isEqualTo("llm_stub:3ad99b0b0e91161d");
        assertThat(GoldenHashes.workflowHash(hashes))
                .isEqualTo("d64de269127d6314d9aaee00119d53f47a5c0160a54e411577bb79624cb30e8e");
    }

    @Test
    void specHashKeepsNullsAndKeyCase() {
        JsonNode spec = GoldenJson.readTree("{\"id\":\"wf\",\"Name\":null,\"score\":0.1234567891}");
        assertThat(GoldenHashes.specHash(spec)).isNotEqualTo(
                GoldenHashes.specHash(GoldenJson.readTree("{\"id\":\"wf\",\"score\":0.1234567891}")));
    }
}
