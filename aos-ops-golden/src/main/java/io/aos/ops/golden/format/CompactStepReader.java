package io.aos.ops.golden.format;

import io.aos.ops.golden.hash.GoldenCanonicalizer;
import io.aos.ops.golden.hash.Sha256Prefix;
import io.aos.ops.golden.hash.SpanCanonicalizer;
import io.aos.ops.golden.json.AsciiJson;
import io.aos.ops.golden.json.PyJsonOutput;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The fast tier of {@link EngineTraceHasher#readEvent}: reads one line that holds one {@code step} event as Python
 * writes it (the {@link AsciiJson} subset, keys in sorted order at the envelope and {@code data} levels, plain ids)
 * straight from its bytes, and hashes its {@code output} with {@link SpanCanonicalizer}. For such a line it gives the
 * {@link EngineTraceHasher.StepHash} the parser path gives; for any other line (another event type, keys out of
 * order or repeated, an escape in a key or id, an index out of range, bad JSON, ...) it gives null and the caller
 * reads the line with the parser, which also reports what is wrong with it.
 *
 * <p>Not thread-safe (one buffer, one digest): one per thread.
 */
final class CompactStepReader {

    private static final byte[] EVENT_TYPE = ascii("event_type");
    private static final byte[] DATA = ascii("data");
    private static final byte[] STEP = ascii("step");
    private static final byte[] OUTPUT = ascii("output");
    private static final byte[] OUTPUT_HASH = ascii("output_hash");
    private static final byte[] INDEX = ascii("index");
    private static final byte[] SEED = ascii("seed");
    private static final byte[] STEP_ID = ascii("step_id");
    private static final byte[] SKILL_ID = ascii("skill_id");

    private final SpanCanonicalizer canonicalizer = new SpanCanonicalizer(GoldenCanonicalizer.outputHashRules());
    private final PyJsonOutput buffer = new PyJsonOutput(4096);
    private final Sha256Prefix sha256 = new Sha256Prefix();

    /** Where the line of the last step read ends: the index of its {@code '\n'}, or the {@code to} it was read to. */
    private int lineEnd;

    // what readData found in the current line
    private int index;
    private String stepId;
    private String skillId;
    private BigInteger seed;
    private String stored;
    private String recomputed;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The step event on the line that starts at {@code from} and ends at the first {@code '\n'} before {@code to}, or
     * at {@code to}, as the event at {@code line}; {@link #lineEnd()} is then where the line ends. The line's end is
     * found by reading it: no value of the subset {@link AsciiJson} reads holds a line break (strings refuse control
     * characters, and only spaces and tabs are skipped between tokens), so a plain event never runs past its line.
     *
     * @return the step; null if the line is not a step event in the plain shape (read it with the parser)
     */
    EngineTraceHasher.StepHash read(byte[] b, int from, int to, long line) {
        int i = AsciiJson.skipSpaces(b, from, to);
        if (i >= to || b[i] != '{') {
            return null;
        }
        i = AsciiJson.skipSpaces(b, i + 1, to);
        boolean step = false;
        boolean data = false;
        int previousStart = -1;
        int previousEnd = -1;
        while (true) {
            int keyEnd = sortedKeyEnd(b, i, to, previousStart, previousEnd);
            if (keyEnd < 0) {
                return null;
            }
            int keyStart = i;
            previousStart = keyStart;
            previousEnd = keyEnd;
            i = AsciiJson.skipSpaces(b, keyEnd, to);
            if (i >= to || b[i] != ':') {
                return null;
            }
            i = AsciiJson.skipSpaces(b, i + 1, to);
            if (is(b, keyStart, keyEnd, EVENT_TYPE)) {
                int end = AsciiJson.plainStringEnd(b, i, to);
                if (end < 0 || !is(b, i, end, STEP)) {
                    return null;
                }
                step = true;
                i = end;
            } else if (is(b, keyStart, keyEnd, DATA)) {
                if (i >= to || b[i] != '{') {
                    return null;
                }
                i = readData(b, i, to);
                data = true;
            } else {
                i = AsciiJson.skipValue(b, i, to, 1);
            }
            if (i < 0) {
                return null;
            }
            i = AsciiJson.separator(b, i, to, (byte) '}');
            if (i < 0) {
                return null;
            }
            if (b[i] == '}') {
                break;
            }
            i = AsciiJson.skipSpaces(b, i + 1, to);
        }
        int end = AsciiJson.skipSpaces(b, i + 1, to);
        if (end < to && b[end] != '\n' || !step || !data) {
            return null;
        }
        lineEnd = end;
        return new EngineTraceHasher.StepHash(line, index, stepId, skillId, seed, stored, recomputed);
    }

    /**
     * Where the line of the step {@link #read} last returned ends.
     *
     * @return the index of the line's {@code '\n'}, or the {@code to} it was read to when it has none
     */
    int lineEnd() {
        return lineEnd;
    }

    /** Whether the quoted string {@code [from, to)} holds exactly {@code name}. */
    private static boolean is(byte[] b, int from, int to, byte[] name) {
        return to - from == name.length + 2 && AsciiJson.sameBytes(b, from + 1, to - 1, name, 0, name.length);
    }

    /** Reads {@code data} (its brace at {@code at}); returns the index after it, or -1. */
    private int readData(byte[] b, int at, int to) {
        index = -1;
        stepId = null;
        skillId = null;
        seed = null;
        stored = null;
        recomputed = null;
        int i = AsciiJson.skipSpaces(b, at + 1, to);
        if (i < to && b[i] == '}') {
            return i + 1;
        }
        int previousStart = -1;
        int previousEnd = -1;
        while (true) {
            int keyEnd = sortedKeyEnd(b, i, to, previousStart, previousEnd);
            if (keyEnd < 0) {
                return -1;
            }
            int keyStart = i;
            previousStart = keyStart;
            previousEnd = keyEnd;
            i = AsciiJson.skipSpaces(b, keyEnd, to);
            if (i >= to || b[i] != ':') {
                return -1;
            }
            i = AsciiJson.skipSpaces(b, i + 1, to);
            if (is(b, keyStart, keyEnd, OUTPUT)) {
                i = output(b, i, to);
            } else if (is(b, keyStart, keyEnd, OUTPUT_HASH)) {
                i = text(b, i, to);
                stored = text;
            } else if (is(b, keyStart, keyEnd, STEP_ID)) {
                i = text(b, i, to);
                stepId = text;
            } else if (is(b, keyStart, keyEnd, SKILL_ID)) {
                i = text(b, i, to);
                skillId = text;
            } else if (is(b, keyStart, keyEnd, INDEX)) {
                i = index(b, i, to);
            } else if (is(b, keyStart, keyEnd, SEED)) {
                i = seed(b, i, to);
            } else {
                i = AsciiJson.skipValue(b, i, to, 2);
            }
            if (i < 0) {
                return -1;
            }
            i = AsciiJson.separator(b, i, to, (byte) '}');
            if (i < 0) {
                return -1;
            }
            if (b[i] == '}') {
                return i + 1;
            }
            i = AsciiJson.skipSpaces(b, i + 1, to);
        }
    }

    private int output(byte[] b, int at, int to) {
        if (AsciiJson.isNull(b, at, to)) {
            return AsciiJson.skipValue(b, at, to, 2);
        }
        buffer.reset();
        int end = canonicalizer.write(b, at, to, buffer);
        if (end < 0) {
            return -1;
        }
        recomputed = sha256.hex16(buffer.array(), 0, buffer.length());
        return end;
    }

    private String text;

    /** A string without escapes into {@link #text}; any other value (checked) leaves it null. */
    private int text(byte[] b, int at, int to) {
        text = null;
        if (at < to && b[at] == '"') {
            int end = AsciiJson.plainStringEnd(b, at, to);
            if (end > 0) {
                text = new String(b, at + 1, end - at - 2, StandardCharsets.ISO_8859_1);
            }
            return end;
        }
        return AsciiJson.skipValue(b, at, to, 2);
    }

    /** As the parser path: a non-negative integer of int's range; anything else is left to the parser to name. */
    private int index(byte[] b, int at, int to) {
        index = -1;
        if (at >= to || b[at] < '0' || b[at] > '9') {
            return -1;
        }
        int end = AsciiJson.numberEnd(b, at, to);
        if (end < 0 || !AsciiJson.isInteger(b, at, end)) {
            return -1;
        }
        if (end - at > 10) {
            return -1;
        }
        long value = 0;
        for (int i = at; i < end; i++) {
            value = value * 10 + (b[i] - '0');
        }
        if (value > Integer.MAX_VALUE) {
            return -1;
        }
        index = (int) value;
        return end;
    }

    /** A non-negative integer; anything else (null, a float, a string, ...) is left to the parser to name. */
    private int seed(byte[] b, int at, int to) {
        seed = null;
        if (at >= to || b[at] < '0' || b[at] > '9') {
            return -1;
        }
        int end = AsciiJson.numberEnd(b, at, to);
        if (end < 0 || !AsciiJson.isInteger(b, at, end)) {
            return -1;
        }
        if (end - at <= 20) {
            // up to 20 digits in a long read as unsigned (seeds are 64-bit), unless the value needs more bits
            long value = 0;
            for (int i = at; i < end - 1; i++) {
                value = value * 10 + (b[i] - '0');
            }
            int last = b[end - 1] - '0';
            if (end - at < 20 || Long.compareUnsigned(value, Long.divideUnsigned(-1L - last, 10)) <= 0) {
                value = value * 10 + last;
                seed = value >= 0 ? BigInteger.valueOf(value) : BigInteger.valueOf(value & Long.MAX_VALUE).setBit(63);
            } else {
                seed = new BigInteger(new String(b, at, end - at, StandardCharsets.ISO_8859_1));
            }
        } else {
            seed = new BigInteger(new String(b, at, end - at, StandardCharsets.ISO_8859_1));
        }
        return end;
    }

    /**
     * The end of the plain key string at {@code i}, or -1 when it is not one or does not sort after the previous key
     * (at {@code previousStart}..{@code previousEnd}, none when -1): the keys of a plain line are sorted and unique.
     */
    private static int sortedKeyEnd(byte[] b, int i, int to, int previousStart, int previousEnd) {
        int keyEnd = AsciiJson.plainStringEnd(b, i, to);
        if (keyEnd < 0 || previousStart >= 0
                && !AsciiJson.sortsAfter(b, previousStart, previousEnd, i, keyEnd)) {
            return -1;
        }
        return keyEnd;
    }
}
