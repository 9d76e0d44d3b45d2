package io.aos.ops.monitor.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-level log reading against the simple one: a {@link LogTally} fed by {@link LogTail#pollLines} (lines as
 * bytes, the per-cycle ones read by {@link FastLine}) ends with the same figures as one fed every line of the whole
 * file decoded and parsed by {@link LogLine#parse}; and {@link LastLines} (read backwards from the end) gives the last
 * lines of the whole file split the simple way (a line over {@link LastLines#MAX_LINE_BYTES} cut and marked). Over generated logs: random mixes of every upstream line, with and
 * without colour codes, CRLF, invalid UTF-8, near misses of the per-cycle lines, huge lines and numbers, no trailing
 * newline, the empty file.
 */
class LogTallyBytesTest {

    @TempDir
    Path tmp;

    @Test
    void bytesAndWholeFileReadingGiveTheSameTallyAndLastLines() throws Exception {
        Random r = new Random(20261202L);
        for (int i = 0; i < 400; i++) {
            byte[] log = log(r, i);
            Path file = tmp.resolve("shadow_24h_" + i + ".log");
            Files.write(file, log);

            LogTally bytes = new LogTally();
            try (LogTail tail = new LogTail(file)) {
                tail.pollLines(bytes::accept);
            }
            LogTally simple = new LogTally();
            completeLines(log).forEach(simple::accept);
            assertThat(figures(bytes)).as("log %d", i).isEqualTo(figures(simple));

            int n = r.nextInt(12);
            assertThat(LastLines.of(file, n, true)).as("log %d", i).isEqualTo(lastLines(log, n));
        }
    }

    @Test
    void aPerCycleLineIsReadFromItsBytes() {
        byte[] line = "\u001B[0;32m[INFO]\u001B[0m 00:00:30 Cycle 1: 9 workflows, 9 replays, 0 mismatches"
                .getBytes(StandardCharsets.US_ASCII);
        LogTally tally = new LogTally();

        assertThat(FastLine.accept(tally, line, 0, line.length)).isTrue();
        assertThat(tally.successfulCycles()).isEqualTo(1);
        assertThat(tally.lastTime()).contains("00:00:30");
    }

    /** Every complete line of the file, decoded, as the whole-file reading sees them (an unterminated last line waits). */
    private static List<String> completeLines(byte[] log) {
        String text = new String(log, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.remove(lines.size() - 1); // after the last \n: empty, or a line still being written
        return lines;
    }

    /** The whole file split on its newlines; a line over {@link LastLines#MAX_LINE_BYTES} cut and marked. */
    private static List<String> lastLines(byte[] log, int n) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= log.length; i++) {
            if (i == log.length || log[i] == '\n') {
                boolean terminated = i < log.length;
                if (terminated || start < log.length) {
                    lines.add(line(log, start, i, terminated));
                }
                start = i + 1;
            }
        }
        return lines.subList(Math.max(0, lines.size() - n), lines.size()).stream().map(LogLine::stripColour).toList();
    }

    private static String line(byte[] log, int start, int end, boolean terminated) {
        if (end - start <= LastLines.MAX_LINE_BYTES) {
            int visible = terminated && end > start && log[end - 1] == '\r' ? end - 1 : end;
            return new String(log, start, visible - start, StandardCharsets.UTF_8);
        }
        int keep = LastLines.MAX_LINE_BYTES;
        while (keep > 0 && (log[start + keep] & 0xC0) == 0x80) {
            keep--;
        }
        // a cut line's length counts a \r before its newline
        return new String(log, start, keep, StandardCharsets.UTF_8) + "… (line of " + (end - start) + " bytes cut)";
    }

    private static String figures(LogTally t) {
        return "lines=" + t.lines() + " cycles=" + t.cycles() + " success=" + t.successfulCycles() + " mismatches="
                + t.mismatches() + " withMismatches=" + t.cyclesWithMismatches() + " byCycle=" + t.mismatchesByCycle()
                + " workflows=" + t.workflows() + " finished=" + t.finished() + " shutdown=" + t.shutdown()
                + " lastTime=" + t.lastTime();
    }

    private static final String[] COLOURS = {"\u001B[0;32m", "\u001B[1;33m", "\u001B[0;31m", "\u001B[0;34m", ""};
    private static final String[] TAGS = {"INFO", "WARN", "ERROR", "STEP"};
    private static final String RULE = "═".repeat(63);

    private static byte[] log(Random r, int index) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (index == 0) {
            return new byte[0]; // the empty file
        }
        int lines = index % 50 == 0 ? 3000 : r.nextInt(200);
        long workflows = 0;
        int cycle = 0;
        for (int i = 0; i < lines; i++) {
            String time = String.format("%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60));
            String line;
            int kind = r.nextInt(20);
            if (kind < 6) {
                cycle += r.nextInt(10) == 0 ? 0 : 1;
                line = tagged(r, "STEP", time, "Running cycle " + cycle + "...");
            } else if (kind < 12) {
                long mismatches = r.nextInt(8) == 0 ? r.nextInt(4) : 0;
                workflows += 9;
                line = tagged(r, "INFO", time, "Cycle " + cycle + ": 9 workflows, 9 replays, " + mismatches
                        + " mismatches");
            } else if (kind < 14) {
                line = tagged(r, "INFO", time, "Progress: " + cycle + " cycles, " + workflows + " workflows, "
                        + r.nextInt(2) + " mismatches, " + r.nextInt(90000) + "s remaining");
            } else if (kind < 17) {
                line = nearMiss(r, time, cycle);
            } else {
                line = other(r, time, cycle, workflows);
            }
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            if (r.nextInt(40) == 0) {
                out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}); // invalid UTF-8
            }
            if (r.nextInt(30) == 0) {
                out.write('\r');
            }
            if (i < lines - 1 || r.nextBoolean()) {
                out.write('\n');
            }
        }
        if (index % 37 == 0) {
            out.writeBytes(("\u001B[0;32m[INFO]\u001B[0m 00:00:00 Cycle 1: " + "9".repeat(200_000)
                    + " workflows").getBytes(StandardCharsets.US_ASCII)); // a huge line across read chunks
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static String tagged(Random r, String tag, String time, String message) {
        String colour = COLOURS[r.nextInt(COLOURS.length)];
        return colour + "[" + tag + "]" + (colour.isEmpty() ? "" : "\u001B[0m") + " " + time + " " + message;
    }

    /** Lines that look almost like a per-cycle line: the byte tier must leave every one to the parser. */
    private static String nearMiss(Random r, String time, int cycle) {
        String tag = TAGS[r.nextInt(TAGS.length)];
        return switch (r.nextInt(16)) {
            case 0 -> tagged(r, tag, time, "Cycle " + cycle + ": 1 workflow, 1 replay, 1 mismatch");
            case 1 -> tagged(r, tag, time, "Cycle " + cycle + ": 9 workflows, 9 replays, 0 mismatches ");
            case 2 -> tagged(r, tag, time.substring(1), "Running cycle " + cycle + "...");
            case 3 -> tagged(r, tag, time, " Running cycle " + cycle + "...");
            case 4 -> tagged(r, tag, time, "Running cycle " + cycle + "x");
            case 5 -> tagged(r, tag, time, "Running cycle 12345678901234567890...");
            case 6 -> tagged(r, tag, time, "Cycle " + cycle + ": 9 workflows, 9 replays, 0 mismatches detected!");
            case 7 -> tagged(r, tag, time, "Progress: " + cycle + " cycles, 9 workflows, 0 mismatches");
            case 8 -> tagged(r, tag, time, "Progress: " + cycle + " cycles, 9 workflows, 0 mismatches, 5s remaining!");
            case 9 -> "[INFO]  " + time + " Cycle " + cycle + ": 9 workflows, 9 replays, 0 mismatches";
            case 10 -> "[INFO]\t" + time + "\tRunning cycle " + cycle + "...";
            case 11 -> tagged(r, tag, time, "Cycle " + cycle + ": 9 workflows, 9 replays, 0 mis\u001B[0mmatches");
            case 12 -> "\u001B[0;32m\u001B[1m[INFO]\u001B[0m " + time + " Running cycle " + cycle + "...";
            case 13 -> tagged(r, "DEBUG", time, "Running cycle " + cycle + "...");
            case 14 -> tagged(r, tag, time, "Cycle " + cycle + ": 9 workflows, 9 replays, 0 mismatches\u2028");
            default -> tagged(r, tag, time, "Cycle 99999999999999999999: 9 workflows, 9 replays, 0 mismatches");
        };
    }

    private static String other(Random r, String time, int cycle, long workflows) {
        return switch (r.nextInt(14)) {
            case 0 -> RULE;
            case 1 -> "";
            case 2 -> "         M4-T7: 24h Shadow-Run Simulation";
            case 3 -> "  Cycles Completed:   " + cycle;
            case 4 -> "  Total Workflows:    " + workflows;
            case 5 -> "  Mismatches:         " + r.nextInt(3);
            case 6 -> tagged(r, "INFO", time, "          ✅ SHADOW SIMULATION PASSED");
            case 7 -> tagged(r, "ERROR", time, "          ❌ SHADOW SIMULATION FAILED");
            case 8 -> tagged(r, "INFO", time, "All " + workflows + " shadow replays matched their golden files.");
            case 9 -> tagged(r, "ERROR", time, "Cycle " + cycle + ": " + (1 + r.nextInt(3)) + " mismatches detected!");
            case 10 -> tagged(r, "WARN", time, "ALERT: Shadow simulation detected 2 mismatches in cycle " + cycle);
            case 11 -> tagged(r, "INFO", time, "Shutting down shadow simulation...");
            case 12 -> "Detected 3 mismatches across " + workflows + " replays.";
            default -> tagged(r, "INFO", time, "Starting shadow-run simulation...");
        };
    }
}
