package io.aos.ops.retention.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.aos.ops.retention.archive.Archiver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link StorageStatusText} against the rendering it replaced in {@code aos-ops retention status} (a
 * {@code PrintWriter} with {@code printf}, {@code String.format} and {@code Instant.toString}), over random statuses:
 * the same text, or the same exception.
 */
class StorageStatusTextTest {

    @Test
    void theTextIsWhatTheFormattersWrote() {
        int projections = 0;
        for (long seed = 1; seed <= 2_000; seed++) {
            StorageStatus status = StorageStatusJsonTest.randomStatus(new Random(seed));
            String text = outcome(() -> StorageStatusText.text(status));
            assertThat(text).as("seed %d", seed).isEqualTo(outcome(() -> withFormatters(status)));
            projections += text.contains("% full in ") ? 1 : 0;
        }
        assertThat(projections).as("statuses with a projection").isGreaterThan(50);
    }

    private static String outcome(Supplier<String> render) {
        try {
            return render.get();
        } catch (RuntimeException e) {
            return "threw " + e.getClass().getName();
        }
    }

    /** The oracle: the command's rendering before StorageStatusText. */
    private static String withFormatters(StorageStatus status) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println("Golden storage status at " + status.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        for (StorageStatus.DirectoryStatus d : status.directories()) {
            out.println();
            out.println("Directory: " + d.path());
            if (!d.exists()) {
                out.println("  (not present)");
                continue;
            }
            out.println("  Files: " + d.files());
            out.println("  Size: " + humanBytes(d.apparentBytes()) + " apparent, " + humanBytes(d.diskBytes())
                    + " in whole blocks (sparse files at full size, hard links once per name)");
            out.println("  Oldest: " + orNone(d.oldest()));
            out.println("  Newest: " + orNone(d.newest()));
            out.println("  Last " + status.growthWindowHours() + " h: " + d.recentFiles() + " files, "
                    + humanBytes(d.recentBytes()));
            if (d.futureFiles() > 0) {
                out.println("  Dated in the future: " + d.futureFiles() + " files (not counted as growth; check the "
                        + "clock)");
            }
        }
        out.println();
        StorageStatus.ArchiveDirectoryStatus a = status.archive();
        out.println("Archive Directory: " + a.path());
        if (!a.exists()) {
            out.println("  (not created)");
        } else if (!a.directory()) {
            out.println("  (not a directory: archives cannot be written there)");
        } else {
            out.println("  Archives: " + a.archives());
            out.println("  Size: " + humanBytes(a.bytes()));
            out.println("  Newest: " + (a.newest() == null ? "-" : a.newest() + " (" + a.newestModified() + ")"));
        }
        out.println();
        out.println("Filesystems:");
        for (StorageStatus.FilesystemStatus f : status.filesystems()) {
            String projection = f.hoursTo90Percent() == null ? "not growing"
                    : f.hoursTo90Percent() == 0 ? "already at or above 90%"
                    : f.hoursTo90Percent() > 24 * 365 ? "not 90% full within a year at this rate"
                    : String.format(Locale.ROOT, "90%% full in %.1f h (around %s)", f.hoursTo90Percent(),
                            f.projected90PercentAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
            out.printf(Locale.ROOT, "  %s: %.1f%% used, %s free of %s; golden files grow %s/h; %s%n", f.name(),
                    f.usedPercent(), humanBytes(f.usableBytes()), humanBytes(f.totalBytes()),
                    humanBytes((long) f.growthBytesPerHour()), projection);
            out.println("    holds: " + String.join(", ", f.paths()));
        }
        out.flush();
        return text.toString();
    }

    /** Archiver.humanBytes as it was written with String.format. */
    private static String humanBytes(long bytes) {
        String[] units = {"B", "K", "M", "G", "T", "P", "E"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String formatted = unit == 0 ? bytes + "B"
                : value < 10 ? String.format(Locale.ROOT, "%.1f%s", value, units[unit])
                : String.format(Locale.ROOT, "%.0f%s", value, units[unit]);
        assertThat(Archiver.humanBytes(bytes)).as("humanBytes(%d)", bytes).isEqualTo(formatted);
        return formatted;
    }

    private static String orNone(Instant t) {
        return t == null ? "-" : t.toString();
    }
}
