package io.aos.ops.monitor.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path tmp;

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<String> poll(LogTail tail) throws IOException {
        List<String> lines = new ArrayList<>();
        tail.poll(lines::add);
        return lines;
    }

    @Test
    void eachPollReturnsOnlyTheLinesAppendedSinceTheLast() throws IOException {
        Path log = tmp.resolve("run.log");
        append(log, "a\nb\n");
        LogTail tail = new LogTail(log);

        assertThat(poll(tail)).containsExactly("a", "b");
        append(log, "c\n");
        assertThat(poll(tail)).containsExactly("c");
        assertThat(poll(tail)).isEmpty();
    }

    @Test
    void aHalfWrittenLineWaitsForItsNewline() throws IOException {
        Path log = tmp.resolve("run.log");
        append(log, "a\nhal");
        LogTail tail = new LogTail(log);

        assertThat(poll(tail)).containsExactly("a");
        append(log, "f\n");
        assertThat(poll(tail)).containsExactly("half");
    }

    @Test
    void aRotatedFileIsReadFromItsStart() throws IOException {
        Path log = tmp.resolve("run.log");
        append(log, "old 1\nold 2\nold 3\n");
        LogTail tail = new LogTail(log);
        poll(tail);

        Files.move(log, tmp.resolve("run.log.1"));
        assertThat(poll(tail)).isEmpty();
        append(log, "new 1\nnew 2\nnew 3\nnew 4\n");

        assertThat(poll(tail)).containsExactly("new 1", "new 2", "new 3", "new 4");
        assertThat(tail.rotations()).isEqualTo(1);
    }

    @Test
    void linesWrittenToTheRotatedFileBeforeTheNewOneIsReadAreNotLost() throws IOException {
        Path log = tmp.resolve("run.log");
        append(log, "old 1\n");
        try (LogTail tail = new LogTail(log)) {
            assertThat(poll(tail)).containsExactly("old 1");

            append(log, "old 2\nold 3\n");              // after the last poll...
            Files.move(log, tmp.resolve("run.log.1"));  // ...then rotated away
            append(log, "new 1\n");

            assertThat(poll(tail)).containsExactly("old 2", "old 3", "new 1");
            assertThat(tail.rotations()).isEqualTo(1);
            append(log, "new 2\n");
            assertThat(poll(tail)).containsExactly("new 2");
        }
    }

    @Test
    void aRotatedFileIsReadToItsEndEvenBeforeTheNewFileExists() throws IOException {
        Path log = tmp.resolve("run.log");
        append(log, "old 1\n");
        try (LogTail tail = new LogTail(log)) {
            poll(tail);
            append(log, "old 2\nlast without newline");
            Files.move(log, tmp.resolve("run.log.1"));

            assertThat(poll(tail)).containsExactly("old 2", "last without newline");
            append(log, "new 1\n");
            assertThat(poll(tail)).containsExactly("new 1");
            assertThat(tail.rotations()).isEqualTo(1);
        }
    }

    @Test
    void aTruncatedFileIsReadFromItsStart() throws IOException {
        Path log = tmp.resolve("run.log");
        append(log, "line one\nline two\n");
        LogTail tail = new LogTail(log);
        poll(tail);

        Files.writeString(log, "x\n", StandardOpenOption.TRUNCATE_EXISTING);

        assertThat(poll(tail)).containsExactly("x");
    }

    @Test
    void aMissingFileYieldsNothingUntilItAppears() throws IOException {
        Path log = tmp.resolve("later.log");
        LogTail tail = new LogTail(log);

        assertThat(poll(tail)).isEmpty();
        append(log, "hello\n");
        assertThat(poll(tail)).containsExactly("hello");
    }

    @Test
    void lastLinesReadsTheTailOfALargeFileWithoutColour() throws IOException {
        Path log = tmp.resolve("big.log");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            text.append("\u001B[0;32m[INFO]\u001B[0m 01:00:00 line ").append(i).append('\n');
        }
        append(log, text.toString());

        List<String> last = LastLines.of(log, 3, true);

        assertThat(last).containsExactly("[INFO] 01:00:00 line 4998", "[INFO] 01:00:00 line 4999",
                "[INFO] 01:00:00 line 5000");
        assertThat(LastLines.of(tmp.resolve("none.log"), 10, true)).isEmpty();
    }

    @Test
    void aLineLongerThanTheBoundIsHandedOverCutWithItsLengthWhenItEnds() throws IOException {
        Path log = tmp.resolve("run.log");
        append(log, "before\n");
        LogTail tail = new LogTail(log);
        assertThat(poll(tail)).containsExactly("before");

        append(log, "x".repeat(300_000));  // a writer crashed mid-line: no newline yet, held back over many reads
        assertThat(poll(tail)).isEmpty();
        append(log, "y".repeat(300_000) + "\nafter\n");

        List<String> lines = poll(tail);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("x".repeat(LastLines.MAX_LINE_BYTES) + "… (line of 600000 bytes cut)")
                .hasSize(LastLines.MAX_LINE_BYTES + "… (line of 600000 bytes cut)".length());
        assertThat(lines.get(1)).isEqualTo("after");
    }

    /** The documented bound: a line over {@link LastLines#MAX_LINE_BYTES} is its start and the marker. */
    private static String model(String line) {
        int bytes = line.getBytes(StandardCharsets.UTF_8).length;
        return bytes <= LastLines.MAX_LINE_BYTES ? line
                : line.substring(0, LastLines.MAX_LINE_BYTES) + "… (line of " + bytes + " bytes cut)";
    }

    @Test
    void aLongLineEndingInTheSameReadIsCutAtTheBoundToo() throws IOException {
        Path log = tmp.resolve("run.log");
        String line = "z".repeat(40_000);
        append(log, "short\n" + line + "\n" + "w".repeat(LastLines.MAX_LINE_BYTES) + "\n");
        assertThat(poll(new LogTail(log))).containsExactly("short", model(line),
                "w".repeat(LastLines.MAX_LINE_BYTES));
        assertThat(model(line)).hasSize(LastLines.MAX_LINE_BYTES + "… (line of 40000 bytes cut)".length());
    }

    @Test
    void everyLineIsHandedOverWithinTheBoundHoweverTheWritesFall() throws IOException {
        SplittableRandom random = new SplittableRandom(20261203L);
        for (int round = 0; round < 20; round++) {
            Path log = tmp.resolve("run-" + round + ".log");
            List<String> written = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(1, 12); n > 0; n--) {
                int length = random.nextInt(4) == 0 ? random.nextInt(0, 140_000)
                        : LastLines.MAX_LINE_BYTES + random.nextInt(-3, 4);
                String line = String.valueOf((char) ('a' + random.nextInt(26))).repeat(length);
                written.add(line);
                text.append(line).append('\n');
            }
            LogTail tail = new LogTail(log);
            List<String> read = new ArrayList<>();
            for (int at = 0; at < text.length(); ) {
                int piece = Math.min(text.length() - at, random.nextInt(1, 100_000));
                append(log, text.substring(at, at + piece));
                at += piece;
                tail.poll(read::add);
            }
            tail.close();
            assertThat(read).as("round %d", round).isEqualTo(written.stream().map(LogTailTest::model).toList());
        }
    }
}
