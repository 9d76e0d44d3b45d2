package io.aos.ops.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aos.ops.core.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: for random JSON documents in random layouts with one value replaced by a stray character at a random
 * spot, the exception names the file and carries the line and column of that character, as an independent oracle
 * computes them from its offset (lines split at {@code \n}, columns counted from 1 after the last newline); the
 * message says the same position.
 */
class BadJsonPositionPropertyTest {

    @TempDir
    Path tmp;

    @Test
    void lineAndColumnAreThoseOfTheBadCharacter() throws Exception {
        Random r = new Random(20261202L);
        for (int i = 0; i < 300; i++) {
            List<int[]> values = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            JsonLayout.value(r, 0, text, values);
            int[] spot = values.get(r.nextInt(values.size()));
            String broken = text.substring(0, spot[0]) + "@" + text.substring(spot[1]);
            Path file = tmp.resolve("doc" + i + ".json");
            Files.writeString(file, broken);

            BadInputException e = catchThrowableOfType(BadInputException.class, () -> OpsJson.readTree(file));

            long[] expected = JsonLayout.lineAndColumn(broken, spot[0]);
            assertThat(e).as(broken).isNotNull();
            assertThat(e.path()).as(broken).hasValue(file);
            assertThat(e.line()).as(broken).hasValue(expected[0]);
            assertThat(e.column()).as(broken).hasValue(expected[1]);
            assertThat(e.getMessage()).as(broken).startsWith(file + ": invalid JSON at line " + expected[0]
                    + ", column " + expected[1] + ": ");
            assertThat(e.getMessage()).endsWith(e.problem());
        }
    }

    @Test
    void theOracleCountsLinesAndColumnsFromOne() {
        assertThat(JsonLayout.lineAndColumn("@", 0)).containsExactly(1, 1);
        assertThat(JsonLayout.lineAndColumn("{\n  @", 4)).containsExactly(2, 3);
        assertThat(JsonLayout.lineAndColumn("a\n\n\tb", 4)).containsExactly(3, 2);
    }

    /** Writes random JSON with random whitespace, recording where each value starts and ends. */
    static final class JsonLayout {
        private static final String[] SPACE = {"", " ", "  ", "\n", "\n  ", "\t", " \n\n    "};

        private JsonLayout() {
        }

        static void value(Random r, int depth, StringBuilder out, List<int[]> values) {
            int start = out.length();
            int kind = depth >= 4 ? 2 + r.nextInt(4) : r.nextInt(6);
            switch (kind) {
                case 0 -> {
                    out.append('{');
                    int n = r.nextInt(4);
                    for (int k = 0; k < n; k++) {
                        out.append(space(r)).append("\"k").append(k).append('"').append(space(r)).append(':')
                                .append(space(r));
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
                case 4 -> out.append(r.nextBoolean() ? "true" : "null");
                default -> out.append(r.nextDouble());
            }
            values.add(new int[] {start, out.length()});
        }

        private static String space(Random r) {
            return SPACE[r.nextInt(SPACE.length)];
        }

        /** The 1-based line and column of {@code offset} in {@code text}. */
        static long[] lineAndColumn(String text, int offset) {
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
}
