package io.aos.ops.monitor.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LastLinesTest {

    @TempDir
    Path tmp;

    /** What the reader returned before it was bounded: the whole file split, for files of normal lines. */
    private static List<String> splitWhole(byte[] content, int n) {
        List<String> lines = new ArrayList<>(Arrays.asList(
                new String(content, StandardCharsets.UTF_8).split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return List.copyOf(lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** A log of {@code head} followed by {@code zeros} NUL bytes, made sparse so the test writes little. */
    private Path endingInNuls(String head, long zeros) throws IOException {
        Path log = write("nul.log", head);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "rw")) {
            file.setLength(file.length() + zeros);
        }
        return log;
    }

    @Test
    void linesOfNormalLengthAreReturnedAsTheWholeFileSplitWouldGiveThem() throws IOException {
        Random random = new Random(42);
        String[] pieces = {"a", "bb", "", "\r", "é", "\u001b[31mred\u001b[0m", "x y z", "\n", "\n", "\r\n"};
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            if (random.nextInt(20) == 0) {
                text.append("z".repeat(9000));  // crosses a read block
            }
            Path log = write("run-" + round + ".log", text.toString());
            int n = 1 + random.nextInt(12);
            assertThat(LastLines.of(log, n, false))
                    .as("round %d, n %d", round, n)
                    .isEqualTo(splitWhole(text.toString().getBytes(StandardCharsets.UTF_8), n));
        }
    }

    @Test
    void anEmptyFileOrAMissingOneHasNoLines() throws IOException {
        assertThat(LastLines.of(write("empty.log", ""), 5, true)).isEmpty();
        assertThat(LastLines.of(tmp.resolve("missing.log"), 5, true)).isEmpty();
        assertThat(LastLines.of(write("one.log", "\n"), 5, true)).containsExactly("");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLogEndingInMegabytesOfNulBytesIsReadQuicklyAndItsLastLineIsCutAndMarked() throws IOException {
        Path log = endingInNuls("first\nsecond\n", 30_000_000);

        List<String> lines = LastLines.of(log, 3, true);

        assertThat(lines).hasSize(3);
        assertThat(lines.subList(0, 2)).containsExactly("first", "second");
        assertThat(lines.get(2)).hasSize(LastLines.MAX_LINE_BYTES + "… (line of 30000000 bytes cut)".length())
                .endsWith("… (line of 30000000 bytes cut)");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLineLongerThanTheScanLimitIsAMarkerAndOlderLinesAreNotLookedFor() throws IOException {
        Path log = endingInNuls("first\n", LastLines.MAX_SCAN_BYTES + 10);

        assertThat(LastLines.of(log, 5, true))
                .containsExactly("… (line of over " + LastLines.MAX_SCAN_BYTES + " bytes cut)");
    }

    @Test
    void aLongLineIsCutOnACharacterBoundary() throws IOException {
        Path log = write("utf8.log", "a" + "é".repeat(LastLines.MAX_LINE_BYTES) + "\nlast\n");

        List<String> lines = LastLines.of(log, 2, false);

        assertThat(lines.get(0)).doesNotContain("\uFFFD")
                .endsWith("… (line of " + (1 + 2 * LastLines.MAX_LINE_BYTES) + " bytes cut)");
        assertThat(lines.get(1)).isEqualTo("last");
    }
}
