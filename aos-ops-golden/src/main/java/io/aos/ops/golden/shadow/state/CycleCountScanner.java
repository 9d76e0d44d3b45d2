package io.aos.ops.golden.shadow.state;

/**
 * The fast tier of {@link CycleReportReader#readCounts}: the counts of a cycle report taken straight from its bytes,
 * for the monitors that read all 2,880 reports of a 24-hour run in a fresh JVM (the cron check, {@code status}), where
 * Jackson's parser set up per file cost ~0.2 s.
 *
 * <p>It answers only for the plain reports every runner writes: ASCII JSON with no escapes in strings, integers of at
 * most 18 digits, a nesting depth below {@link #MAX_DEPTH}. For anything else (a fraction, a non-ASCII byte, an escape,
 * bad JSON, a field of the wrong type) it returns {@code null} and the caller reads the file with Jackson's streaming
 * parser, which gives the same counts or the error naming line and column. So it never decides what the slow tier
 * would decide differently; {@code CycleCountScannerTest} checks that against Jackson over generated reports.
 */
final class CycleCountScanner {

    /** Deeper nesting is left to Jackson (and its own depth limit). */
    static final int MAX_DEPTH = 64;

    /** Longer strings are left to Jackson (and its limits on names and strings). */
    static final int MAX_STRING = 10_000;

    private final byte[] b;
    private final int end;
    private int pos;

    private CycleCountScanner(byte[] bytes, int length) {
        this.b = bytes;
        this.end = length;
    }

    /** The counts of the report in {@code bytes[0, length)}, or null when Jackson must decide. */
    static CycleReportReader.CycleCounts scan(byte[] bytes, int length) {
        try {
            return new CycleCountScanner(bytes, length).report();
        } catch (Unsure e) {
            return null;
        }
    }

    /** True if {@code bytes[0, length)} is JSON whitespace only (or nothing): no token, which the parser calls empty. */
    static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte c = bytes[i];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Not a plain report: the slow tier decides. Stackless, since it is a normal outcome. */
    private static final class Unsure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private static final Unsure INSTANCE = new Unsure();

