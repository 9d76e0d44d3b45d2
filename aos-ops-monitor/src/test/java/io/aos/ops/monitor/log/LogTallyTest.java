package io.aos.ops.monitor.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The upstream log corpus (every line format upstream's runner writes) with the counts a person would give. */
class LogTallyTest {

    private static LogTally tally(String resource) throws IOException {
        LogTally tally = new LogTally();
        try (InputStream in = LogTallyTest.class.getResourceAsStream(resource)) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(tally::accept);
        }
        return tally;
    }

    @Test
    void aPassingVerboseRunHasNoMismatchesAndSuccessEqualsCycles() throws IOException {
        LogTally t = tally("upstream-passed.log");

        assertThat(t.cycles()).isEqualTo(20);
        assertThat(t.successfulCycles()).isEqualTo(20);
        assertThat(t.mismatches()).isZero();
        assertThat(t.cyclesWithMismatches()).isZero();
        assertThat(t.workflows()).isEqualTo(180);
        assertThat(t.finished()).hasValueSatisfying(f -> assertThat(f.passed()).isTrue());
        assertThat(t.lastTime()).contains("13:22:20");
    }

    @Test
    void progressLinesWithZeroMismatchesAreNeitherMismatchesNorExtraSuccesses() {
        LogTally t = new LogTally();
        for (int c = 1; c <= 10; c++) {
            t.accept("\u001B[0;32m[INFO]\u001B[0m 13:00:00 Cycle " + c + ": 9 workflows, 9 replays, 0 mismatches");
        }
        t.accept("\u001B[0;32m[INFO]\u001B[0m 13:00:00 Progress: 10 cycles, 90 workflows, 0 mismatches, 100s remaining");

        // upstream's grep gave Cycles=10, Success=11
        assertThat(t.cycles()).isEqualTo(10);
        assertThat(t.successfulCycles()).isEqualTo(10);
        assertThat(t.mismatches()).isZero();
    }

    @Test
    void aFailedRunCountsEachMismatchingCycleOnceWithItsCount() throws IOException {
        LogTally t = tally("upstream-failed.log");

        assertThat(t.cycles()).isEqualTo(12);
        assertThat(t.successfulCycles()).isEqualTo(10);
        assertThat(t.mismatchCycles()).containsExactly(4L, 11L);
        assertThat(t.mismatches()).isEqualTo(5);
        assertThat(t.finished()).hasValueSatisfying(f -> assertThat(f.passed()).isFalse());
    }

    @Test
    void aQuietRunTakesItsFiguresFromProgressLines() throws IOException {
        LogTally t = tally("upstream-quiet.log");

        assertThat(t.cycles()).isEqualTo(30);
        assertThat(t.successfulCycles()).isEqualTo(30);
        assertThat(t.workflows()).isEqualTo(270);
        assertThat(t.mismatches()).isZero();
        assertThat(t.finished()).isEmpty();
    }

    @Test
    void eachLineFormatParsesToItsEvent() {
        assertThat(LogLine.parse("[STEP] 01:02:03 Running cycle 7...").event())
                .isEqualTo(new LogEvent.CycleStarted(7));
        assertThat(LogLine.parse("[INFO] 01:02:03 Cycle 7: 9 workflows, 8 replays, 0 mismatches").event())
                .isEqualTo(new LogEvent.CycleFinished(7, 9, 8, 0));
        assertThat(LogLine.parse("[ERROR] 01:02:03 Cycle 7: 2 mismatches detected!").event())
                .isEqualTo(new LogEvent.CycleMismatches(7, 2));
        assertThat(LogLine.parse("[WARN] 01:02:03 ALERT: Shadow simulation detected 2 mismatches in cycle 7").event())
                .isEqualTo(new LogEvent.CycleMismatches(7, 2));
        assertThat(LogLine.parse("[INFO] 01:02:03 Progress: 10 cycles, 90 workflows, 0 mismatches, 86100s remaining")
                .event()).isEqualTo(new LogEvent.Progress(10, 90, 0, 86100));
        assertThat(LogLine.parse("[WARN] 01:02:03 ALERT: Shadow simulation completed successfully: 9 workflows, "
                + "9 replays, 0 mismatches").event()).isEqualTo(new LogEvent.Finished(true, 0, 9));
        assertThat(LogLine.parse("[INFO] 01:02:03 Shadow simulation complete: 2829 cycles").event())
                .isEqualTo(new LogEvent.Finished(true, -1, -1));
        assertThat(LogLine.parse("[INFO] 01:02:03 Shutting down shadow simulation...").event())
                .isEqualTo(new LogEvent.Shutdown());
        assertThat(LogLine.parse("  Mismatches:         4").event()).isEqualTo(new LogEvent.ReportField("Mismatches", 4));
        assertThat(LogLine.parse("[ERROR] 01:02:03 Unknown argument: --bogus").event()).isEqualTo(new LogEvent.Other());
    }

    @Test
    void wordsAboutMismatchesWithoutACycleResultAreNotCounted() {
        LogTally t = new LogTally();
        t.accept("[INFO] 01:02:03 Checking for mismatches in golden dir");
        t.accept("MISMATCH glossary: a mismatch is a replay whose hash differs");
        t.accept("[INFO] 01:02:03 Cycle 1: 9 workflows, 9 replays, 0 mismatches");

        assertThat(t.mismatches()).isZero();
        assertThat(t.successfulCycles()).isEqualTo(1);
    }
}
