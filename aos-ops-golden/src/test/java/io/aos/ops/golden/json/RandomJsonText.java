package io.aos.ops.golden.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random JSON text for the differential tests of the byte-level fast tiers ({@link AsciiJson} and its users): mostly
 * what Python's {@code json.dumps(sort_keys=True, separators=(",", ":"))} writes, with {@code oddity} the chance per
 * token of something else: keys out of order, repeated or upper-case, escapes of every kind, raw non-ASCII and
 * control bytes, numbers such as {@code 1.0}, {@code 1e2}, {@code -0}, {@code 1E400}, spaces, tabs and carriage
 * returns, and invalid JSON.
 */
public final class RandomJsonText {

    private static final String[] KEYS = {"a", "b", "cost_cents", "duration_ms", "error", "id", "items", "latency_ms",
        "output", "run_id", "score", "seed_mod", "status", "timestamp", "token", "x y", "z"};
    private static final String[] ODD_KEYS = {"Status", "ID", "k\\u0061", "\\u00e9t\\u00E9", "caf\u00e9", "a\\\"b",
        "b\\\\", "", "api_key", "ab", "a ", "duration_MS", "\\u0041"};
    private static final String[] STRINGS = {"ok", "", "item-0-0", "https://svc.example/v1/items/0", "x y", "~!@#$%^&*()",
        "<tag a='1'>", "a/b", "DEL?"};
    private static final String[] ODD_STRINGS = {"line\\nbreak", "q\\\"uote", "back\\\\slash", "sl\\/ash", "\\u00e9",
        "\\u00E9", "\\ud83d\\ude00", "\\ud800", "\\u0041", "\\u001f", "\\u007f", "\\b\\f\\r\\t", "\\u2028",
        "caf\u00e9", "\u65e5\u672c", "tab\there", "raw\u007fdel", "bad\\x", "bad\\u12", "\\u0022"};
    private static final String[] NUMBERS = {"0", "1", "13", "-5", "935", "0.357", "0.5", "2.25", "-0.75", "123.456",
        "15554826178763638935"};
    private static final String[] ODD_NUMBERS = {"-0", "-0.0", "0.0", "1.0", "1e2", "1E2", "1e-7", "1.5e-7", "1E400",
        "-1e400", "0.00001", "0.0001", "1e16", "1e15", "123456.1234567", "0.1234565", "0.1234575", "2.675",
        "12345678901234567890.5", "99999999999999999999999999999", "1.7976931348623157e308", "5e-324", "1e+2",
        "0.30000000000000004", "100.0000001", "3.14159265358979", "01", "1.", ".5", "-", "1e", "+1", "NaN",
        "Infinity", "-Infinity", "0x10", "1.5.2"};
    private static final String[] ODD_LITERALS = {"tru", "nul", "True", "None", "falsey", "nulll"};

    private final Random r;
    private final double oddity;

    /**
     * A generator.
     *
     * @param r      the randomness
     * @param oddity the chance of something unusual at each token, 0 to 1
     */
    public RandomJsonText(Random r, double oddity) {
        this.r = r;
        this.oddity = oddity;
    }

    private boolean odd() {
        return r.nextDouble() < oddity;
    }

    /** {@return one random value} */
    public String value() {
        StringBuilder out = new StringBuilder();
        value(out, 0);
        return out.toString();
    }

    /**
     * Appends a random value.
     *
     * @param out   where to write
     * @param depth how deep it is
     */
    public void value(StringBuilder out, int depth) {
        int kind = r.nextInt(depth > 4 ? 4 : 7);
        switch (kind) {
            case 0 -> string(out);
            case 1 -> number(out);
            case 2 -> out.append(odd() ? pick(ODD_LITERALS) : pick(new String[] {"true", "false", "null"}));
            case 3 -> out.append(odd() ? "null" : "1");
            case 4, 5 -> object(out, depth + 1, randomKeys());
            default -> array(out, depth + 1);
        }
    }

    /** {@return a list of keys, sorted (unless odd), each once (unless odd)} */
    public List<String> randomKeys() {
        List<String> keys = new ArrayList<>();
        for (String k : KEYS) {
            if (r.nextInt(3) == 0) {
                keys.add(k);
            }
        }
        if (odd()) {
            keys.add(r.nextInt(keys.size() + 1), pick(ODD_KEYS));
        }
        if (odd() && !keys.isEmpty()) {
            keys.add(r.nextInt(keys.size() + 1), keys.get(r.nextInt(keys.size())));
        }
        if (odd() && keys.size() > 1) {
            java.util.Collections.swap(keys, r.nextInt(keys.size()), r.nextInt(keys.size()));
        }
        return keys;
    }

    /**
     * Appends an object with these keys and random values.
     *
     * @param out   where to write
     * @param depth how deep it is
     * @param keys  its keys in order
     */
    public void object(StringBuilder out, int depth, List<String> keys) {
        out.append('{');
        space(out);
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(',');
                space(out);
            }
            out.append('"').append(keys.get(i)).append('"');
            space(out);
            out.append(':');
            space(out);
            value(out, depth);
            space(out);
        }
        if (odd() && odd()) {
            out.append(',');
        }
        out.append('}');
    }

    private void array(StringBuilder out, int depth) {
        out.append('[');
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(',');
            }
            space(out);
            value(out, depth);
        }
        if (odd() && odd()) {
            out.append(n == 0 ? "," : ",]");
            return;
        }
        out.append(']');
    }

    /**
     * Appends a random string.
     *
     * @param out where to write
     */
    public void string(StringBuilder out) {
        out.append('"').append(odd() ? pick(ODD_STRINGS) : pick(STRINGS)).append('"');
    }

    /**
     * Appends a random number.
     *
     * @param out where to write
     */
    public void number(StringBuilder out) {
        if (odd()) {
            out.append(pick(ODD_NUMBERS));
        } else if (r.nextBoolean()) {
            out.append(pick(NUMBERS));
        } else {
            // a float as Python prints a short one: up to 6 places
            double d = Math.round(r.nextDouble() * Math.pow(10, r.nextInt(7))) / Math.pow(10, r.nextInt(7));
            out.append(r.nextBoolean() ? -d : d);
        }
    }

    private void space(StringBuilder out) {
        if (odd()) {
            out.append(pick(new String[] {" ", "\t", "  ", "\r", " \r\n "}));
        }
    }

    private String pick(String[] options) {
        return options[r.nextInt(options.length)];
    }
}
