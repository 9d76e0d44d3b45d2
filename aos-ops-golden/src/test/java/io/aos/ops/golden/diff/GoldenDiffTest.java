package io.aos.ops.golden.diff;

import static io.aos.ops.golden.diff.EngineTraces.F;
import static io.aos.ops.golden.diff.EngineTraces.edit;
import static io.aos.ops.golden.diff.EngineTraces.simulation;
import static io.aos.ops.golden.diff.EngineTraces.trace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.json.OpsJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoldenDiffTest {

    private static JsonNode json(String text) throws Exception {
        return OpsJson.mapper().readTree(text);
    }

    @Test
    void equalDocumentsMatchWithNoDifferences() {
        DiffResult r = GoldenDiff.compare(trace("r1", 3), trace("r1", 3));
        assertThat(r.severity()).isEqualTo(Severity.MATCH);
        assertThat(r.differences()).isEmpty();
        assertThat(r.rootCause()).isEmpty();
        assertThat(r.firstDivergingStep()).isEmpty();
    }

    @Test
    void aReplayUnderAnotherRunIdWithOtherTimestampsIsAMatchOfExpectedVolatileFields() {
        ArrayNode replay = trace("shadow-1", 3);
        replay.forEach(e -> ((ObjectNode) e).put("timestamp", "2027-01-01T00:00:00+00:00"));
        DiffResult r = GoldenDiff.compare(trace("primary-1", 3), replay);
        assertThat(r.severity()).isEqualTo(Severity.MATCH);
        assertThat(r.differences()).isEmpty();
        assertThat(r.expectedVolatile()).containsEntry("timestamp", 5L).containsEntry("run_id", 5L);
        assertThat(r.evidence()).contains("volatile");
        DiffResult listed = GoldenDiff.compare(trace("primary-1", 3), replay,
                DiffOptions.defaults().withExpectedVolatileListed(true));
        assertThat(listed.differences()).hasSize(10)
                .allSatisfy(d -> assertThat(d.category()).isEqualTo(RootCause.EXPECTED_VOLATILE));
    }

    @Test
    void aChangeInsideAVolatileKeysValueIsExpectedVolatileLikeItsTypeChangeOrRemoval() throws Exception {
        JsonNode golden = json("{\"a\":1,\"timestamp\":{\"x\":1},\"created_at\":[1,{\"y\":2}]}");
        for (String replay : List.of("{\"a\":1,\"timestamp\":{\"x\":2},\"created_at\":[1,{\"y\":2}]}",
                "{\"a\":1,\"timestamp\":{\"x\":1},\"created_at\":[1,{\"y\":3}]}",
                "{\"a\":1,\"timestamp\":{\"x\":1,\"z\":0},\"created_at\":[1,{\"y\":2}]}",
                "{\"a\":1,\"timestamp\":\"now\",\"created_at\":[1,{\"y\":2}]}",
                "{\"a\":1,\"created_at\":[1,{\"y\":2}]}")) {
            DiffResult r = GoldenDiff.compare(golden, json(replay));

            assertThat(r.severity()).as(replay).isEqualTo(Severity.MATCH);
            assertThat(r.expectedVolatileCount()).as(replay).isEqualTo(1);
        }
        DiffResult inside = GoldenDiff.compare(golden,
                json("{\"a\":1,\"timestamp\":{\"x\":2},\"created_at\":[1,{\"y\":2}]}"));
        assertThat(inside.expectedVolatile()).containsOnlyKeys("timestamp");
    }

    @Test
    void anInsertedStepIsOneAddedDifferenceNotAShiftOfEveryLaterStep() {
        ArrayNode expected = trace("r", 10);
        ArrayNode actual = expected.deepCopy();
        ObjectNode inserted = expected.get(4).deepCopy();
        ((ObjectNode) inserted.get("data")).put("step_id", "new-step");
        actual.insert(4, inserted);
        DiffResult r = GoldenDiff.compare(expected, actual);
        assertThat(r.differences()).filteredOn(d -> d.kind() == DiffKind.ADDED).hasSize(1);
        assertThat(r.differences()).filteredOn(d -> !d.isConsequence()).hasSize(1);
        assertThat(r.rootCause()).contains(RootCause.DETERMINISM_VIOLATION);
        assertThat(r.firstDivergingStep()).hasValue(3);
    }

    @Test
    void aChangedOutputIsADeterminismViolationAtItsStepWithItsHashGroupedUnderIt() {
        ArrayNode expected = trace("r", 6);
        ArrayNode actual = edit(expected, 2, d -> {
            ((ObjectNode) d.get("output").get("output")).put("value", "other");
            d.put("output_hash", "ffffffffffffffff");
        });
        for (int i = 3; i < 6; i++) {
            ((ObjectNode) actual.get(i + 1).get("data")).put("output_hash", "000000000000000" + i);
        }
        DiffResult r = GoldenDiff.compare(expected, actual);
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.rootCause()).contains(RootCause.DETERMINISM_VIOLATION);
        assertThat(r.firstDivergingStep()).hasValue(2);
        assertThat(r.findings()).hasSize(1);
        assertThat(r.findings().get(0).consequences()).isEqualTo(4);
        assertThat(r.findings().get(0).differences()).isEqualTo(1);
        assertThat(r.evidence()).contains("/3/data/output/output/value").contains("seeds agree");
    }

    @Test
    void aVolatileFieldThatChangedTheStepHashIsAVolatileLeakWarning() {
        ArrayNode expected = trace("r", 4);
        ArrayNode actual = edit(expected, 1, d -> {
            ((ObjectNode) d.get("output")).put("duration_ms", 97);
            d.put("output_hash", "1111111111111111");
        });
        DiffResult r = GoldenDiff.compare(expected, actual);
        assertThat(r.severity()).isEqualTo(Severity.WARNING);
        assertThat(r.rootCause()).contains(RootCause.VOLATILE_LEAK);
        assertThat(r.firstDivergingStep()).hasValue(1);
        assertThat(r.evidence()).contains("duration_ms").contains("reached the hash");
    }

    @Test
    void aVolatileFieldThatReachedNoHashIsExpected() {
        ArrayNode expected = trace("r", 4);
        ArrayNode actual = edit(expected, 1, d -> ((ObjectNode) d.get("output")).put("duration_ms", 97));
        assertThat(GoldenDiff.compare(expected, actual).severity()).isEqualTo(Severity.MATCH);
    }

    @Test
    void aDifferentStepSeedIsASeedMismatch() {
        ArrayNode expected = trace("r", 4);
        ArrayNode actual = edit(expected, 2, d -> d.put("seed", 42).put("output_hash", "2222222222222222"));
        DiffResult r = GoldenDiff.compare(expected, actual);
        assertThat(r.rootCause()).contains(RootCause.SEED_MISMATCH);
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.evidence()).contains("/3/data/seed");
    }

    @Test
    void aDifferentBaseSeedIsTheRootAndEveryLaterDifferenceIsItsConsequence() {
        ArrayNode expected = trace("r", 4);
        ArrayNode actual = expected.deepCopy();
        ((ObjectNode) actual.get(0).get("data")).put("seed", 99);
        for (int i = 0; i < 4; i++) {
            ((ObjectNode) actual.get(i + 1).get("data")).put("seed", i).put("output_hash", "x" + i);
            ((ObjectNode) actual.get(i + 1).get("data").get("output").get("output")).put("value", "w" + i);
        }
        DiffResult r = GoldenDiff.compare(expected, actual);
        assertThat(r.rootCause()).contains(RootCause.SEED_MISMATCH);
        assertThat(r.findings()).hasSize(1);
        assertThat(r.findings().get(0).locus()).isEqualTo("run start");
        assertThat(r.firstDivergingStep()).hasValue(0);
    }

    @Test
    void anLlmStepWhoseOutputChangedIsAnExternalCall() {
        // "llm_stub" would be a stand-in (in-process); a real LLM call says so without stub, mock or fake
        ArrayNode expected = trace("r", 3, "transform_json", "llm_call");
        ArrayNode actual = edit(expected, 1,
                d -> ((ObjectNode) d.get("output").get("output")).put("value", "a different answer"));
        DiffResult r = GoldenDiff.compare(expected, actual);
        assertThat(r.rootCause()).contains(RootCause.EXTERNAL_CALL);
        assertThat(r.evidence()).contains("llm_call").contains("'llm'");
    }

    @Test
    void aDifferentFloatInTheUnitIntervalWithEqualSeedsIsAnUnseededRng() {
        ArrayNode expected = edit(trace("r", 3), 0,
                d -> ((ObjectNode) d.get("output").get("output")).put("score", 0.7310585786));
        ArrayNode actual = edit(expected, 0, d -> ((ObjectNode) d.get("output").get("output")).put("score", 0.1184));
        DiffResult r = GoldenDiff.compare(expected, actual);
        assertThat(r.rootCause()).contains(RootCause.UNSEEDED_RNG);
        assertThat(r.evidence()).contains("[0,1)");
    }

    @Test
    void theSameElementsInAnotherOrderAreAnUnorderedCollectionWarning() throws Exception {
        DiffResult r = GoldenDiff.compare(json("{\"keys\":[\"a\",\"b\",\"c\"]}"), json("{\"keys\":[\"c\",\"a\",\"b\"]}"));
        assertThat(r.rootCause()).contains(RootCause.UNORDERED_COLLECTION);
        assertThat(r.severity()).isEqualTo(Severity.WARNING);
        assertThat(r.differences()).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(DiffKind.REORDERED));
    }

    @Test
    void numbersEqualWithinTheToleranceAreFloatPrecision() throws Exception {
        DiffResult r = GoldenDiff.compare(json("{\"total\":0.30000000000000004}"), json("{\"total\":0.3}"));
        assertThat(r.rootCause()).contains(RootCause.FLOAT_PRECISION);
        assertThat(r.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void intVersusFloatKeepsBothTypesInTheDifference() throws Exception {
        DiffResult r = GoldenDiff.compare(json("{\"n\":1}"), json("{\"n\":1.0}"));
        Difference d = r.differences().get(0);
        assertThat(d.expected().isIntegralNumber()).isTrue();
        assertThat(d.actual()).isInstanceOf(DoubleNode.class);
        assertThat(d.actual().toString()).isEqualTo("1.0");
        assertThat(d.category()).isEqualTo(RootCause.FLOAT_PRECISION);
    }

    @Test
    void aStringAndANumberAreATypeChangeAndNeverOk() throws Exception {
        DiffResult r = GoldenDiff.compare(json("{\"count\":\"1\"}"), json("{\"count\":1}"));
        assertThat(r.differences().get(0).kind()).isEqualTo(DiffKind.TYPE_CHANGED);
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void anInstantUnderAKeyThatIsNotVolatileIsAVolatileLeak() throws Exception {
        DiffResult r = GoldenDiff.compare(json("{\"generated\":\"2026-11-28T02:24:03.915613+00:00\"}"),
                json("{\"generated\":\"2026-11-28T02:25:07.000001+00:00\"}"));
        assertThat(r.rootCause()).contains(RootCause.VOLATILE_LEAK);
        assertThat(r.evidence()).contains("ISO-8601 instant");
    }

    @Test
    void keysMatchOnlyWholeTokensSoStatusIsNotATimestampAndBrandIsNotRandom() throws Exception {
        DiffResult status = GoldenDiff.compare(json("{\"status\":\"ok\"}"), json("{\"status\":\"failed\"}"));
        assertThat(status.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(status.rootCause()).contains(RootCause.DETERMINISM_VIOLATION);
        DiffResult brand = GoldenDiff.compare(json("{\"brand\":\"x\"}"), json("{\"brand\":\"y\"}"));
        assertThat(brand.rootCause()).contains(RootCause.DETERMINISM_VIOLATION);
    }

    @Test
    void aSimulationGoldenWhoseStepHashDiffersNamesThatStepAndGroupsTheWorkflowHash() {
        ObjectNode expected = simulation("primary-w1-280cfdcd", 74439, "mock_io:87bec47e62613a99",
                "mock_io:3e5aaa8c6e78b91a", "transform_json:41ef8a685e35feaf", "compute_hash:c3e33927cf3b2683");
        ObjectNode actual = simulation("shadow-1a2b3c4d", 74439, "mock_io:87bec47e62613a99",
                "mock_io:3e5aaa8c6e78b91a", "transform_json:0000000000000000", "compute_hash:c3e33927cf3b2683");
        DiffResult r = GoldenDiff.compare(expected, actual);
        assertThat(r.firstDivergingStep()).hasValue(2);
        assertThat(r.rootCause()).contains(RootCause.DETERMINISM_VIOLATION);
        assertThat(r.findings()).hasSize(1);
        assertThat(r.findings().get(0).skill()).isEqualTo("transform_json");
        assertThat(r.differences()).filteredOn(d -> d.path().equals("/workflow_hash"))
                .singleElement().satisfies(d -> assertThat(d.consequenceOf()).hasValue(2));
    }

    @Test
    void aSimulationStepOfAnLlmSkillWithADifferentHashIsAnExternalCall() {
        ObjectNode expected = simulation("a", 1, "llm_call:3ad99b0b0e91161d", "transform_json:41ef8a685e35feaf");
        ObjectNode actual = simulation("b", 1, "llm_call:0000000000000000", "transform_json:41ef8a685e35feaf");
        assertThat(GoldenDiff.compare(expected, actual).rootCause()).contains(RootCause.EXTERNAL_CALL);
    }

    @Test
    void pathsAreJsonPointersWithEscapedKeys() throws Exception {
        DiffResult r = GoldenDiff.compare(json("{\"a/b\":{\"c~d\":1}}"), json("{\"a/b\":{\"c~d\":2}}"));
        assertThat(r.differences().get(0).path()).isEqualTo("/a~1b/c~0d");
    }

    @Test
    void aRemovedKeyAndAnAddedKeyKeepTheirWholeValues() throws Exception {
        DiffResult r = GoldenDiff.compare(json("{\"old\":{\"deep\":[1,2,3]}}"), json("{\"new\":\"x\"}"));
        assertThat(r.differences()).extracting(Difference::kind).containsExactly(DiffKind.REMOVED, DiffKind.ADDED);
        assertThat(r.differences().get(0).expected()).isEqualTo(json("{\"deep\":[1,2,3]}"));
        assertThat(r.differences().get(0).actual().isMissingNode()).isTrue();
    }

    @Test
    void oneLeakedTimestampInTenThousandStepsIsOneFindingNotThousandsOfDifferences() {
        ArrayNode expected = trace("r", 10_000);
        ArrayNode actual = edit(expected, 5_000, d -> {
            ((ObjectNode) d.get("output").get("output")).put("made", "2026-11-28T02:24:03.915613+00:00");
            d.put("output_hash", "3333333333333333");
        });
        ((ObjectNode) expected.get(5_001).get("data").get("output").get("output"))
                .put("made", "2026-11-28T01:00:00.000000+00:00");
        DiffResult r = GoldenDiff.compare(expected, actual);
        assertThat(r.differences()).hasSize(2);
        assertThat(r.findings()).hasSize(1);
        assertThat(r.firstDivergingStep()).hasValue(5_000);
        assertThat(r.rootCause()).contains(RootCause.VOLATILE_LEAK);
    }

    @Test
    void arraysOfObjectsWithIdsAlignByIdSoAMovedElementIsReordered() throws Exception {
        JsonNode a = json("{\"items\":[{\"id\":1,\"v\":\"a\"},{\"id\":2,\"v\":\"b\"},{\"id\":3,\"v\":\"c\"}]}");
        JsonNode b = json("{\"items\":[{\"id\":1,\"v\":\"a\"},{\"id\":3,\"v\":\"c\"},{\"id\":2,\"v\":\"b\"}]}");
        DiffResult r = GoldenDiff.compare(a, b);
        assertThat(r.differences()).extracting(Difference::kind).containsOnly(DiffKind.REORDERED);
        assertThat(r.rootCause()).contains(RootCause.UNORDERED_COLLECTION);
    }

    @Test
    void sequenceAlignmentFindsOneInsertionInAnArrayWithoutIds() {
        long[] a = {1, 2, 3, 4, 5};
        long[] b = {1, 2, 9, 3, 4, 5};
        List<Alignment.Pair> pairs = Alignment.bySequence(a, b, 100);
        assertThat(pairs).filteredOn(p -> p.a() < 0).singleElement().satisfies(p -> assertThat(p.b()).isEqualTo(2));
        assertThat(pairs).filteredOn(p -> p.a() >= 0 && p.b() >= 0).hasSize(5);
    }

    @Test
    void overTheEditLimitTheSequenceAlignmentGivesUp() {
        assertThat(Alignment.bySequence(new long[] {1, 2, 3}, new long[] {4, 5, 6}, 2)).isNull();
    }

    @Test
    void equalNumbersOfDifferentJacksonTypesAreEqual() {
        assertThat(GoldenDiff.compare(F.objectNode().put("n", 5), F.objectNode().put("n", 5L)).differences())
                .isEmpty();
    }
}
