package io.aos.ops.bench.corpus;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON text byte for byte as Python's {@code json.dumps} does, for the value kinds the corpora use: maps with
 * string keys, lists, strings, integers of any size, booleans, null, and decimals written as {@link BigDecimal}.
 * Non-ASCII characters are escaped as Python's default {@code ensure_ascii=True} does.
 *
 * <p>Floats are BigDecimals on purpose: Python writes a float with {@code repr}, and JDK 17's {@code Double.toString}
 * does not always agree with it, whereas a decimal with at most six places in [1e-4, 1e15) prints the same in both.
 * The corpora only use such decimals; anything else is refused rather than written differently from Python.
 *
 * <p>This is the corpus generator's own writer, deliberately small; the suite's general Python-compatible writer
 * lives in {@code aos-ops-golden}.
 */
final class CorpusJson {

    private static final BigDecimal SMALLEST = new BigDecimal("0.0001");
    private static final BigDecimal LARGEST = new BigDecimal("1e15");

    private CorpusJson() {
    }

    /** A number written verbatim, for files that upstream writes without Python (its bash summary's {@code bc} rate). */
    record RawNumber(String text) {
    }

    /** {@code json.dumps(v, sort_keys=True, separators=(",", ":"))}: the engine trace line and canonical form. */
    static String compactSorted(Object value) {
        StringBuilder out = new StringBuilder(512);
        write(out, value, ",", ":", true, -1, 0);
        return out.toString();
    }

    /** {@code json.dumps(v, sort_keys=True)}: Python's default separators {@code ", "} and {@code ": "}. */
    static String defaultSorted(Object value) {
        StringBuilder out = new StringBuilder(128);
        write(out, value, ", ", ": ", true, -1, 0);
        return out.toString();
    }

    /** {@code json.dumps(v, indent=n)}: keys in insertion order (a dataclass's field order), no trailing newline. */
    static String indented(Object value, int indent) {
        StringBuilder out = new StringBuilder(512);
        write(out, value, ",", ": ", false, indent, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, String itemSep, String keySep, boolean sortKeys,
            int indent, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal d) {
            decimal(out, d);
        } else if (value instanceof RawNumber raw) {
            out.append(raw.text());
        } else if (value instanceof Map<?, ?> map) {
            object(out, map, itemSep, keySep, sortKeys, indent, depth);
        } else if (value instanceof List<?> list) {
            array(out, list, itemSep, keySep, sortKeys, indent, depth);
        } else {
            throw new IllegalArgumentException("not a corpus JSON value: " + value.getClass().getName());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, String itemSep, String keySep, boolean sortKeys,
            int indent, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        List<String> keys = new ArrayList<>(map.size());
        for (Object k : map.keySet()) {
            keys.add((String) k);
        }
        if (sortKeys) {
            // Python sorts by code point; String.compareTo sorts by UTF-16 unit. They agree on the corpora's ASCII keys.
            Collections.sort(keys);
        }
        out.append('{');
        boolean first = true;
        for (String key : keys) {
            if (!first) {
                out.append(itemSep);
            }
            first = false;
            newline(out, indent, depth + 1);
            string(out, key);
            out.append(keySep);
            write(out, map.get(key), itemSep, keySep, sortKeys, indent, depth + 1);
        }
        newline(out, indent, depth);
        out.append('}');
    }

    private static void array(StringBuilder out, List<?> list, String itemSep, String keySep, boolean sortKeys,
            int indent, int depth) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(itemSep);
            }
            newline(out, indent, depth + 1);
            write(out, list.get(i), itemSep, keySep, sortKeys, indent, depth + 1);
        }
        newline(out, indent, depth);
        out.append(']');
    }

    private static void newline(StringBuilder out, int indent, int depth) {
        if (indent >= 0) {
            out.append('\n');
            out.append(" ".repeat(indent * depth));
        }
    }

    private static void decimal(StringBuilder out, BigDecimal d) {
        BigDecimal abs = d.abs();
        checkArgument(abs.signum() == 0 || (abs.compareTo(SMALLEST) >= 0 && abs.compareTo(LARGEST) < 0),
                "decimal %s is outside the range where Java and Python print it alike", d);
        checkArgument(d.stripTrailingZeros().scale() <= 6, "decimal %s has more than six places", d);
        String plain = d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        out.append(plain);
        if (plain.indexOf('.') < 0) {
            out.append(".0");
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c >= 0x80) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
