package io.aos.ops.golden.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.golden.hash.GoldenCanonicalizer;
import io.aos.ops.golden.json.GoldenJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Step outputs whose keys hold a capital sigma (a_Σ, a"Σ, a-Σ, a1Σ, ΟΔΟΣ_ΑΡΙΘΜΟΣ, and a_Σ beside a_σ, which collide
 * only under Python's lower()), in a trace written by {@code src/test/python/py_str_lower_vectors.py}: its
 * output_hash values are those of {@code aos-ops-bench/baselines/recompute_hashes.py} under CPython 3.11.7.
 */
class SigmaKeyTraceTest {

    private static final List<String> PYTHON_OUTPUT_HASHES = List.of("3715ce2acec9eb93", "f078bb48f2e4bb8e");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"sigma-keys.steps.jsonl", "sigma-keys-utf8.steps.jsonl"})
    void everyStepHashesToPythonsOutputHash(String name) throws IOException {
        Path file = GoldenTraceReaderTest.fixture(tmp, name);
        List<String> recomputed = new ArrayList<>();
        new EngineTraceHasher().hashSteps(Files.newInputStream(file), file, s -> recomputed.add(s.recomputedHash()));
        assertThat(recomputed).isEqualTo(PYTHON_OUTPUT_HASHES);

        TraceAudit audit = TraceAuditor.hashesOnly().audit(file);
        assertThat(audit.stepCount()).isEqualTo(2);
        assertThat(audit.hashMismatches()).isZero();
        assertThat(audit.seedMismatches()).isZero();
        assertThat(audit.hashesMatch()).isTrue();

        List<String> fromTrees = new ArrayList<>();
        for (TraceStep step : GoldenTraceReader.readAll(file).steps()) {
            fromTrees.add(step.recomputedHash().orElseThrow());
        }
        assertThat(fromTrees).isEqualTo(PYTHON_OUTPUT_HASHES);
    }

    @Test
    void canonicalFormIsPythons() throws IOException {
        Path file = GoldenTraceReaderTest.fixture(tmp, "sigma-keys.steps.jsonl");
        String step = Files.readAllLines(file).get(1);
        String canonical = GoldenCanonicalizer.outputHashRules().canonicalJson(
                GoldenJson.readTree(step).path("data").path("output"));
        // json.dumps(canonical(output), sort_keys=True, separators=(",", ":")) under CPython 3.11.7
        assertThat(canonical).isEqualTo("{\"cost_cents\":0,\"output\":{\"a\\\"\\u03c3\":\"q\","
                + "\"a-\\u03c3\":[1,{\"a1\\u03c3\":0.123457}],\"a_\\u03c3\":1,"
                + "\"\\u03bf\\u03b4\\u03bf\\u03c2_\\u03b1\\u03c1\\u03b9\\u03b8\\u03bc\\u03bf\\u03c2\":"
                + "{\"\\u03c3\\u03c2\":true}},\"retries\":0,\"step_id\":\"s0\",\"success\":true}");
    }
}
