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
