package io.aos.ops.monitor.log;

/**
 * The byte-level tier of {@link LogTally#accept(byte[], int, int)}: recognises, without decoding or a regular
 * expression, the three lines a runner writes every cycle, exactly as upstream writes them:
 *
 * <pre>
 * ESC[0;34m[STEP]ESC[0m 00:00:01 Running cycle 1...
 * ESC[0;32m[INFO]ESC[0m 00:00:30 Cycle 1: 9 workflows, 9 replays, 0 mismatches
 * ESC[0;32m[INFO]ESC[0m 00:05:00 Progress: 10 cycles, 90 workflows, 0 mismatches, 85800s remaining
 * </pre>
 *
 * (each colour code optional). It answers only when it is sure {@link LogLine#parse} would give the same event:
 * printable ASCII after the time, no stray whitespace, two-digit hours, counts of at most 18 digits, the plural
 * words. Anything else, including the rarer forms those patterns also accept, is left to {@link LogLine#parse}.
 * {@code LogTallyBytesTest} compares the two over generated logs.
 */
final class FastLine {

    private static final byte ESC = 0x1B;
    private static final int MAX_DIGITS = 18;

    private final byte[] b;
    private final int end;
    private int pos;

    private FastLine(byte[] bytes, int offset, int length) {
        this.b = bytes;
        this.pos = offset;
        this.end = offset + length;
    }

    /** Adds the line to {@code tally} and returns true if it is one of the three; false (nothing added) if unsure. */
    static boolean accept(LogTally tally, byte[] bytes, int offset, int length) {
        FastLine line = new FastLine(bytes, offset, length);
        int time = line.header();
        if (time < 0) {
            return false;
        }
        LogEvent event = line.event();
        if (event == null) {
            return false;
        }
        tally.acceptTagged(bytes, time, event);
        return true;
    }

    /** Reads {@code [code][TAG][code] HH:MM:SS } and returns the offset of the time, or -1. */
    private int header() {
        colourCode();
        if (!literal("[")) {
            return -1;
        }
        if (!literal("INFO]") && !literal("STEP]") && !literal("WARN]") && !literal("ERROR]")) {
            return -1;
        }
        colourCode();
        if (!literal(" ")) {
            return -1;
        }
        int time = pos;
        if (!digit() || !digit() || !literal(":") || !digit() || !digit() || !literal(":") || !digit() || !digit()
                || !literal(" ")) {
            return -1;
        }
        // The message: printable ASCII, first and last not a space (so strip() leaves it as it is), no colour code.
        if (pos >= end || b[pos] == ' ' || b[end - 1] == ' ') {
            return -1;
        }
        for (int i = pos; i < end; i++) {
            if (b[i] < 0x20 || b[i] > 0x7E) {
                return -1;
            }
        }
        return time;
    }

    /** An ANSI colour code ({@code ESC [ [0-9;]* letter}), skipped if it is there. */
    private void colourCode() {
        if (pos + 1 < end && b[pos] == ESC && b[pos + 1] == '[') {
            int i = pos + 2;
            while (i < end && (b[i] >= '0' && b[i] <= '9' || b[i] == ';')) {
                i++;
            }
            if (i < end && (b[i] >= 'A' && b[i] <= 'Z' || b[i] >= 'a' && b[i] <= 'z')) {
                pos = i + 1;
            }
        }
    }

    private LogEvent event() {
        if (literal("Running cycle ")) {
            long cycle = number();
            // \b after the digits: the end, or a character that is not a word character
            if (cycle < 0 || pos < end && isWordChar(b[pos])) {
                return null;
            }
            return new LogEvent.CycleStarted(cycle);
        }
        if (literal("Cycle ")) {
            long cycle = number();
            if (cycle < 0 || !literal(": ")) {
                return null;
            }
            long workflows = number();
            if (workflows < 0 || !literal(" workflows, ")) {
                return null;
            }
            long replays = number();
            if (replays < 0 || !literal(" replays, ")) {
                return null;
            }
            long mismatches = number();
            if (mismatches < 0 || !literal(" mismatches") || pos != end) {
                return null;
            }
            return new LogEvent.CycleFinished(cycle, workflows, replays, mismatches);
        }
        if (literal("Progress: ")) {
            long cycles = number();
            if (cycles < 0 || !literal(" cycles, ")) {
                return null;
            }
            long workflows = number();
            if (workflows < 0 || !literal(" workflows, ")) {
                return null;
            }
            long mismatches = number();
            if (mismatches < 0 || !literal(" mismatches, ")) {
                return null;
            }
            long remaining = number();
            if (remaining < 0 || !literal("s remaining") || pos != end) {
                return null;
            }
            return new LogEvent.Progress(cycles, workflows, mismatches, remaining);
        }
        return null;
    }

    /** 1 to 18 ASCII digits, or -1. */
    private long number() {
        int start = pos;
        long n = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            n = n * 10 + (b[pos] - '0');
            pos++;
            if (pos - start > MAX_DIGITS) {
                return -1;
            }
        }
        return pos == start ? -1 : n;
    }

    private boolean digit() {
        if (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes {@code text} if the bytes continue with it. */
    private boolean literal(String text) {
        int n = text.length();
        if (end - pos < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != text.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    private static boolean isWordChar(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
