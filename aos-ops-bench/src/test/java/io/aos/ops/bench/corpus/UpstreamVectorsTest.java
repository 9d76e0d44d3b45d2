package io.aos.ops.bench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generators reproduce upstream's formulas: its conformance vectors for engine traces and simulation goldens. */
class UpstreamVectorsTest {

    @Test
    void stepSeedsFollowTheEngineDerivation() {
        assertThat(List.of(0, 1, 2, 3, 4).stream().map(i -> Digests.stepSeed(12345, i)).toList()).containsExactly(
                new BigInteger("15554826178763638935"), new BigInteger("12451472201012505513"),
                new BigInteger("10363397461521301188"), new BigInteger("839726312476822599"),
                new BigInteger("15146612403570567884"));
        assertThat(Digests.stepSeed(74439, 0)).isEqualTo(new BigInteger("13683862440590399205"));
    }

    @Test
    void outputHashMatchesTheUpstreamVector() {
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("msg", "h\u00e9llo");
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("echo", echo);
        inner.put("latency_ms", 12);
        inner.put("score", new BigDecimal("0.1234567891"));
        inner.put("seed_mod", 935);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("cost_cents", 0);
        output.put("duration_ms", 0);
        output.put("error", null);
        output.put("error_code", null);
        output.put("output", inner);
        output.put("recovery_hint", null);
        output.put("retries", 0);
        output.put("step_id", "s1");
        output.put("success", true);

        assertThat(CorpusJson.compactSorted(StepOutputHash.canonical(output))).isEqualTo(
                "{\"cost_cents\":0,\"output\":{\"echo\":{\"msg\":\"h\\u00e9llo\"},\"score\":0.123457,\"seed_mod\":935},"
                        + "\"retries\":0,\"step_id\":\"s1\",\"success\":true}");
        assertThat(StepOutputHash.of(output)).isEqualTo("89a15306e6a7c50d");
    }

    @Test
    void ioWorkflowReproducesTheCommittedGoldenSample() {
        List<String> hashes = UpstreamWorkflow.IO.stepHashes(74439);

        assertThat(hashes).containsExactly("mock_io:87bec47e62613a99", "mock_io:3e5aaa8c6e78b91a",
                "transform_json:41ef8a685e35feaf", "compute_hash:c3e33927cf3b2683");
        assertThat(UpstreamWorkflow.workflowHash(hashes))
                .isEqualTo("85046808c4908b85a2b0ad5efdc3f9edc5434ca2c0581e1a7cbaadfef8dacbc5");
    }

    @Test
    void allThreeWorkflowsMatchTheSeed12345Vectors() {
        assertThat(UpstreamWorkflow.COMPUTE.stepHashes(12345).get(0)).isEqualTo("compute_hash:62ad1798e23f06db");
        assertThat(UpstreamWorkflow.workflowHash(UpstreamWorkflow.COMPUTE.stepHashes(12345)))
                .isEqualTo("8c9499ad6cfd7fb45151bf1b81dd524d8872d89cf27ea34c978dfcd5cff184b2");
        assertThat(UpstreamWorkflow.IO.stepHashes(12345).get(0)).isEqualTo("mock_io:5a2890abb3dec49b");
        assertThat(UpstreamWorkflow.workflowHash(UpstreamWorkflow.IO.stepHashes(12345)))
                .isEqualTo("6955e173f49f30406b868509a83a6c70499e01b01268d4cd81e0f0f6fb5f537f");
        assertThat(UpstreamWorkflow.LLM.stepHashes(12345).get(0)).isEqualTo("llm_stub:3ad99b0b0e91161d");
        assertThat(UpstreamWorkflow.workflowHash(UpstreamWorkflow.LLM.stepHashes(12345)))
                .isEqualTo("d64de269127d6314d9aaee00119d53f47a5c0160a54e411577bb79624cb30e8e");
    }

    @Test
    void goldenFileIsPythonIndentTwoWithoutTrailingNewline() {
        String json = new ShadowGolden("primary-w1-280cfdcd", UpstreamWorkflow.IO, 74439, 0).json();

        assertThat(json).isEqualTo("""
                {
                  "run_id": "primary-w1-280cfdcd",
                  "workflow_type": "io",
                  "seed": 74439,
                  "step_hashes": [
                    "mock_io:87bec47e62613a99",
                    "mock_io:3e5aaa8c6e78b91a",
                    "transform_json:41ef8a685e35feaf",
                    "compute_hash:c3e33927cf3b2683"
                  ],
                  "workflow_hash": "85046808c4908b85a2b0ad5efdc3f9edc5434ca2c0581e1a7cbaadfef8dacbc5",
                  "duration_ms": 0,
                  "success": true,
                  "error": null
                }""");
    }

    @Test
    void isoformatOmitsZeroMicrosecondsLikePython() {
        assertThat(TraceCorpus.pythonIsoformat(java.time.Instant.parse("2025-01-01T00:00:00Z")))
                .isEqualTo("2025-01-01T00:00:00+00:00");
        assertThat(TraceCorpus.pythonIsoformat(java.time.Instant.parse("2026-11-28T02:24:38.585081Z")))
                .isEqualTo("2026-11-28T02:24:38.585081+00:00");
    }
}