        private Unsure() {
            super(null, null, false, false);
        }
    }

    private static Unsure unsure() {
        return Unsure.INSTANCE;
    }

    private CycleReportReader.CycleCounts report() {
        for (int i = 0; i < end; i++) {
            // non-ASCII (UTF-8 validity, or a BOM), control bytes and escapes are Jackson's to judge
            byte c = b[i];
            if (c < 0x20 && c != ' ' && c != '\t' && c != '\n' && c != '\r' || c == '\\') {
                throw unsure();
            }
        }
        skipWhitespace();
        expect('{');
        boolean hasPrimary = false;
        long workflows = 0;
        boolean hasShadow = false;
        long replays = 0;
        long mismatches = 0;
        boolean mismatchesGiven = false;
        long details = 0;
        if (!tryClose('}')) {
            do {
                int keyStart = string();
                int keyEnd = pos - 1;
                colon();
                if (is(keyStart, keyEnd, "timestamp")) {
                    if (!tryNull()) {
                        string();
                    }
                } else if (is(keyStart, keyEnd, "cycle")) {
                    optionalCount();
                } else if (is(keyStart, keyEnd, "primary")) {
                    hasPrimary = !tryNull();
                    if (hasPrimary) {
                        workflows = primary();
                    }
                } else if (is(keyStart, keyEnd, "shadow")) {
                    hasShadow = !tryNull();
                    if (hasShadow) {
                        long[] counts = shadow();
                        replays = counts[0];
                        mismatches = counts[1];
                        mismatchesGiven = counts[2] != 0;
                    }
                } else if (is(keyStart, keyEnd, "mismatch_details")) {
                    details = tryNull() ? 0 : countArray();
                } else if (is(keyStart, keyEnd, "passed")) {
                    if (!tryLiteral("true") && !tryLiteral("false")) {
                        throw unsure();
                    }
                } else {
                    value(1);
                }
            } while (nextMember('}'));
        }
        skipWhitespace();
        if (pos != end) {
            throw unsure();
        }
        return new CycleReportReader.CycleCounts(hasPrimary ? workflows : 0, hasShadow ? replays : 0,
                hasShadow && mismatchesGiven ? mismatches : details);
    }

    /** {@code primary}: its {@code total}; the other counts are checked to be counts. */
    private long primary() {
        expect('{');
        long total = 0;
        if (!tryClose('}')) {
            do {
                int keyStart = string();
                int keyEnd = pos - 1;
                colon();
                if (is(keyStart, keyEnd, "total")) {
                    total = count();
                } else if (is(keyStart, keyEnd, "successful") || is(keyStart, keyEnd, "failed")) {
                    count();
                } else if (is(keyStart, keyEnd, "emergency_stopped")) {
                    optionalCount();
                } else {
                    value(2);
                }
            } while (nextMember('}'));
        }
        return total;
    }

    /** {@code shadow}: total_replays, mismatches, and whether mismatches was given (1) or not (0). */
    private long[] shadow() {
        expect('{');
        long[] counts = new long[3];
        if (!tryClose('}')) {
            do {
                int keyStart = string();
                int keyEnd = pos - 1;
                colon();
                if (is(keyStart, keyEnd, "total_replays")) {
                    counts[0] = count();
                } else if (is(keyStart, keyEnd, "mismatches")) {
                    counts[1] = count();
                    counts[2] = 1;
                } else if (is(keyStart, keyEnd, "matches")) {
                    count();
                } else if (is(keyStart, keyEnd, "emergency_stopped")) {
                    optionalCount();
                } else {
                    value(2);
                }
            } while (nextMember('}'));
        }
        return counts;
    }

    /** The elements of an array, each skipped. */
    private long countArray() {
        expect('[');
        long n = 0;
        if (!tryClose(']')) {
            do {
                value(2);
                n++;
            } while (nextMember(']'));
        }
        return n;
    }

    /**
     * A count: an integer from 0 to {@link CycleReportReader#MAX_COUNT}. Null, a negative or a larger number is the
     * parser's to refuse (naming the field), so it is unsure here.
     */
    private long count() {
        if (tryNull()) {
            throw unsure();
        }
        long n = integer();
        if (n < 0 || n > CycleReportReader.MAX_COUNT) {
            throw unsure();
        }
        return n;
    }

    /** A count that may be null ({@code cycle}, {@code emergency_stopped}). */
    private void optionalCount() {
        if (!tryNull()) {
            count();
        }
    }

    /** Any JSON value, skipped. */
    private void value(int depth) {
        if (depth >= MAX_DEPTH) {
            throw unsure();
        }
        skipWhitespace();
        if (pos >= end) {
            throw unsure();
        }
        switch (b[pos]) {
            case '{' -> {
                pos++;
                if (!tryClose('}')) {
                    do {
                        string();
                        colon();
                        value(depth + 1);
                    } while (nextMember('}'));
                }
            }
            case '[' -> {
                pos++;
                if (!tryClose(']')) {
                    do {
                        value(depth + 1);
                    } while (nextMember(']'));
                }
            }
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> integer();
        }
    }

    /** An integer of at most 18 digits, no leading zero, followed by a delimiter; a fraction or exponent is unsure. */
    private long integer() {
        skipWhitespace();
        boolean negative = pos < end && b[pos] == '-';
        if (negative) {
            pos++;
        }
        int start = pos;
        long value = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            value = value * 10 + (b[pos] - '0');
            pos++;
        }
        int digits = pos - start;
        if (digits == 0 || digits > 18 || digits > 1 && b[start] == '0') {
            throw unsure();
        }
        delimiter();
        return negative ? -value : value;
    }

    /**
     * A string without escapes (there are none: checked up front) or raw control characters; returns the index after
     * its opening quote.
     */
    private int string() {
        skipWhitespace();
        expect('"');
        int start = pos;
        while (pos < end && b[pos] != '"') {
            if (b[pos] < 0x20) {
                throw unsure(); // a raw tab or line break inside a string is not JSON
            }
            pos++;
        }
        if (pos >= end || pos - start > MAX_STRING) {
            throw unsure();
        }
        pos++;
        return start;
    }

    private void colon() {
        skipWhitespace();
        expect(':');
    }

    /** After a member or element: true on a comma, false on the closing bracket; anything else is unsure. */
    private boolean nextMember(char close) {
        skipWhitespace();
        if (pos < end && b[pos] == ',') {
            pos++;
            return true;
        }
        expect(close);
        return false;
    }

    /** Consumes {@code close} if it comes next (an empty object or array). */
    private boolean tryClose(char close) {
        skipWhitespace();
        if (pos < end && b[pos] == close) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean tryNull() {
        return tryLiteral("null");
    }

    private boolean tryLiteral(String word) {
        skipWhitespace();
        if (pos < end && b[pos] == word.charAt(0)) {
            literal(word);
            return true;
        }
        return false;
    }

    private void literal(String word) {
        if (end - pos < word.length()) {
            throw unsure();
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[pos + i] != word.charAt(i)) {
                throw unsure();
            }
        }
        pos += word.length();
        delimiter();
    }

    /** A number or literal must end at whitespace, a structural character or the end: {@code 12x}, {@code truex} are bad. */
    private void delimiter() {
        if (pos < end) {
            byte c = b[pos];
            if (c != ',' && c != '}' && c != ']' && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                throw unsure();
            }
        }
    }

    private void expect(char c) {
        if (pos >= end || b[pos] != c) {
            throw unsure();
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private boolean is(int start, int end, String name) {
        if (end - start != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (b[start + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
