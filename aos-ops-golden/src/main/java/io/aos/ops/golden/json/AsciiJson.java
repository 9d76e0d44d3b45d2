package io.aos.ops.golden.json;

/**
 * A strict scanner for the plain part of JSON, on bytes: the fast tier under the {@link GoldenJson} parser for lines
 * that Python's {@code json.dumps} writes (ASCII only, escapes for everything else). It accepts a subset of what that
 * parser accepts: strings of printable ASCII and valid escapes, numbers in JSON's grammar of at most
 * {@link #MAX_NUMBER_LENGTH} characters, {@code true}/{@code false}/{@code null}, objects and arrays nested at most
 * {@link #MAX_DEPTH} deep, and spaces or tabs between tokens. Everything else (any byte outside printable ASCII,
 * {@code NaN}, a carriage return, a syntax error) is refused with {@code -1}, and the caller reads the input with the
 * parser instead, which reports errors with their line and column; so a value this scanner accepts is valid JSON to
 * that parser, and every value it refuses is left to it.
 *
 * <p>Positions are indexes into the array; {@code limit} is the index after the last byte that may be read. Stateless
 * and thread-safe.
 */
public final class AsciiJson {

    /** Deepest nesting of objects and arrays accepted (the parser allows {@link GoldenJson#MAX_NESTING_DEPTH}). */
    public static final int MAX_DEPTH = 200;
    /** Longest number accepted, in characters (the parser allows 5000). */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private AsciiJson() {
    }

