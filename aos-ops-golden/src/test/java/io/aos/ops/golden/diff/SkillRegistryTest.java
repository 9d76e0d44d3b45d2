package io.aos.ops.golden.diff;

import static io.aos.ops.golden.diff.EngineTraces.edit;
import static io.aos.ops.golden.diff.EngineTraces.simulation;
import static io.aos.ops.golden.diff.EngineTraces.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.AosOpsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Skill kinds: declared ones decide, undeclared ones are judged by their names as before, stand-ins never call out. */
class SkillRegistryTest {

    @TempDir
    Path tmp;

    /** The root cause when the output of step 1, run by {@code skill}, changed with the seeds equal. */
    private static RootCause outputChanged(String skill, DiffOptions options) {
        ArrayNode expected = trace("r", 3, "transform_json", skill);
        ArrayNode actual = edit(expected, 1,
                d -> ((ObjectNode) d.get("output").get("output")).put("value", "a different answer"));
        return GoldenDiff.compare(expected, actual, options).rootCause().orElseThrow();
    }

    private static DiffOptions declaring(String skill, SkillKind kind) {
        return DiffOptions.defaults().withSkillRegistry(SkillRegistry.empty().with(skill, kind));
    }

    @Test
    void aDeclaredKindOverridesWhatTheNameSays() {
        assertThat(outputChanged("http_header_parser", DiffOptions.defaults())).isEqualTo(RootCause.EXTERNAL_CALL);
        assertThat(outputChanged("http_header_parser", declaring("http_header_parser", SkillKind.PURE)))
                .isEqualTo(RootCause.DETERMINISM_VIOLATION);
        assertThat(outputChanged("compute_totals", declaring("compute_totals", SkillKind.EXTERNAL_CALL)))
                .isEqualTo(RootCause.EXTERNAL_CALL);
        assertThat(outputChanged("compute_totals", declaring("compute_totals", SkillKind.RANDOM)))
                .isEqualTo(RootCause.UNSEEDED_RNG);
        assertThat(outputChanged("llm_stub", declaring("llm_stub", SkillKind.EXTERNAL_CALL)))
                .isEqualTo(RootCause.EXTERNAL_CALL);
    }

    @Test
    void theEvidenceSaysTheKindWasDeclared() {
        ArrayNode expected = trace("r", 3, "transform_json", "compute_totals");
        ArrayNode actual = edit(expected, 1,
                d -> ((ObjectNode) d.get("output").get("output")).put("value", "a different answer"));
        assertThat(GoldenDiff.compare(expected, actual, declaring("compute_totals", SkillKind.EXTERNAL_CALL))
                .evidence()).contains("skill compute_totals is declared an external call");
        assertThat(GoldenDiff.compare(expected, actual, declaring("compute_totals", SkillKind.PURE)).evidence())
                .contains("skill compute_totals is declared pure");
    }

    @Test
    void aDeclaredKindDecidesAChangedSimulationStepHashToo() {
        ObjectNode expected = simulation("a", 1, "score_batch:3ad99b0b0e91161d", "transform_json:41ef8a685e35feaf");
        ObjectNode actual = simulation("b", 1, "score_batch:0000000000000000", "transform_json:41ef8a685e35feaf");
        assertThat(GoldenDiff.compare(expected, actual).rootCause()).contains(RootCause.DETERMINISM_VIOLATION);
        assertThat(GoldenDiff.compare(expected, actual, declaring("score_batch", SkillKind.RANDOM)).rootCause())
                .contains(RootCause.UNSEEDED_RNG);
        assertThat(GoldenDiff.compare(expected, actual, declaring("score_batch", SkillKind.EXTERNAL_CALL))
                .rootCause()).contains(RootCause.EXTERNAL_CALL);
    }

