package io.aos.ops.golden.shadow.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Python's {@code str()} of a JSON-like value, because upstream's stub skills hash and measure {@code str(data)}:
 * {@code mock_io} counts the characters of the dict repr ({@code {'file': 'file1.txt'}} is 21), {@code compute_hash}
 * hashes {@code f"{str(data)}:{seed}"}. Covers what workflow inputs hold: strings, integers, booleans, null, lists
 * and dicts (insertion order, as Python 3.7+ keeps it). Floats use Java's shortest repr, which equals Python's for
 * the usual values; a workflow that needs exotic floats in its inputs should not rely on {@code str()}.
 */
final class PyRepr {

    private PyRepr() {
    }

    /** {@code str(value)}: a top-level string is itself, everything else its repr. */
    static String str(JsonNode value) {
        return value.isTextual() ? value.textValue() : repr(value);
    }

    static String repr(JsonNode value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value);
        return sb.toString();
    }

    private static void append(StringBuilder sb, JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            sb.append("None");
        } else if (v.isBoolean()) {
            sb.append(v.booleanValue() ? "True" : "False");
        } else if (v.isIntegralNumber()) {
            sb.append(v.bigIntegerValue());
        } else if (v.isNumber()) {
            sb.append(v.doubleValue());
        } else if (v.isTextual()) {
            appendString(sb, v.textValue());
        } else if (v.isArray()) {
            sb.append('[');
            for (int i = 0; i < v.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                append(sb, v.get(i));
            }
            sb.append(']');
        } else {
            sb.append('{');
            Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            boolean first = true;
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                appendString(sb, e.getKey());
                sb.append(": ");
                append(sb, e.getValue());
            }
            sb.append('}');
        }
    }

    /** Python's str repr: single quotes unless the text has a single quote and no double quote. */
    private static void appendString(StringBuilder sb, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        sb.append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append(quote);
    }
}
