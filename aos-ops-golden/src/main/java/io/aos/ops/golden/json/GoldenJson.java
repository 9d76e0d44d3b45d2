package io.aos.ops.golden.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON reader for golden files, configured to read what Python's {@code json} module writes: {@code NaN},
 * {@code Infinity} and {@code -Infinity} are numbers (Python writes them with the default {@code allow_nan=True}),
 * integers of any size stay exact, floats are doubles (Python floats), and strings and numbers may be as long as
 * Python allows. Shared and thread-safe.
 */
public final class GoldenJson {

    /**
     * How deep arrays and objects may nest in a golden file: Python's json stops at its recursion limit (1000 by
     * default), so the engine never writes deeper, and the readers and the diff recurse per level within a thread's
     * default stack at this depth.
     */
    public static final int MAX_NESTING_DEPTH = 1000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            // Correctly rounded like Double.parseDouble, and several times faster on the hot path.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(5000)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .build())
            .build();

    /** The nodes {@link #mapper()} builds trees of (its default factory). */
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * The mapper, set up on first use: it loads and initialises a few hundred classes of data binding, which a
     * command reading only the streaming tokens and small trees ({@link #readTree(JsonParser)}) never needs.
     */
    private static final class Mapper {
        static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY).build();
    }

    private GoldenJson() {
    }

    /**
     * A parse error as one clause for an operator: a broken limit says which (nesting deeper than
     * {@link #MAX_NESTING_DEPTH}, a number or string too long), anything else is Jackson's own message.
     *
     * @param e Jackson's error
     * @return one clause
     */
    public static String problem(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            if (message != null && message.contains("nesting depth")) {
                return "nested deeper than " + MAX_NESTING_DEPTH + " levels of arrays and objects, the limit for a "
                        + "golden file (Python's json cannot write deeper either)";
            }
            return "over a size limit of the golden-file reader: " + message;
        }
        return message;
    }

    /**
     * Where a parse error happened: for a broken limit, where the parser stood (the exception's own location may be
     * the start of the document); else the exception's location. Null when unknown.
     *
     * @param e Jackson's error
     * @return the location, or null
     */
    public static JsonLocation location(JsonProcessingException e) {
        return location(e, null);
    }

    /**
     * As {@link #location(JsonProcessingException)}, with the parser that failed when the exception lacks it.
     *
     * @param e      Jackson's error
     * @param failed the parser that threw it
     * @return the location, or null
     */
    public static JsonLocation location(JsonProcessingException e, JsonParser failed) {
        if (e instanceof StreamConstraintsException) {
            JsonParser p = e.getProcessor() instanceof JsonParser own ? own : failed;
            if (p == null) {
                return null;
            }
            JsonLocation at = p.currentLocation();
            String message = e.getOriginalMessage();
            if (message == null || !message.contains("nesting depth")) {
                return at;
            }
            // the parser stands just after the bracket that went one level too deep: name that bracket
            return new JsonLocation(at.contentReference(), Math.max(0, at.getByteOffset() - 1),
                    Math.max(0, at.getCharOffset() - 1), at.getLineNr(), Math.max(1, at.getColumnNr() - 1));
        }
        return e.getLocation();
    }

    /** {@return the shared factory, with the limits above, for streaming readers (thread-safe, do not reconfigure)} */
    public static JsonFactory factory() {
        return FACTORY;
    }

    /**
     * A mapper reading and building trees the Python way; do not reconfigure it.
     *
     * @return the shared mapper (thread-safe)
     */
    public static ObjectMapper mapper() {
        return Mapper.MAPPER;
    }

