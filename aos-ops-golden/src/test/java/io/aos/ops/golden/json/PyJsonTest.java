package io.aos.ops.golden.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyJsonTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The same value Python rendered for the expectations below (astral keys, escapes, floats, big ints). */
    private static ObjectNode mixed() {
        ObjectNode o = NODES.objectNode();
        o.put("\ue000", 1);
        o.put("\uD83D\uDE00", 2);
        o.put("a", "h\u00e9llo \uD83D\uDE00 \u007f \u0000\u001f \"q\" \\ /\t\n");
        o.put("\uffff", 3);
        ArrayNode z = o.putArray("Z");
        z.add(1.0).add(-0.0).add(1e-7).add(1e16)
                .add(BigInteger.TWO.pow(70)).add(BigInteger.TWO.pow(64).negate())
                .add(Double.POSITIVE_INFINITY).add(Double.NaN).add(Double.NEGATIVE_INFINITY)
                .add(new BigInteger("123456789012345678901234567890"));
        return o;
    }

    @Test
    void compactMatchesPythonSortedCompactDumps() {
        assertThat(PyJson.compact(mixed())).isEqualTo("{\"Z\":[1.0,-0.0,1e-07,1e+16,1180591620717411303424,"
                + "-18446744073709551616,Infinity,NaN,-Infinity,123456789012345678901234567890],"
                + "\"a\":\"h\\u00e9llo \\ud83d\\ude00 \\u007f \\u0000\\u001f \\\"q\\\" \\\\ /\\t\\n\","
                + "\"\\ue000\":1,\"\\uffff\":3,\"\\ud83d\\ude00\":2}");
    }

    @Test
    void defaultSeparatorsMatchPythonSortedDumps() {
        assertThat(PyJson.defaultSeparators(mixed())).isEqualTo("{\"Z\": [1.0, -0.0, 1e-07, 1e+16, "
                + "1180591620717411303424, -18446744073709551616, Infinity, NaN, -Infinity, "
                + "123456789012345678901234567890], "
                + "\"a\": \"h\\u00e9llo \\ud83d\\ude00 \\u007f \\u0000\\u001f \\\"q\\\" \\\\ /\\t\\n\", "
                + "\"\\ue000\": 1, \"\\uffff\": 3, \"\\ud83d\\ude00\": 2}");
    }

    @Test
    void astralKeysSortAfterTheLastBmpCharacterAsPythonSortsThem() {
        List<String> keys = new ArrayList<>(List.of("\uD83D\uDE00", "\uffff", "\ue000", "a"));
        keys.sort(PyJson.CODE_POINT_ORDER);
        assertThat(keys).containsExactly("a", "\ue000", "\uffff", "\uD83D\uDE00");
        assertThat("\uD83D\uDE00".compareTo("\uffff")).as("UTF-16 order differs").isNegative();
    }

    @Test
    void indentTwoKeepsInsertionOrderAndWritesEmptyContainersInline() {
        ObjectNode o = NODES.objectNode();
        ArrayNode b = o.putArray("b");
        b.add(1);
        b.addObject().putArray("x");
        b.addObject();
        o.putObject("a").putNull("c");
        assertThat(PyJson.dumps(o, PyJson.Style.INDENT_2)).isEqualTo(
                "{\n  \"b\": [\n    1,\n    {\n      \"x\": []\n    },\n    {}\n  ],\n  \"a\": {\n    \"c\": null\n  }\n}");
    }

    @Test
    void deepNestingRendersWithoutStackTroubleAndHashesAsPython() throws Exception {
        JsonNode x = NODES.arrayNode();
        for (int i = 0; i < 200; i++) {
            ArrayNode next = NODES.arrayNode();
            next.add(x);
            next.addObject().put("k", i);
            x = next;
        }
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(PyJson.defaultSeparators(x).getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(digest))
                .isEqualTo("bbed63c1c28f76d1d71b1ac056d2a45db20aa4c2cb27498cbb23a832e355f51f");
    }

    @Test
    void parsedPythonOutputRendersBackByteIdentical() {
        String python = "{\"a\":[1e-07,100.0,-0.0,18446744073709551615,NaN,-Infinity],\"b\":\"\\ud83d\\ude00\"}";
        assertThat(PyJson.compact(GoldenJson.readTree(python))).isEqualTo(python);
    }

    @Test
    void negativeZeroIntegerIsZero() {
        assertThat(PyJson.compact(GoldenJson.readTree("[-0,-0.0]"))).isEqualTo("[0,-0.0]");
    }
}