    /**
     * Whether {@code a[aFrom, aTo)} and {@code b[bFrom, bTo)} hold the same bytes: {@code Arrays.equals} on ranges, as
     * one plain loop. For the short keys of a trace line, compared for every key of every line mostly under C1 (the
     * compiler short CLI runs use alone), where the JDK's range checks and vectorised mismatch are calls it does not
     * inline.
     *
     * @param a     the first array
     * @param aFrom where its range starts
     * @param aTo   where it ends (exclusive)
     * @param b     the second array
     * @param bFrom where its range starts
     * @param bTo   where it ends (exclusive)
     * @return whether the ranges are equal (the ranges must lie inside their arrays: bytes past an array's end
     *         are read, and throw, only where the loop reaches them)
     */
    public static boolean sameBytes(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        int n = aTo - aFrom;
        if (bTo - bFrom != n) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (a[aFrom + k] != b[bFrom + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code b[from, to)} sorts strictly after {@code b[previousFrom, previousTo)}, byte by byte as unsigned
     * values, a shorter range before any it starts: {@code Arrays.compareUnsigned(...) < 0}, as one plain loop (see
     * {@link #sameBytes}). Keys in a plain object are strictly increasing: sorted, and none repeated.
     *
     * @param b            the bytes
     * @param previousFrom where the earlier range starts
     * @param previousTo   where it ends (exclusive)
     * @param from         where the later range starts
     * @param to           where it ends (exclusive)
     * @return whether the later range sorts after the earlier one (the ranges must lie inside the array, as for
     *         {@link #sameBytes})
     */
    public static boolean sortsAfter(byte[] b, int previousFrom, int previousTo, int from, int to) {
        int n = Math.min(previousTo - previousFrom, to - from);
        for (int k = 0; k < n; k++) {
            int x = b[previousFrom + k] & 0xff;
            int y = b[from + k] & 0xff;
            if (x != y) {
                return x < y;
            }
        }
        return previousTo - previousFrom < to - from;
    }

    /**
     * Skips spaces and tabs.
     *
     * @param b     the bytes
     * @param at    where to start
     * @param limit the end of the input
     * @return the first index at or after {@code at} that holds neither, or {@code limit}
     */
    public static int skipSpaces(byte[] b, int at, int limit) {
        while (at < limit && (b[at] == ' ' || b[at] == '\t')) {
            at++;
        }
        return at;
    }

    /**
     * The end of the string whose opening quote is at {@code at}.
     *
     * @param b     the bytes
     * @param at    the index of the opening quote
     * @param limit the end of the input
     * @return the index after the closing quote; -1 if the string is not in the subset (or not closed)
     */
    public static int stringEnd(byte[] b, int at, int limit) {
        if (at >= limit || b[at] != '"') {
            return -1;
        }
        int i = at + 1;
        while (i < limit) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i = escapeEnd(b, i, limit);
                if (i < 0) {
                    return -1;
                }
            } else if (c < 0x20 || c == 0x7f) {
                // (bytes 0x80 and up are negative: outside the subset too)
                return -1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /**
     * The end of the string at {@code at} when it holds no escape: its content is then exactly its bytes.
     *
     * @param b     the bytes
     * @param at    the index of the opening quote
     * @param limit the end of the input
     * @return the index after the closing quote; -1 if the string has an escape or is not in the subset
     */
    public static int plainStringEnd(byte[] b, int at, int limit) {
        if (at >= limit || b[at] != '"') {
            return -1;
        }
        for (int i = at + 1; i < limit; i++) {
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return -1;
            }
        }
        return -1;
    }

    private static int escapeEnd(byte[] b, int at, int limit) {
        if (at + 1 >= limit) {
            return -1;
        }
        switch (b[at + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return at + 2;
            }
            case 'u' -> {
                if (at + 6 > limit) {
                    return -1;
                }
                for (int k = at + 2; k < at + 6; k++) {
                    if (hexValue(b[k]) < 0) {
                        return -1;
                    }
                }
                return at + 6;
            }
            default -> {
                return -1;
            }
        }
    }

    /**
     * The value of one hex digit.
     *
     * @param c a byte
     * @return 0 to 15, or -1 if {@code c} is not a hex digit
     */
    public static int hexValue(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * The end of the number at {@code at}, in JSON's grammar ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}).
     * The byte after it is not checked: the caller requires a separator there.
     *
     * @param b     the bytes
     * @param at    the index of its first character
     * @param limit the end of the input
     * @return the index after its last character; -1 if there is no number there, or a longer one than the subset
     *         allows
     */
    public static int numberEnd(byte[] b, int at, int limit) {
        return numberEnd(b, at, limit, MAX_NUMBER_LENGTH);
    }

    /**
     * {@link #numberEnd(byte[], int, int)} with another bound on the number's length.
     *
     * @param b         the bytes
     * @param at        the index of its first character
     * @param limit     the end of the input
     * @param maxLength the longest number accepted, in characters
     * @return the index after its last character; -1 if there is no number there, or a longer one
     */
    public static int numberEnd(byte[] b, int at, int limit, int maxLength) {
        int i = at;
        if (i < limit && b[i] == '-') {
            i++;
        }
        if (i >= limit) {
            return -1;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            i = digitsEnd(b, i, limit);
        } else {
            return -1;
        }
        if (i < limit && b[i] == '.') {
            int digits = digitsEnd(b, i + 1, limit);
            if (digits == i + 1) {
                return -1;
            }
            i = digits;
        }
        if (i < limit && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < limit && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int digits = digitsEnd(b, i, limit);
            if (digits == i) {
                return -1;
            }
            i = digits;
        }
        return i - at > maxLength ? -1 : i;
    }

    private static int digitsEnd(byte[] b, int at, int limit) {
        while (at < limit && b[at] >= '0' && b[at] <= '9') {
            at++;
        }
        return at;
    }

    /**
     * Whether the number {@code [from, to)} (as {@link #numberEnd} found it) is an integer: no fraction, no exponent.
     *
     * @param b    the bytes
     * @param from its first character
     * @param to   the index after it
     * @return whether it is an integer
     */
    public static boolean isInteger(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '.' || c == 'e' || c == 'E') {
                return false;
            }
        }
        return true;
    }

    /**
     * The end of {@code true}, {@code false} or {@code null} at {@code at}.
     *
     * @param b     the bytes
     * @param at    the index of its first letter
     * @param limit the end of the input
     * @return the index after it; -1 if none of the three is there
     */
    public static int literalEnd(byte[] b, int at, int limit) {
        if (at >= limit) {
            return -1;
        }
        String word = switch (b[at]) {
            case 't' -> "true";
            case 'f' -> "false";
            case 'n' -> "null";
            default -> null;
        };
        if (word == null || at + word.length() > limit) {
            return -1;
        }
        for (int k = 1; k < word.length(); k++) {
            if (b[at + k] != word.charAt(k)) {
                return -1;
            }
        }
        return at + word.length();
    }

    /**
     * Whether {@code null} is at {@code at}.
     *
     * @param b     the bytes
     * @param at    where to look
     * @param limit the end of the input
     * @return whether the four bytes there are {@code null}
     */
    public static boolean isNull(byte[] b, int at, int limit) {
        return at + 4 <= limit && b[at] == 'n' && b[at + 1] == 'u' && b[at + 2] == 'l' && b[at + 3] == 'l';
    }

    /**
     * The end of the value at {@code at}, checked all the way through.
     *
     * @param b     the bytes
     * @param at    the index of its first byte (not a space)
     * @param limit the end of the input
     * @param depth objects and arrays the value is inside of
     * @return the index after it; -1 if it is not in the subset
     */
    public static int skipValue(byte[] b, int at, int limit, int depth) {
        if (at >= limit) {
            return -1;
        }
        byte c = b[at];
        if (c == '"') {
            return stringEnd(b, at, limit);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return numberEnd(b, at, limit);
        }
        if (c == '{' || c == '[') {
            return depth >= MAX_DEPTH ? -1 : c == '{' ? skipObject(b, at, limit, depth + 1)
                    : skipArray(b, at, limit, depth + 1);
        }
        return literalEnd(b, at, limit);
    }

    private static int skipObject(byte[] b, int at, int limit, int depth) {
        int i = skipSpaces(b, at + 1, limit);
        if (i < limit && b[i] == '}') {
            return i + 1;
        }
        while (true) {
            i = stringEnd(b, i, limit);
            if (i < 0) {
                return -1;
            }
            i = skipSpaces(b, i, limit);
            if (i >= limit || b[i] != ':') {
                return -1;
            }
            i = skipValue(b, skipSpaces(b, i + 1, limit), limit, depth);
            if (i < 0) {
                return -1;
            }
            i = separator(b, i, limit, (byte) '}');
            if (i < 0) {
                return -1;
            }
            if (b[i] == '}') {
                return i + 1;
            }
            i = skipSpaces(b, i + 1, limit);
        }
    }

    /**
     * After a member or an element: the index of the {@code ','} or the {@code close} that comes next once spaces
     * are skipped, or -1 when anything else (or the end) comes first. One step shared by every object and array loop
     * of the byte-level readers.
     *
     * @param b     the bytes
     * @param i     where the member or element ended
     * @param limit the end of the bytes to read
     * @param close {@code '}'} or {@code ']'}
     * @return the separator's index, or -1
     */
    public static int separator(byte[] b, int i, int limit, byte close) {
        i = skipSpaces(b, i, limit);
        return i < limit && (b[i] == ',' || b[i] == close) ? i : -1;
    }

    private static int skipArray(byte[] b, int at, int limit, int depth) {
        int i = skipSpaces(b, at + 1, limit);
        if (i < limit && b[i] == ']') {
            return i + 1;
        }
        while (true) {
            i = skipValue(b, i, limit, depth);
            if (i < 0) {
                return -1;
            }
            i = separator(b, i, limit, (byte) ']');
            if (i < 0) {
                return -1;
            }
            if (b[i] == ']') {
                return i + 1;
            }
            i = skipSpaces(b, i + 1, limit);
        }
    }
}