    @Test
    void withoutADeclarationTheNameDecidesAsBefore() {
        DiffOptions other = declaring("some_other_skill", SkillKind.PURE);
        for (DiffOptions options : List.of(DiffOptions.defaults(), other)) {
            assertThat(outputChanged("http_get", options)).isEqualTo(RootCause.EXTERNAL_CALL);
            assertThat(outputChanged("fetchUrl", options)).isEqualTo(RootCause.EXTERNAL_CALL);
            assertThat(outputChanged("callOpenAI", options)).isEqualTo(RootCause.DETERMINISM_VIOLATION);
            assertThat(outputChanged("call_openai", options)).isEqualTo(RootCause.EXTERNAL_CALL);
            assertThat(outputChanged("transform_json", options)).isEqualTo(RootCause.DETERMINISM_VIOLATION);
            assertThat(outputChanged("httpbin_parser", options)).as("a token is whole")
                    .isEqualTo(RootCause.DETERMINISM_VIOLATION);
        }
    }

    @Test
    void aNameThatSaysStubMockOrFakeIsNeverAnExternalCall() {
        for (String skill : List.of("llm_stub", "mock_http", "fake_api", "http_mocked", "StubOpenaiClient",
                "remote-fetch-fakes", "MOCKS_WEB")) {
            assertThat(outputChanged(skill, DiffOptions.defaults())).as(skill)
                    .isEqualTo(RootCause.DETERMINISM_VIOLATION);
        }
        ObjectNode expected = simulation("a", 1, "llm_stub:3ad99b0b0e91161d", "transform_json:41ef8a685e35feaf");
        ObjectNode actual = simulation("b", 1, "llm_stub:0000000000000000", "transform_json:41ef8a685e35feaf");
        assertThat(GoldenDiff.compare(expected, actual).rootCause()).contains(RootCause.DETERMINISM_VIOLATION);
    }

    // ---- property: generated names against an oracle of the rules ------------------------------------------

    private static final List<String> EXTERNAL = List.copyOf(DiffOptions.DEFAULT_EXTERNAL_SKILL_TOKENS);
    private static final List<String> STAND_IN = List.of("stub", "stubs", "mock", "mocks", "mocked", "fake", "fakes");
    private static final List<String> NEUTRAL = List.of("compute", "transform", "json", "parse", "score", "batch",
            "io", "header", "totals", "stubborn", "mockup", "fakery", "httpx", "apis2", "rest0");

    /** The oracle: declared wins; else a stand-in token means in-process; else an external token calls out. */
    private static RootCause oracle(List<String> tokens, Optional<SkillKind> declared) {
        if (declared.isPresent()) {
            return switch (declared.get()) {
                case EXTERNAL_CALL -> RootCause.EXTERNAL_CALL;
                case RANDOM -> RootCause.UNSEEDED_RNG;
                case PURE -> RootCause.DETERMINISM_VIOLATION;
            };
        }
        if (tokens.stream().anyMatch(STAND_IN::contains)) {
            return RootCause.DETERMINISM_VIOLATION;
        }
        return tokens.stream().anyMatch(EXTERNAL::contains) ? RootCause.EXTERNAL_CALL
                : RootCause.DETERMINISM_VIOLATION;
    }

