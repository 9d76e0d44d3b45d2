package io.aos.ops.core.emergency;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.core.emergency.AuditEntry.Action;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    private static AuditEntry entry(int i) {
        return new AuditEntry(Instant.EPOCH.plusSeconds(i), Action.ENGAGE, "root", null, "h", 1L, "reason " + i,
                "RUNNING", "STOPPED", null, null, null);
    }

    @Test
    void aMissingLogHasNoEntries(@TempDir Path dir) throws Exception {
        assertThat(new AuditLog(dir.resolve("none.log")).tail(5)).isEmpty();
    }

    @Test
    void tailReturnsTheLastEntriesOldestFirstAcrossReadBlocks(@TempDir Path dir) throws Exception {
        AuditLog log = new AuditLog(dir.resolve("audit.log"));
        // Reasons long enough that the last lines span several 8 KiB read blocks.
        for (int i = 0; i < 300; i++) {
            log.append(entry(i));
        }
        List<AuditEntry> tail = log.tail(5);
        assertThat(tail).extracting(AuditEntry::reason)
                .containsExactly("reason 295", "reason 296", "reason 297", "reason 298", "reason 299");
        assertThat(log.tail(1000)).hasSize(300);
    }

    @Test
    void linesThatAreNotRecordsAreKeptRaw(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.log");
        Files.writeString(file, "2025-12-02T14:05:31+01:00 - Emergency stop enabled by root\n");
        AuditLog log = new AuditLog(file);
        log.append(entry(1));
        List<AuditEntry> tail = log.tail(10);
        assertThat(tail).hasSize(2);
        assertThat(tail.get(0).raw()).isEqualTo("2025-12-02T14:05:31+01:00 - Emergency stop enabled by root");
        assertThat(tail.get(0).describe()).isEqualTo(tail.get(0).raw());
        assertThat(tail.get(1).action()).isEqualTo(Action.ENGAGE);
    }

    @Test
    void aLongLineLargerThanAReadBlockIsReadWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.log");
        String longReason = IntStream.range(0, 3000).mapToObj(Integer::toString).collect(Collectors.joining(","));
        AuditLog log = new AuditLog(file);
        log.append(entry(1));
        log.append(new AuditEntry(Instant.EPOCH, Action.RELEASE, "root", null, "h", 1L, longReason, "STOPPED",
                "RUNNING", null, null, null));
        List<AuditEntry> tail = log.tail(2);
        assertThat(tail).hasSize(2);
        assertThat(tail.get(1).reason()).isEqualTo(longReason);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aLogEndingInMegabytesOfNulBytesIsReadQuicklyTheLineCutAndMarked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.log");
        AuditLog log = new AuditLog(file);
        log.append(entry(1));
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.setLength(raw.length() + 30_000_000); // sparse: NUL bytes, as a crash leaves them
        }

        List<AuditEntry> tail = log.tail(2);

        assertThat(tail).hasSize(2);
        assertThat(tail.get(0).action()).isEqualTo(Action.ENGAGE);
        assertThat(tail.get(1).raw()).hasSize(AuditLog.MAX_LINE_BYTES + "… (line of 30000000 bytes cut)".length())
                .endsWith("… (line of 30000000 bytes cut)");
    }

    @Test
    void blankLinesAreNotEntries(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.log");
        AuditLog log = new AuditLog(file);
        log.append(entry(1));
        Files.writeString(file, "\n\n  \n\n", java.nio.file.StandardOpenOption.APPEND);
        log.append(entry(2));
        Files.writeString(file, "\n\n", java.nio.file.StandardOpenOption.APPEND);

        assertThat(log.tail(2)).hasSize(2);
    }
}
