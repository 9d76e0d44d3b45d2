package io.aos.ops.golden.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: an engine trace (one JSON event a line) with one value of one event replaced by a stray character is a
 * {@link BadGoldenException} whose {@link BadGoldenException#path() path}, {@link BadGoldenException#line() line} and
 * {@link BadGoldenException#column() column} are those an independent oracle computes from the character's offset,
 * whichever line it is on (the first, read to tell the format, or any later one).
 */
class BadGoldenPositionPropertyTest {

    private static final String[] SPACE = {"", " ", "  ", "\t"};

    @TempDir
    Path tmp;

    @Test
    void aBadEventLineGivesTheLineAndColumnOfTheBadCharacter() throws Exception {
        Random r = new Random(20261202L);
        for (int i = 0; i < 200; i++) {
            int events = 1 + r.nextInt(6);
            int bad = r.nextInt(events);
            StringBuilder text = new StringBuilder();
            int badOffset = -1;
            for (int n = 0; n < events; n++) {
                String type = n == 0 ? "run_start" : "step";
                text.append("{\"event_type\":").append(space(r)).append('"').append(type).append("\",")
                        .append(space(r)).append("\"run_id\":\"r\",").append(space(r)).append("\"data\":")
                        .append(space(r));
                List<int[]> values = new ArrayList<>();
                value(r, 0, text, values);
                if (n == bad) {
                    int[] spot = values.get(r.nextInt(values.size()));
                    text.replace(spot[0], spot[1], "@");
                    badOffset = spot[0];
                }
                text.append(space(r)).append("}\n");
            }
            Path file = tmp.resolve("t" + i + ".steps.jsonl");
            Files.writeString(file, text);

            BadGoldenException e = catchThrowableOfType(BadGoldenException.class,
                    () -> GoldenTraceReader.readAll(file));

            long[] expected = lineAndColumn(text, badOffset);
            assertThat(e).as(text.toString()).isNotNull().isNotInstanceOf(TruncatedTraceException.class);
            assertThat(e.path()).as(text.toString()).hasValue(file);
            assertThat(e.line()).as(text.toString()).hasValue(expected[0]);
            assertThat(e.column()).as(text.toString()).hasValue(expected[1]);
            assertThat(e.getMessage()).as(text.toString()).startsWith(file + ": invalid JSON at line " + expected[0]
                    + ", column " + expected[1] + ": ");
        }
    }

    /** Strings with characters of one to four UTF-8 bytes and escapes: a column counts characters, not bytes. */
    private static final String[] TEXT = {"abc", "h\u00e9llo", "\u4e2d\u6587", "\ud83d\ude00!", "a\\nb", "q\\\"q",
        "\\u00e9\\ud83d\\ude00", "tab\\t", "\u00e9\\\\"};

    /**
     * Property: one error injected into one line of a trace (the line's first character, a stray character or an
     * unknown word in place of a value, a second event after the first on the line, the last line cut short before a
     * final line break), after any mix of multi-byte characters and escapes, is reported by every reader (the hash
     * audit in one pass and in chunks, the trace reader, the diff) at the injected line and column, the column
     * counting characters from 1; so does the trace reader on a stream whose name is no file.
     */
    @Test
    void everyReaderNamesTheInjectedLineAndCharacterColumn() throws Exception {
        Random r = new Random(20261203L);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 150; i++) {
                int events = 2 + r.nextInt(5);
                int bad = 1 + r.nextInt(events - 1);
                int kind = r.nextInt(5);
                StringBuilder text = new StringBuilder();
                int badOffset = -1;
                for (int n = 0; n < events; n++) {
                    int lineStart = text.length();
                    String type = n == 0 ? "run_start" : "step";
                    text.append("{\"event_type\":").append(space(r)).append('"').append(type).append("\",")
                            .append(space(r)).append("\"run_id\":\"").append(TEXT[r.nextInt(TEXT.length)])
                            .append("\",").append(space(r)).append("\"data\":").append(space(r));
                    List<int[]> values = new ArrayList<>();
                    richValue(r, 0, text, values);
                    text.append(space(r)).append('}');
                    if (n == bad) {
                        int[] spot = values.get(r.nextInt(values.size()));
                        switch (kind) {
                            case 0 -> {
                                text.replace(lineStart, lineStart + 1, r.nextBoolean() ? "@" : "x");
                                badOffset = lineStart;
                            }
                            case 1 -> {
                                text.replace(spot[0], spot[1], "@");
                                badOffset = spot[0];
                            }
                            case 2 -> {
                                text.replace(spot[0], spot[1], new String[] {"x", "tru", "nul", "fals", "yes"}[
                                        r.nextInt(5)]);
                                badOffset = spot[0];
                            }
                            case 3 -> {
                                text.append(space(r));
                                badOffset = text.length();
                                text.append("{\"event_type\":\"step\"}");
                            }
                            default -> {
                                // the last line ends before its object does, and the file ends with a line break
                                text.setLength(text.length() - 1);
                                badOffset = text.length();
                                events = n + 1;
                            }
                        }
                    }
                    text.append('\n');
                }
                Path file = tmp.resolve("p" + i + ".steps.jsonl");
                Files.writeString(file, text);
                Path good = tmp.resolve("good.steps.jsonl");
                Files.writeString(good, "{\"event_type\":\"run_start\",\"run_id\":\"r\",\"data\":{}}\n");
                long[] expected = charLineAndColumn(text, badOffset);
                String where = file + ": invalid JSON at line " + expected[0] + ", column " + expected[1] + ": ";
                String what = "kind " + kind + "\n" + text;

                assertThat(TraceAuditor.hashesOnly().audit(file).error()).as(what).startsWith(where);
                assertThat(TraceAuditor.hashesOnly().withExecutor(pool, 64).audit(file).error()).as(what)
                        .startsWith(where);
                assertThat(catchThrowableOfType(BadGoldenException.class, () -> GoldenTraceReader.readAll(file)))
                        .as(what).hasMessageStartingWith(where);
                assertThat(catchThrowableOfType(BadGoldenException.class,
                        () -> io.aos.ops.golden.diff.GoldenDiff.compare(file, good))).as(what)
                        .hasMessageStartingWith(where);
                // a stream that cannot be read again: the column comes from the bytes the reader still holds
                Path name = tmp.resolve("not-a-file").resolve(file.getFileName());
                byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                assertThat(catchThrowableOfType(BadGoldenException.class, () -> {
                    try (GoldenTraceReader reader = GoldenTraceReader.open(new java.io.ByteArrayInputStream(bytes),
                            name.toString(), TraceFormat.ENGINE_JSONL)) {
                        reader.steps().forEach(step -> { });
                    }
                })).as(what).hasMessageStartingWith(name + ": invalid JSON at line " + expected[0] + ", column "
                        + expected[1] + ": ");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A stream longer than the reader's buffer: an error on a line that starts in the bytes read last is still named
     * at its character column.
     */
    @Test
    void aStreamNamesTheCharacterColumnBeyondTheFirstBuffer() throws Exception {
        StringBuilder text = new StringBuilder("{\"event_type\":\"run_start\",\"run_id\":\"r\",\"data\":{}}\n");
        String step = "{\"event_type\":\"step\",\"run_id\":\"r\",\"data\":{\"s\":\"\u00e9\"}}\n";
        while (text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + step.length() + 1 <= 16_000) {
            text.append(step);
        }
        // pad to 16,000 bytes, a multiple of the parser's buffer, so the bad line starts a buffer
        int bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        text.setLength(text.length() - 1);
        text.append(" ".repeat(16_000 - bytes)).append('\n');
        long line = text.chars().filter(c -> c == '\n').count() + 1;
        text.append("{\"event_type\":\"step\",\"run_id\":\"\u4e2d\ud83d\ude00\",\"data\":tru}\n");
        byte[] data = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);

        BadGoldenException e = catchThrowableOfType(BadGoldenException.class, () -> {
            try (GoldenTraceReader reader = GoldenTraceReader.open(new java.io.ByteArrayInputStream(data),
                    "stdin", TraceFormat.ENGINE_JSONL)) {
                reader.steps().forEach(s -> { });
            }
        });

        assertThat(e).hasMessageStartingWith("stdin: invalid JSON at line " + line + ", column 43: ");
    }

    /**
     * Lines longer than the parser's buffer, read from a stream that cannot be read again: the error is named at its
     * character column, as in the text itself, wherever the line starts and breaks across buffers.
     */
    @Test
    void aStreamNamesTheCharacterColumnOnLinesLongerThanTheBuffer() throws Exception {
        Random r = new Random(20261203);
        String[] pieces = {"a", "\u00e9", "\u4e2d", "\ud83d\ude00", " ", "\\n"};
        for (int i = 0; i < 60; i++) {
            StringBuilder text = new StringBuilder("{\"event_type\":\"run_start\",\"run_id\":\"r\",\"data\":{}}\n");
            int lines = 1 + r.nextInt(4);
            int badOffset = -1;
            for (int l = 0; l < lines; l++) {
                StringBuilder s = new StringBuilder();
                int length = r.nextInt(3) == 0 ? r.nextInt(200) : 8_000 + r.nextInt(60_000);
                while (s.length() < length) {
                    s.append(pieces[r.nextInt(pieces.length)]);
                }
                text.append("{\"event_type\":\"step\",\"run_id\":\"r\",\"data\":{\"s\":\"").append(s).append("\"");
                if (l == lines - 1) {
                    text.append(",\"x\":");
                    badOffset = text.length();
                    text.append(r.nextBoolean() ? "tru" : "@");
                }
                text.append("}}\n");
            }
            long[] expected = charLineAndColumn(text, badOffset);
            byte[] data = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            BadGoldenException e = catchThrowableOfType(BadGoldenException.class, () -> {
                try (GoldenTraceReader reader = GoldenTraceReader.open(new java.io.ByteArrayInputStream(data),
                        "stdin", TraceFormat.ENGINE_JSONL)) {
                    reader.steps().forEach(s -> { });
                }
            });
            assertThat(e).as("case " + i).hasMessageStartingWith("stdin: invalid JSON at line " + expected[0]
                    + ", column " + expected[1] + ": ");
        }
    }

    private static void richValue(Random r, int depth, StringBuilder out, List<int[]> values) {
        int start = out.length();
        int kind = depth >= 3 ? 2 + r.nextInt(2) : r.nextInt(4);
        switch (kind) {
            case 0 -> {
                out.append('{');
                int n = r.nextInt(4);
                for (int k = 0; k < n; k++) {
                    out.append(space(r)).append("\"").append(TEXT[r.nextInt(TEXT.length)]).append(k).append("\":")
                            .append(space(r));
                    richValue(r, depth + 1, out, values);
                    out.append(space(r)).append(k < n - 1 ? "," : "");
                }
                out.append('}');
            }
            case 1 -> {
                out.append('[');
                int n = r.nextInt(4);
                for (int k = 0; k < n; k++) {
                    out.append(space(r));
                    richValue(r, depth + 1, out, values);
                    out.append(space(r)).append(k < n - 1 ? "," : "");
                }
                out.append(']');
            }
            case 2 -> out.append(r.nextInt(2_000_000) - 1_000_000);
            default -> out.append('"').append(TEXT[r.nextInt(TEXT.length)]).append('"');
        }
        values.add(new int[] {start, out.length()});
    }

    /** The 1-based line and column, in code points, of {@code offset} in {@code text}. */
    private static long[] charLineAndColumn(CharSequence text, int offset) {
        long line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new long[] {line, Character.codePointCount(text, lineStart, offset) + 1};
    }

    private static void value(Random r, int depth, StringBuilder out, List<int[]> values) {
        int start = out.length();
        int kind = depth >= 3 ? 2 + r.nextInt(3) : r.nextInt(5);
        switch (kind) {
            case 0 -> {
                out.append('{');
                int n = r.nextInt(4);
                for (int k = 0; k < n; k++) {
                    out.append(space(r)).append("\"k").append(k).append("\":").append(space(r));
                    value(r, depth + 1, out, values);
                    out.append(space(r)).append(k < n - 1 ? "," : "");
                }
                out.append('}');
            }
            case 1 -> {
                out.append('[');
                int n = r.nextInt(4);
                for (int k = 0; k < n; k++) {
                    out.append(space(r));
                    value(r, depth + 1, out, values);
                    out.append(space(r)).append(k < n - 1 ? "," : "");
                }
                out.append(']');
            }
            case 2 -> out.append(r.nextInt(2_000_000) - 1_000_000);
            case 3 -> out.append('"').append(Long.toString(r.nextLong() >>> 1, 36)).append('"');
            default -> out.append(r.nextBoolean() ? "true" : "null");
        }
        values.add(new int[] {start, out.length()});
    }

    private static String space(Random r) {
        return SPACE[r.nextInt(SPACE.length)];
    }

    /** The 1-based line and column of {@code offset} in {@code text}. */
    private static long[] lineAndColumn(CharSequence text, int offset) {
        long line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new long[] {line, offset - lineStart + 1};
    }
}