    /** A name spelling {@code tokens} in one of the styles skills are named in. */
    private static String spell(List<String> tokens, int style) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            switch (style) {
                case 0 -> sb.append(i == 0 ? "" : "_").append(t);
                case 1 -> sb.append(i == 0 ? "" : "-").append(t);
                case 2 -> sb.append(i == 0 ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1));
                default -> sb.append(i == 0 ? "" : "_").append(t.toUpperCase(Locale.ROOT));
            }
        }
        return sb.toString();
    }

    @Test
    void generatedSkillNamesAreJudgedAsTheRulesSay() {
        Random r = new Random(20261202L);
        int external = 0;
        int standIn = 0;
        int declared = 0;
        for (int i = 0; i < 400; i++) {
            List<String> tokens = new ArrayList<>();
            int n = 1 + r.nextInt(3);
            for (int k = 0; k < n; k++) {
                int pool = r.nextInt(6);
                List<String> from = pool < 2 ? EXTERNAL : pool == 2 ? STAND_IN : NEUTRAL;
                tokens.add(from.get(r.nextInt(from.size())));
            }
            int style = r.nextInt(4);
            if (style == 2 && tokens.stream().anyMatch(t -> Character.isDigit(t.charAt(t.length() - 1)))) {
                style = 0;  // camel humps after a digit split differently; the separator styles cover digits
            }
            String skill = spell(tokens, style);
            Optional<SkillKind> kind = r.nextInt(4) == 0
                    ? Optional.of(SkillKind.values()[r.nextInt(SkillKind.values().length)]) : Optional.empty();
            SkillRegistry registry = SkillRegistry.empty().with("unrelated_" + i, SkillKind.PURE);
            if (kind.isPresent()) {
                registry = registry.with(skill, kind.get());
                declared++;
            }
            RootCause expected = oracle(tokens, kind);
            external += expected == RootCause.EXTERNAL_CALL && kind.isEmpty() ? 1 : 0;
            standIn += kind.isEmpty() && tokens.stream().anyMatch(STAND_IN::contains) ? 1 : 0;
            assertThat(outputChanged(skill, DiffOptions.defaults().withSkillRegistry(registry)))
                    .as("%s (tokens %s, declared %s)", skill, tokens, kind).isEqualTo(expected);
        }
        assertThat(external).as("names guessed external").isGreaterThan(50);
        assertThat(standIn).as("stand-in names").isGreaterThan(50);
        assertThat(declared).as("declared names").isGreaterThan(50);
    }

    // ---- the registry file --------------------------------------------------------------------------------

    private Path file(String content) throws Exception {
        Path f = tmp.resolve("skills.json");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void aRegistryFileMapsNamesToKinds() throws Exception {
        SkillRegistry r = SkillRegistry.read(file("{\n  \"fetch_prices\": \"external\",\n"
                + "  \"shuffle\": \"RANDOM\",\n  \"http_parser\": \"pure\"\n}\n"));
        assertThat(r.asMap()).containsExactly(Map.entry("fetch_prices", SkillKind.EXTERNAL_CALL),
                Map.entry("shuffle", SkillKind.RANDOM), Map.entry("http_parser", SkillKind.PURE));
        assertThat(SkillRegistry.read(file("{}")).asMap()).isEmpty();
    }

    @Test
    void aBadRegistryFileIsAnErrorNamingTheFileLineAndColumn() throws Exception {
        Map<String, String> cases = Map.of(
                "{\n  \"a\": \"external\",\n  \"b\": \"sometimes\"\n}", "line 3, column 8: unknown skill kind 'sometimes' for skill 'b' (known: external, random, pure)",
                "{\n  \"a\": 1\n}", "line 2, column 8: the kind of skill 'a' must be a string",
                "[\"a\"]", "line 1, column 1: a skill registry is one JSON object",
                "{\"a\": \"pure\",\n \"a\": \"external\"}", "line 2",
                "{\"a\": \"pure\"", "line 1",
                "{\"a\": \"pure\"} {}", "unexpected content after the registry object",
                "{\" \": \"pure\"}", "a skill name must not be blank");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path f = file(c.getKey());
            assertThatThrownBy(() -> SkillRegistry.read(f)).as(c.getKey()).isInstanceOf(AosOpsException.class)
                    .hasMessageStartingWith(f.toString()).hasMessageContaining(c.getValue());
        }
        Path unknown = file("{\"\u00e9t\u00e9\": \"x\"}");
        assertThatThrownBy(() -> SkillRegistry.read(unknown)).hasMessage(unknown
                + ": line 1, column 9: unknown skill kind 'x' for skill '\u00e9t\u00e9' (known: external, random, pure)");
        Path missing = tmp.resolve("none.json");
        assertThatThrownBy(() -> SkillRegistry.read(missing)).isInstanceOf(AosOpsException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void declarationsAreExactNamesAndTheLastOneWins() {
        SkillRegistry r = SkillRegistry.empty().with("Fetch", SkillKind.PURE).with("Fetch", SkillKind.RANDOM);
        assertThat(r.declared("Fetch")).contains(SkillKind.RANDOM);
        assertThat(r.declared("fetch")).isEmpty();
        assertThat(r.declared(null)).isEmpty();
        assertThat(SkillRegistry.of(Map.of("x", SkillKind.PURE))).isEqualTo(SkillRegistry.empty()
                .with("x", SkillKind.PURE));
        assertThat(Set.of(SkillKind.values())).allSatisfy(k -> assertThat(SkillKind.fromLabel(k.label())).contains(k));
    }
}
