package io.aos.ops.golden.hash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.golden.json.GoldenJson;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class GoldenCanonicalizerTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Expected strings and hash were produced by upstream's canonicalize_for_golden under CPython 3.11. */
    private static ObjectNode tricky() {
        ObjectNode t = NODES.objectNode();
        t.put("UserId", 1);
        t.put("userid", 2);
        ObjectNode b = t.putObject("B");
        b.put("Y", 2);
        b.put("x", 1);
        ArrayNode a = t.putArray("a");
        a.addNull();
        ObjectNode inner = a.addObject();
        inner.put("Ts", 1);
        inner.putNull("z");
        inner.put("\uD83D\uDE00", 1);
        inner.put("\uffff", 2);
        t.putObject("Primary_Key").put("q", 1);
        t.putNull("pin");
        t.put("n", -0.0);
        t.put("m", -1e-7);
        t.put("big", BigInteger.TWO.pow(80));
        t.put("f", 1e300);
        t.put("g", 2.5e-7);
        t.put("h", 0.0000005);
        t.put("i", 1.0000005);
        return t;
    }

    @Test
    void outputHashRulesMatchUpstreamOnCollisionsNullsAstralKeysAndFloats() {
        GoldenCanonicalizer rules = GoldenCanonicalizer.outputHashRules();
        assertThat(rules.canonicalJson(tricky())).isEqualTo("{\"a\":[null,{\"\\uffff\":2,\"\\ud83d\\ude00\":1}],"
                + "\"b\":{\"x\":1,\"y\":2},\"big\":1208925819614629174706176,\"f\":1e+300,\"g\":0.0,\"h\":0.0,"
                + "\"i\":1.000001,\"m\":-0.0,\"n\":-0.0,\"primary_key\":{\"q\":1},\"userid\":1}");
        assertThat(rules.hash16(tricky())).isEqualTo("0d1170118b02a290");
    }

    @Test
    void redactionReplacesWholeValuesOfSensitiveKeys() {
        assertThat(GoldenCanonicalizer.engineDefaults().canonicalJson(tricky()))
                .contains("\"primary_key\":\"[REDACTED]\"");
    }

    @Test
    void firstKeyInOriginalSpellingWinsACollision() {
        JsonNode v = GoldenJson.readTree("{\"userid\":2,\"UserId\":1}");
        assertThat(GoldenCanonicalizer.outputHashRules().canonicalJson(v)).isEqualTo("{\"userid\":1}");
    }

    @Test
    void comparisonRulesAlsoDropRunIdAndTheOtherUpstreamVolatileLists() {
        JsonNode v = GoldenJson.readTree("{\"run_id\":\"r\",\"elapsed_ms\":3,\"wall_time\":1,\"k\":1}");
        assertThat(GoldenCanonicalizer.forComparison().canonicalJson(v)).isEqualTo("{\"k\":1}");
        assertThat(GoldenCanonicalizer.outputHashRules().canonicalJson(v))
                .isEqualTo("{\"elapsed_ms\":3,\"k\":1,\"run_id\":\"r\",\"wall_time\":1}");
    }

    @Test
    void canonicalizeReturnsTheCanonicalTree() {
        JsonNode tree = GoldenCanonicalizer.outputHashRules().canonicalize(GoldenJson.readTree("{\"B\":1.23456789}"));
        assertThat(tree.get("b").doubleValue()).isEqualTo(1.234568);
    }

    @Test
    void defaultVolatileSetIsTheUnionOfUpstreamListsPlusRunId() {
        assertThat(VolatileFields.defaults().names())
                .containsAll(VolatileFields.engineCanonicalize().names())
                .containsAll(VolatileFields.engineEventComparison().names())
                .containsAll(VolatileFields.diffClassifier().names())
                .contains("run_id");
        assertThat(VolatileFields.defaults().contains("Run_ID")).isTrue();
        assertThat(VolatileFields.engineCanonicalize().contains("run_id")).isFalse();
    }
}
