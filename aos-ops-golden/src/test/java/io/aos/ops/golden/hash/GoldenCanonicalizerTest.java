package io.aos.ops.golden.hash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.golden.json.GoldenJson;
import io.aos.ops.golden.json.PyJsonOutput;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * Python's json.loads keeps the last of a repeated key, and canonicalize_for_golden drops a null before it looks for
     * a lowercase collision: expected strings produced that way under CPython 3.11.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\":1,\"a\":null}|{}",
        "{\"A\":1,\"a\":2,\"A\":null}|{\"a\":2}",
        "{\"a\":1,\"B\":2,\"a\":null}|{\"b\":2}",
        "{\"A\":null,\"a\":1}|{\"a\":1}",
        "{\"x\":{\"k\":[1],\"k\":null},\"y\":1}|{\"x\":{},\"y\":1}",
        "{\"a\":null,\"a\":1}|{\"a\":1}",
    })
    void repeatedKeyWhoseLastValueIsNullIsDroppedOnTheStreamingPathToo(String json, String expected) throws IOException {
        GoldenCanonicalizer rules = GoldenCanonicalizer.outputHashRules();
        assertThat(rules.canonicalJson(GoldenJson.readTree(json))).isEqualTo(expected);
        PyJsonOutput out = new PyJsonOutput();
        try (JsonParser parser = GoldenJson.factory().createParser(json)) {
            rules.write(parser, parser.nextToken(), out);
        }
        assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(expected);
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
