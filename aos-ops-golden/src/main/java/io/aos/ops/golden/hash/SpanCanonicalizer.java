package io.aos.ops.golden.hash;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.io.NumberInput;
import io.aos.ops.golden.json.AsciiJson;
import io.aos.ops.golden.json.PyJsonOutput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast tier of a {@link GoldenCanonicalizer}: writes the canonical form of a JSON value straight from its bytes,
 * without a parser, for the values Python writes (the {@link AsciiJson} subset) whose objects already have their keys
 * in order. It copies strings, integers and literals as they are (re-escaping only strings with escapes), rounds
 * floats as the canonicalizer does, and leaves out members that are null or volatile. Anything else (keys out of
 * order or repeated, a key with upper-case letters or an escape, a key whose value the rules redact, anything outside
 * the subset) makes it give up with {@code -1}; the caller then canonicalises the value with
 * {@link GoldenCanonicalizer#write(com.fasterxml.jackson.core.JsonParser, com.fasterxml.jackson.core.JsonToken,
 * PyJsonOutput)}, whose output this always equals where it does not give up.
 *
 * <p>Not thread-safe (it caches the rules' decision per key): one per thread.
 */
public final class SpanCanonicalizer {

    private static final int KEEP = 1;
    private static final int DROP = 2;
    private static final int GIVE_UP = 3;
    private static final int CACHE_SIZE = 256;

    private final GoldenCanonicalizer rules;
    private final byte[][] cachedKeys = new byte[CACHE_SIZE][];
    private final int[] cachedRules = new int[CACHE_SIZE];
    private char[] chars = new char[64];

    /**
     * A writer for {@code rules}.
     *
     * @param rules the canonicalisation rules
     */
    public SpanCanonicalizer(GoldenCanonicalizer rules) {
        this.rules = checkNotNull(rules, "rules");
    }

    /**
     * Appends the canonical form of the JSON value at {@code at} to {@code out}.
     *
     * @param json  the bytes
     * @param at    the index of the value's first byte
     * @param limit the end of the input: the value must end before it
     * @param out   where to append; on {@code -1}, holds a partial value the caller discards
     * @return the index after the value; -1 if this value needs the general path
     */
    public int write(byte[] json, int at, int limit, PyJsonOutput out) {
        return value(json, at, limit, out, 0);
    }

    private int value(byte[] b, int at, int limit, PyJsonOutput out, int depth) {
        if (at >= limit) {
            return -1;
        }
        byte c = b[at];
        if (c == '{') {
            return depth >= AsciiJson.MAX_DEPTH ? -1 : object(b, at, limit, out, depth + 1);
        }
        if (c == '[') {
            return depth >= AsciiJson.MAX_DEPTH ? -1 : array(b, at, limit, out, depth + 1);
        }
        if (c == '"') {
            return string(b, at, limit, out);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number(b, at, limit, out);
        }
        int end = AsciiJson.literalEnd(b, at, limit);
        if (end > 0) {
            out.writeBytes(b, at, end - at);
        }
        return end;
    }

    private int object(byte[] b, int at, int limit, PyJsonOutput out, int depth) {
        out.writeByte('{');
        int i = AsciiJson.skipSpaces(b, at + 1, limit);
        if (i < limit && b[i] == '}') {
            out.writeByte('}');
            return i + 1;
        }
        boolean written = false;
        int previousStart = -1;
        int previousEnd = -1;
        while (true) {
            int keyEnd = AsciiJson.plainStringEnd(b, i, limit);
            if (keyEnd < 0) {
                return -1;
            }
            int keyStart = i;
            // strictly increasing keys: no repeats, and (keys being ASCII without upper case) Python's sorted order
            if (previousStart >= 0
                    && !AsciiJson.sortsAfter(b, previousStart + 1, previousEnd - 1, keyStart + 1, keyEnd - 1)) {
                return -1;
            }
            previousStart = keyStart;
            previousEnd = keyEnd;
            int rule = rule(b, keyStart + 1, keyEnd - 1);
            if (rule == GIVE_UP) {
                return -1;
            }
            i = AsciiJson.skipSpaces(b, keyEnd, limit);
            if (i >= limit || b[i] != ':') {
                return -1;
            }
            i = AsciiJson.skipSpaces(b, i + 1, limit);
            if (rule == DROP || AsciiJson.isNull(b, i, limit)) {
                i = AsciiJson.skipValue(b, i, limit, depth);
            } else {
                if (written) {
                    out.writeByte(',');
                }
                out.writeBytes(b, keyStart, keyEnd - keyStart);
                out.writeByte(':');
                i = value(b, i, limit, out, depth);
                written = true;
            }
            if (i < 0) {
                return -1;
            }
            i = AsciiJson.separator(b, i, limit, (byte) '}');
            if (i < 0) {
                return -1;
            }
            if (b[i] == '}') {
                out.writeByte('}');
                return i + 1;
            }
            i = AsciiJson.skipSpaces(b, i + 1, limit);
        }
    }

    private int array(byte[] b, int at, int limit, PyJsonOutput out, int depth) {
        out.writeByte('[');
        int i = AsciiJson.skipSpaces(b, at + 1, limit);
        if (i < limit && b[i] == ']') {
            out.writeByte(']');
            return i + 1;
        }
        while (true) {
            i = value(b, i, limit, out, depth);
            if (i < 0) {
                return -1;
            }
            i = AsciiJson.separator(b, i, limit, (byte) ']');
            if (i < 0) {
                return -1;
            }
            if (b[i] == ']') {
                out.writeByte(']');
                return i + 1;
            }
            out.writeByte(',');
            i = AsciiJson.skipSpaces(b, i + 1, limit);
        }
    }

    /** A string without escapes is already canonical; one with escapes is decoded and written again. */
    private int string(byte[] b, int at, int limit, PyJsonOutput out) {
        int end = AsciiJson.plainStringEnd(b, at, limit);
        if (end > 0) {
            out.writeBytes(b, at, end - at);
            return end;
        }
        end = AsciiJson.stringEnd(b, at, limit);
        if (end < 0) {
            return -1;
        }
        if (chars.length < end - at) {
            chars = new char[Math.max(end - at, chars.length * 2)];
        }
        int n = 0;
        for (int i = at + 1; i < end - 1; i++) {
            byte c = b[i];
            if (c != '\\') {
                chars[n++] = (char) c;
                continue;
            }
            byte e = b[++i];
            switch (e) {
                case 'b' -> chars[n++] = '\b';
                case 'f' -> chars[n++] = '\f';
                case 'n' -> chars[n++] = '\n';
                case 'r' -> chars[n++] = '\r';
                case 't' -> chars[n++] = '\t';
                case 'u' -> {
                    chars[n++] = (char) (AsciiJson.hexValue(b[i + 1]) << 12 | AsciiJson.hexValue(b[i + 2]) << 8
                            | AsciiJson.hexValue(b[i + 3]) << 4 | AsciiJson.hexValue(b[i + 4]));
                    i += 4;
                }
                default -> chars[n++] = (char) e; // " \ /
            }
        }
        out.writeString(chars, 0, n);
        return end;
    }

    /** An integer is already Python's rendering (but {@code -0}, which is 0); a float is rounded as the rules say. */
    private int number(byte[] b, int at, int limit, PyJsonOutput out) {
        int end = AsciiJson.numberEnd(b, at, limit);
        if (end < 0) {
            return -1;
        }
        if (AsciiJson.isInteger(b, at, end)) {
            if (end - at == 2 && b[at] == '-' && b[at + 1] == '0') {
                out.writeByte('0');
            } else {
                out.writeBytes(b, at, end - at);
            }
        } else {
            // the parser's own conversion (USE_FAST_DOUBLE_PARSER), so the double is the one it would give
            double value = NumberInput.parseDouble(new String(b, at, end - at, StandardCharsets.ISO_8859_1), true);
            out.writeRoundedDouble(value, rules.floatPrecision());
        }
        return end;
    }

    /** What the rules do with the key {@code [from, to)} (no escapes, printable ASCII), cached per key. */
    private int rule(byte[] b, int from, int to) {
        int hash = 1;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + b[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (CACHE_SIZE - 1);
        byte[] cached = cachedKeys[slot];
        if (cached != null && AsciiJson.sameBytes(cached, 0, cached.length, b, from, to)) {
            return cachedRules[slot];
        }
        int rule = decide(b, from, to);
        cachedKeys[slot] = Arrays.copyOfRange(b, from, to);
        cachedRules[slot] = rule;
        return rule;
    }

    private int decide(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] >= 'A' && b[i] <= 'Z') {
                // lowercasing changes it: it may collide with another key, or sort elsewhere
                return GIVE_UP;
            }
        }
        String key = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        if (rules.volatileFields().containsLowercased(key)) {
            return DROP;
        }
        return rules.redactSensitive() && GoldenCanonicalizer.isSensitive(key) ? GIVE_UP : KEEP;
    }
}
