package io.aos.ops.golden.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders a Jackson tree exactly as Python's {@code json.dumps(obj, ensure_ascii=True, ...)} renders the same value,
 * so that hashes over the rendering match the Python tools bit for bit.
 *
 * <p>Three styles cover every upstream writer: {@link Style#COMPACT} ({@code sort_keys=True, separators=(",", ":")},
 * the engine's JSONL lines and {@code output_hash}), {@link Style#DEFAULT} ({@code sort_keys=True} with the default
 * {@code ", "}/{@code ": "} separators, the simulation {@code step_hash}) and {@link Style#INDENT_2}
 * ({@code indent=2}, keys in insertion order, the {@code .golden.json} files).
 *
 * <p>Keys sort by Unicode code point as Python sorts {@code str}, not by UTF-16 unit as {@link String#compareTo}
 * does; the two differ when an astral character meets one in U+E000..U+FFFF ({@link #CODE_POINT_ORDER}).
 * Numbers: integer nodes of any size are written exactly; floating nodes (double, float, BigDecimal) are Python
 * floats and are written with {@code repr}.
 *
 * <p>Stateless: thread-safe.
 */
public final class PyJson {

    /**
     * How {@code json.dumps} was called.
     *
     * @param itemSeparator what separates items ({@code ","} or {@code ", "})
     * @param keySeparator  what separates a key from its value ({@code ":"} or {@code ": "})
     * @param indent        spaces per level, or -1 for one line
     * @param sortKeys      whether object keys are sorted (by code point)
     */
    public record Style(String itemSeparator, String keySeparator, int indent, boolean sortKeys) {
        /** {@code json.dumps(x, sort_keys=True, separators=(",", ":"))}. */
        public static final Style COMPACT = new Style(",", ":", -1, true);
        /** {@code json.dumps(x, sort_keys=True)}: default separators {@code ", "} and {@code ": "}. */
        public static final Style DEFAULT = new Style(", ", ": ", -1, true);
        /** {@code json.dump(x, f, indent=2)}: item separator {@code ","}, keys in insertion order. */
        public static final Style INDENT_2 = new Style(",", ": ", 2, false);

        /**
         * The same style with sorted keys switched on or off.
         *
         * @param sort whether keys are sorted
         * @return the style
         */
        public Style sortKeys(boolean sort) {
            return new Style(itemSeparator, keySeparator, indent, sort);
        }
    }

    /** Python's order of {@code str} keys: by code point, a surrogate pair counting as one astral code point. */
    public static final Comparator<String> CODE_POINT_ORDER = PyJson::compareCodePoints;

    private PyJson() {
    }

    /**
     * {@code json.dumps(node, sort_keys=True, separators=(",", ":"))}.
     *
     * @param node any JSON value
     * @return the text
     */
    public static String compact(JsonNode node) {
        return dumps(node, Style.COMPACT);
    }

    /**
     * {@code json.dumps(node, sort_keys=True)}.
     *
     * @param node any JSON value
     * @return the text
     */
    public static String defaultSeparators(JsonNode node) {
        return dumps(node, Style.DEFAULT);
    }

    /**
     * {@code json.dumps(node, ...)} in the given style, with {@code ensure_ascii=True}.
     *
     * @param node  any JSON value
     * @param style how {@code json.dumps} was called
     * @return the text, all ASCII
     */
    public static String dumps(JsonNode node, Style style) {
        PyJsonOutput out = new PyJsonOutput();
        write(node, style, out);
        return out.toString();
    }

    /**
     * The ASCII bytes of {@link #dumps}.
     *
     * @param node  any JSON value
     * @param style how {@code json.dumps} was called
     * @return the bytes
     */
    public static byte[] dumpsBytes(JsonNode node, Style style) {
        PyJsonOutput out = new PyJsonOutput();
        write(node, style, out);
        return out.toByteArray();
    }

    /**
     * Appends {@link #dumps} of {@code node} to {@code out}.
     *
     * @param node  any JSON value
     * @param style how {@code json.dumps} was called
     * @param out   where to append
     */
    public static void write(JsonNode node, Style style, PyJsonOutput out) {
        writeValue(node, style, out, 0);
    }

    private static void writeValue(JsonNode node, Style style, PyJsonOutput out, int level) {
        JsonNodeType type = node.getNodeType();
        switch (type) {
            case OBJECT -> writeObject(node, style, out, level);
            case ARRAY -> writeArray(node, style, out, level);
            case STRING -> out.writeString(node.textValue());
            case BOOLEAN -> out.writeBoolean(node.booleanValue());
            case NULL, MISSING -> out.writeNull();
            case NUMBER -> writeNumber(node, out);
            case BINARY, POJO -> out.writeString(node.asText());
        }
    }

    static void writeNumber(JsonNode node, PyJsonOutput out) {
        if (node.isIntegralNumber()) {
            if (node.canConvertToLong()) {
                out.writeLong(node.longValue());
            } else {
                out.writeBigInteger(node.bigIntegerValue());
            }
        } else if (node.isBigDecimal()) {
            // BigDecimal.doubleValue is not correctly rounded on every JDK 17 build; parsing the text is.
            out.writeDouble(Double.parseDouble(node.decimalValue().toString()));
        } else {
            out.writeDouble(node.doubleValue());
        }
    }

    private static void writeArray(JsonNode node, Style style, PyJsonOutput out, int level) {
        if (node.isEmpty()) {
            out.writeAscii("[]");
            return;
        }
        out.writeByte('[');
        boolean first = true;
        for (JsonNode item : node) {
            if (!first) {
                out.writeAscii(style.itemSeparator());
            }
            newline(style, out, level + 1);
            writeValue(item, style, out, level + 1);
            first = false;
        }
        newline(style, out, level);
        out.writeByte(']');
    }

    private static void writeObject(JsonNode node, Style style, PyJsonOutput out, int level) {
        if (node.isEmpty()) {
            out.writeAscii("{}");
            return;
        }
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            fields.add(it.next());
        }
        if (style.sortKeys()) {
            fields.sort(Map.Entry.comparingByKey(CODE_POINT_ORDER));
        }
        out.writeByte('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> field : fields) {
            if (!first) {
                out.writeAscii(style.itemSeparator());
            }
            newline(style, out, level + 1);
            out.writeString(field.getKey());
            out.writeAscii(style.keySeparator());
            writeValue(field.getValue(), style, out, level + 1);
            first = false;
        }
        newline(style, out, level);
        out.writeByte('}');
    }

    private static void newline(Style style, PyJsonOutput out, int level) {
        if (style.indent() < 0) {
            return;
        }
        out.writeByte('\n');
        int spaces = style.indent() * level;
        for (int i = 0; i < spaces; i++) {
            out.writeByte(' ');
        }
    }

    /** Compares by code point; only the first differing position needs code point decoding. */
    static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == n) {
            return a.length() - b.length();
        }
        char ca = a.charAt(i);
        char cb = b.charAt(i);
        if (!Character.isSurrogate(ca) && !Character.isSurrogate(cb)) {
            return ca - cb;
        }
        // Back up to the start of a surrogate pair both strings share the high half of, then decode code points.
        int start = i > 0 && Character.isHighSurrogate(a.charAt(i - 1)) ? i - 1 : i;
        int pa = start;
        int pb = start;
        while (pa < a.length() && pb < b.length()) {
            int cpa = a.codePointAt(pa);
            int cpb = b.codePointAt(pb);
            if (cpa != cpb) {
                return Integer.compare(cpa, cpb);
            }
            pa += Character.charCount(cpa);
            pb += Character.charCount(cpb);
        }
        return Integer.compare(a.length() - pa, b.length() - pb);
    }
}
