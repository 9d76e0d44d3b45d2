package io.aos.ops.monitor.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aos.ops.core.BadInputException;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.state.CycleReportReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: a {@code status.json}, a cycle report and any JSON file read by {@link OpsJson}, in random layouts over
 * several lines with multi-byte UTF-8 characters and escapes before the error, with one injected error (a stray
 * character or an unknown word in place of a value, text cut short before a final line break, or, for the two typed
 * readers, a value of the wrong type), are refused at the injected line and column: the column counts characters
 * (code points, as Python's {@code json} does) from 1 and names the first character of what is wrong, as an oracle
 * computes it from the injected offset.
 */
class ExactJsonColumnPropertyTest {

    private static final String[] SPACE = {"", " ", "  ", "\t", "\n", "\n  ", " \n\n\t"};
    /** Characters of one to four UTF-8 bytes, and escapes of one to twelve characters for one or two. */
    private static final String[] TEXT = {"abc", "h\u00e9llo", "\u4e2d\u6587", "\ud83d\ude00!", "a\\nb", "q\\\"q",
        "\\u00e9\\ud83d\\ude00", "tab\\t", "\u00e9\\\\", ""};
    private static final String[] WORDS = {"@", "x", "tru", "nul", "fals", "yes"};

    @TempDir
    Path tmp;

    @Test
    void everyReaderNamesTheInjectedLineAndCharacterColumn() throws Exception {
        Random r = new Random(20261203L);
        for (int i = 0; i < 300; i++) {
            boolean status = r.nextBoolean();
            int kind = r.nextInt(4);
            StringBuilder text = new StringBuilder();
            List<int[]> values = new ArrayList<>();
            List<int[]> free = new ArrayList<>();
            int[] typed = status ? statusDocument(r, text, values, free) : reportDocument(r, text, values, free);
            int badOffset;
            int[] spot = values.get(r.nextInt(values.size()));
            switch (kind) {
                case 0 -> {
                    text.replace(spot[0], spot[1], WORDS[r.nextInt(WORDS.length)]);
                    badOffset = spot[0];
                }
                case 1 -> {
                    // cut short after a value: the error is just after the last character of the last line
                    text.setLength(spot[1]);
                    badOffset = text.length();
                    text.append('\n');
                }
                case 2 -> {
                    text.replace(typed[0], typed[1], "\"" + TEXT[r.nextInt(TEXT.length)] + "\"");
                    badOffset = typed[0];
                }
                default -> {
                    // inside an array in place of a value no reader looks at (a typed reader would refuse the array)
                    spot = free.get(r.nextInt(free.size()));
                    text.replace(spot[0], spot[1], "[" + space(r) + "1" + space(r) + "@]");
                    badOffset = text.indexOf("@", spot[0]);
                }
            }
            Path file = tmp.resolve("d" + i + ".json");
            Files.writeString(file, text);
            long[] expected = charLineAndColumn(text, badOffset);
            String what = (status ? "status" : "report") + ", kind " + kind + "\n" + text;

            if (kind != 2) {
                assertAt(file, expected, what, f -> OpsJson.readTree(f));
            }
            if (status) {
                assertAt(file, expected, what, RunStateReader::readStatus);
            } else {
                assertAt(file, expected, what, CycleReportReader::read);
                assertAt(file, expected, what, CycleReportReader::readCounts);
            }
        }
    }

    private static void assertAt(Path file, long[] expected, String what, Consumer<Path> reader) {
        BadInputException e = catchThrowableOfType(BadInputException.class, () -> reader.accept(file));
        assertThat(e).as(what).isNotNull();
        assertThat(e.path()).as(what).hasValue(file);
        assertThat(e).as(what).hasMessageStartingWith(file + ": invalid JSON at line " + expected[0] + ", column "
                + expected[1] + ": ");
        assertThat(e.line()).as(what).hasValue(expected[0]);
        assertThat(e.column()).as(what).hasValue(expected[1]);
    }

    /**
     * A {@code status.json}; every value is added to {@code values}, those of an unknown field also to {@code free};
     * returns where the value of {@code pid} (a number) is.
     */
    private static int[] statusDocument(Random r, StringBuilder out, List<int[]> values, List<int[]> free) {
        out.append('{').append(space(r)).append("\"schema_version\":").append(space(r)).append("1,").append(space(r))
                .append("\"message\":").append(space(r));
        text(r, out, values);
        out.append(',').append(space(r)).append("\"extra\":").append(space(r));
        int before = values.size();
        value(r, 0, out, values);
        free.addAll(values.subList(before, values.size()));
        out.append(',').append(space(r)).append("\"pid\":").append(space(r));
        int start = out.length();
        out.append(1 + r.nextInt(99_999));
        int[] pid = {start, out.length()};
        values.add(pid);
        out.append(space(r)).append('}').append(space(r)).append('\n');
        return pid;
    }

    /** A cycle report, as {@link #statusDocument}; returns where the value of {@code passed} (a boolean) is. */
    private static int[] reportDocument(Random r, StringBuilder out, List<int[]> values, List<int[]> free) {
        out.append('{').append(space(r)).append("\"timestamp\":").append(space(r));
        text(r, out, values);
        out.append(',').append(space(r)).append("\"primary\":").append(space(r)).append("{\"total\":")
                .append(space(r));
        int start = out.length();
        out.append(r.nextInt(100));
        values.add(new int[] {start, out.length()});
        out.append('}').append(',').append(space(r)).append("\"note\":").append(space(r));
        int before = values.size();
        value(r, 0, out, values);
        free.addAll(values.subList(before, values.size()));
        out.append(',').append(space(r)).append("\"passed\":").append(space(r));
        start = out.length();
        out.append(r.nextBoolean());
        int[] passed = {start, out.length()};
        values.add(passed);
        out.append(space(r)).append('}').append(space(r)).append('\n');
        return passed;
    }

    private static void value(Random r, int depth, StringBuilder out, List<int[]> values) {
        int start = out.length();
        int kind = depth >= 3 ? 2 + r.nextInt(2) : r.nextInt(4);
        switch (kind) {
            case 0 -> {
                out.append('{');
                int n = r.nextInt(4);
                for (int k = 0; k < n; k++) {
                    out.append(space(r)).append('"').append(TEXT[r.nextInt(TEXT.length)]).append(k).append("\":")
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
            default -> {
                text(r, out, values);
                return;
            }
        }
        values.add(new int[] {start, out.length()});
    }

    private static void text(Random r, StringBuilder out, List<int[]> values) {
        int start = out.length();
        out.append('"').append(TEXT[r.nextInt(TEXT.length)]).append(TEXT[r.nextInt(TEXT.length)]).append('"');
        values.add(new int[] {start, out.length()});
    }

    private static String space(Random r) {
        return SPACE[r.nextInt(SPACE.length)];
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
}
