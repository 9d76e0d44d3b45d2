package io.aos.ops.golden.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link GoldenJson#readTree(JsonParser)}, the tree reader without data binding, against the mapper's
 * {@code readTree(JsonParser)}: the same trees (node types, key order, repeated keys), the same parser state after,
 * the same errors.
 */
class GoldenJsonTreeTest {

    /** What one reader made of a text: the tree with its node classes, the token after it, or the error. */
    private record Outcome(String tree, String classes, JsonToken current, JsonToken next, String error) {
    }

    private interface TreeReader {
        JsonNode read(JsonParser p) throws IOException;
    }

    /**
     * Reads {@code text} as {@code [text, 7]} (the value, then whatever comes after it) with {@code reader}, starting on
     * the value's first token.
     */
    private static Outcome outcome(String text, TreeReader reader) {
        byte[] json = ("[" + text + ",7]").getBytes(StandardCharsets.UTF_8);
        try (JsonParser p = GoldenJson.factory().createParser(json)) {
            p.nextToken();
            p.nextToken();
            JsonNode tree = reader.read(p);
            JsonToken current = p.currentToken();
            JsonToken next = p.nextToken();
            return new Outcome(tree == null ? "null" : tree.toString(), tree == null ? "" : classes(tree), current,
                    next, null);
        } catch (IOException | RuntimeException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            return new Outcome(null, null, null, null, e.getClass().getName() + ": " + message);
        }
    }

    /** The node classes of a tree, depth first (equals() alone does not tell an IntNode from a LongNode's order). */
    private static String classes(JsonNode node) {
        StringBuilder out = new StringBuilder(node.getClass().getSimpleName());
        if (node.isContainerNode()) {
            out.append('(');
            node.fieldNames().forEachRemaining(name -> out.append(name).append(':'));
            for (JsonNode child : node) {
                out.append(classes(child)).append(' ');
            }
            out.append(')');
        }
        return out.toString();
    }

    private static void assertSameAsMapper(String text) {
        Outcome mapper = outcome(text, p -> GoldenJson.mapper().readTree(p));
        Outcome own = outcome(text, GoldenJson::readTree);
        assertThat(own).as(text).isEqualTo(mapper);
    }

    @Test
    void readsEveryKindOfValueAsTheMapperDoes() {
        List<String> texts = List.of("{}", "[]", "\"\"", "\"a\\u00e9\\ud83d\\ude00\"", "true", "false", "null",
                "0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483648", "-2147483649",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                "15554826178763638935", "123456789012345678901234567890", "0.0", "-0.0", "0.357", "1e2", "1E400",
                "-1e400", "5e-324", "NaN", "Infinity", "-Infinity",
                "{\"a\":1,\"b\":[1,2.5,{\"c\":null}],\"a\":\"again\"}",
                "{\"seed\":12345,\"spec_id\":\"wf\",\"budget\":{\"x\":[],\"y\":{}},\"replay\":false}",
                "{\"k\":{\"k\":{\"k\":[[[]]]}}}", "[1,[2,[3]],{}]");
        for (String text : texts) {
            assertSameAsMapper(text);
        }
    }

    @Test
    void reportsBadJsonAsTheMapperDoes() {
        for (String text : List.of("{\"a\":}", "{\"a\" 1}", "[1,,2]", "{\"a\":1", "[1", "tru", "01", "{1:2}",
                "\"open")) {
            assertSameAsMapper(text);
        }
    }

    @Test
    void nestingAtAndBeyondTheLimitAsTheMapper() {
        for (int depth : new int[] {GoldenJson.MAX_NESTING_DEPTH - 2, GoldenJson.MAX_NESTING_DEPTH + 5}) {
            // (inside the [ ..., 7] wrapper: one level more)
            String text = "[".repeat(depth) + "]".repeat(depth);
            assertSameAsMapper(text);
            assertSameAsMapper("{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
        }
    }

    @Test
    void randomValuesReadAsTheMapperReadsThem() {
        Random r = new Random(20261202);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            texts.add(new RandomJsonText(r, i % 3 == 0 ? 0 : 0.08).value());
        }
        for (String text : texts) {
            assertSameAsMapper(text);
        }
    }

    @Test
    void atTheStartOfInputOrOnAFieldNameItIsTheMapper() throws IOException {
        byte[] json = "{\"a\":[1,{\"b\":2}],\"c\":3}".getBytes(StandardCharsets.UTF_8);
        try (JsonParser mine = GoldenJson.factory().createParser(json);
             JsonParser theirs = GoldenJson.factory().createParser(json)) {
            assertThat(GoldenJson.readTree(mine)).isEqualTo(GoldenJson.mapper().readTree(theirs));
        }
        try (JsonParser mine = GoldenJson.factory().createParser(json);
             JsonParser theirs = GoldenJson.factory().createParser(json)) {
            mine.nextToken();
            mine.nextToken();
            theirs.nextToken();
            theirs.nextToken();
            assertThat(mine.currentToken()).isEqualTo(JsonToken.FIELD_NAME);
            assertThat(GoldenJson.readTree(mine).toString()).isEqualTo(GoldenJson.mapper().readTree(theirs).toString());
        }
        try (JsonParser empty = GoldenJson.factory().createParser(new byte[0])) {
            assertThat(GoldenJson.readTree(empty)).isNull();
        }
    }

    /** {@link GoldenJson#compact} against {@link JsonNode#toString()}, the text it replaces in reports. */
    @Test
    void compactTextIsWhatToStringGives() {
        Random r = new Random(20261203);
        int compared = 0;
        for (int i = 0; i < 3000; i++) {
            String text = new RandomJsonText(r, 0).value();
            JsonNode node;
            try {
                node = GoldenJson.mapper().readTree(text);
            } catch (IOException e) {
                continue;
            }
            assertThat(GoldenJson.compact(node)).as(text).isEqualTo(node.toString());
            compared++;
        }
        assertThat(compared).isGreaterThan(2500);
        com.fasterxml.jackson.databind.node.JsonNodeFactory f =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        com.fasterxml.jackson.databind.node.ArrayNode odd = f.arrayNode();
        odd.add(Double.NaN).add(Double.POSITIVE_INFINITY).add(-0.0).add(1e300).add(5e-324).add(0.1f).add(Float.NaN)
                .add(new java.math.BigDecimal("1E+3")).add(new java.math.BigDecimal("-0.000001234500"))
                .add(new java.math.BigInteger("123456789012345678901234567890")).add(Long.MIN_VALUE)
                .add("\u0000\u001f\"\\/\u2028\ud83d\ude00caf\u00e9").add(f.objectNode()).add(f.arrayNode());
        odd.addObject().put("", 1).put("k\"ey", f.nullNode().asText()).set("n", f.nullNode());
        odd.add(f.binaryNode(new byte[] {1, 2, 3})).addPOJO(java.util.List.of(1, 2));
        for (JsonNode n : odd) {
            assertThat(GoldenJson.compact(n)).as(n.getNodeType().name()).isEqualTo(n.toString());
        }
        assertThat(GoldenJson.compact(odd)).isEqualTo(odd.toString());
        assertThat(GoldenJson.compact(com.fasterxml.jackson.databind.node.MissingNode.getInstance()))
                .isEqualTo(com.fasterxml.jackson.databind.node.MissingNode.getInstance().toString());
    }
}