    /**
     * Reads the value the parser stands on into a tree, exactly as {@code mapper().readTree(p)} reads it (the same
     * node types: {@code int}, {@code long} or {@link java.math.BigInteger} nodes by the integer's size, doubles for
     * other numbers, {@code NaN} included; a repeated key keeps its first place and its last value), and leaves the
     * parser as that does: on the value's last token, with the current token cleared. Without the mapper's data
     * binding, so a reader that builds a few small trees (the non-step events of an engine trace) does not set it up;
     * anything out of the ordinary (no current token, a field name, a big-decimal or embedded value) is read by the
     * mapper itself.
     *
     * @param p the parser, on the first token of a value
     * @return the tree; null only where the mapper returns null (no content left)
     * @throws IOException as the parser throws it, if the value is not valid JSON or cannot be read
     */
    public static JsonNode readTree(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null || t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
            return Mapper.MAPPER.readTree(p);
        }
        JsonNode node = value(p, t);
        p.clearCurrentToken();
        return node;
    }

    /** The value at {@code t}, as the mapper's node deserializer reads it (with its default features). */
    private static JsonNode value(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new JsonParseException(p, "unexpected end of input: expected a value");
        }
        switch (t) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                JsonToken next;
                while ((next = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    object.replace(name, value(p, p.nextToken()));
                }
                if (next != JsonToken.END_OBJECT) {
                    throw new JsonParseException(p, "unexpected token " + next + " in an object");
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (next == null) {
                        throw new JsonParseException(p, "unexpected end of input in an array");
                    }
                    array.add(value(p, next));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                return switch (p.getNumberTypeFP()) {
                    case BIG_DECIMAL -> Mapper.MAPPER.readTree(p);
                    case FLOAT32 -> NODES.numberNode(p.getFloatValue());
                    default -> NODES.numberNode(p.getDoubleValue());
                };
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                return Mapper.MAPPER.readTree(p);
        }
    }

    /**
     * The node as compact JSON text, exactly what {@link JsonNode#toString()} gives, written by a plain streaming
     * generator instead of the data-binding mapper that {@code toString()} sets up on first use (about 0.1 s of a cold
     * start, for a report that shows a few values). Node kinds outside plain JSON (binary, POJO, missing) are left to
     * {@code toString()}.
     *
     * @param node the value
     * @return its compact JSON text
     */
    public static String compact(JsonNode node) {
        return compact(node, Plain.WRITER);
    }

    /**
     * The node as an operator reads it in a report: {@link #compact}, except that {@code NaN}, {@code Infinity} and
     * {@code -Infinity} are the number tokens the file holds (Python's {@code json} writes them so), not the strings
     * {@code "NaN"} Jackson makes of them, which would read as a changed type.
     *
     * @param node the value
     * @return its compact text
     */
    public static String display(JsonNode node) {
        return compact(node, Plain.DISPLAY);
    }

    private static String compact(JsonNode node, JsonFactory factory) {
        if (!plain(node)) {
            return node.toString();
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator g = factory.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The factories of {@link #compact}, Jackson's defaults (those of the mapper behind {@code JsonNode.toString()}),
     * and of {@link #display}, which writes non-finite numbers as bare tokens.
     */
    private static final class Plain {
        static final JsonFactory WRITER = new JsonFactory();
        static final JsonFactory DISPLAY = JsonFactory.builder()
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();
    }

    private static boolean plain(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT, ARRAY -> {
                for (JsonNode child : node) {
                    if (!plain(child)) {
                        yield false;
                    }
                }
                yield true;
            }
            case STRING, BOOLEAN, NULL -> true;
            case NUMBER -> node.numberType() != null;
            default -> false;
        };
    }

    private static void write(JsonGenerator g, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode child : node) {
                    write(g, child);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NULL -> g.writeNull();
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> g.writeNumber(node.intValue());
                    case LONG -> g.writeNumber(node.longValue());
                    case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
                    case FLOAT -> g.writeNumber(node.floatValue());
                    case DOUBLE -> g.writeNumber(node.doubleValue());
                    default -> g.writeNumber(node.decimalValue());
                }
            }
            default -> throw new IllegalStateException("not plain JSON: " + node.getNodeType());
        }
    }

    /**
     * Parses JSON bytes written by this suite or by Python.
     *
     * @param json UTF-8 JSON
     * @return the tree
     * @throws IllegalArgumentException if the bytes are not JSON
     */
    public static JsonNode readTree(byte[] json) {
        try {
            return Mapper.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses JSON text.
     *
     * @param json JSON text
     * @return the tree
     * @throws IllegalArgumentException if the text is not JSON
     */
    public static JsonNode readTree(String json) {
        try {
            return Mapper.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
