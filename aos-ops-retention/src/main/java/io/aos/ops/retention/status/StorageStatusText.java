package io.aos.ops.retention.status;

import io.aos.ops.core.json.DecimalText;
import io.aos.ops.core.json.InstantText;
import io.aos.ops.retention.archive.Archiver;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The text of {@code aos-ops retention status}: for each directory its files, sizes, oldest and newest and recent
 * growth, then the archive directory and the filesystems with their projections. Numbers and instants are written as
 * {@code String.format} and {@code Instant.toString} write them, without their formatters ({@link DecimalText},
 * {@link InstantText}): a status sets up neither. Public API; stateless and thread-safe.
 */
public final class StorageStatusText {

    /** Beyond this a projection says nothing useful to an operator. */
    private static final double HOURS_PER_YEAR = 24 * 365;
    private static final String NL = System.lineSeparator();

    private StorageStatusText() {
    }

    /**
     * The status for people.
     *
     * @param status the status
     * @return the text, every line ended by the platform's line separator
     */
    public static String text(StorageStatus status) {
        StringBuilder out = new StringBuilder(1024);
        line(out, "Golden storage status at " + InstantText.of(status.at().truncatedTo(ChronoUnit.SECONDS)));
        for (StorageStatus.DirectoryStatus d : status.directories()) {
            line(out, "");
            line(out, "Directory: " + d.path());
            if (!d.exists()) {
                line(out, "  (not present)");
                continue;
            }
            line(out, "  Files: " + d.files());
            line(out, "  Size: " + Archiver.humanBytes(d.apparentBytes()) + " apparent, "
                    + Archiver.humanBytes(d.diskBytes()) + " in whole blocks (sparse files at full size, hard links "
                    + "once per name)");
            line(out, "  Oldest: " + orNone(d.oldest()));
            line(out, "  Newest: " + orNone(d.newest()));
            line(out, "  Last " + status.growthWindowHours() + " h: " + d.recentFiles() + " files, "
                    + Archiver.humanBytes(d.recentBytes()));
            if (d.futureFiles() > 0) {
                line(out, "  Dated in the future: " + d.futureFiles() + " files (not counted as growth; check the "
                        + "clock)");
            }
        }
        line(out, "");
        StorageStatus.ArchiveDirectoryStatus a = status.archive();
        line(out, "Archive Directory: " + a.path());
        if (!a.exists()) {
            line(out, "  (not created)");
        } else if (!a.directory()) {
            line(out, "  (not a directory: archives cannot be written there)");
        } else {
            line(out, "  Archives: " + a.archives());
            line(out, "  Size: " + Archiver.humanBytes(a.bytes()));
            line(out, "  Newest: " + (a.newest() == null ? "-" : a.newest() + " (" + orNull(a.newestModified()) + ")"));
        }
        line(out, "");
        line(out, "Filesystems:");
        for (StorageStatus.FilesystemStatus f : status.filesystems()) {
            String projection = f.hoursTo90Percent() == null ? "not growing"
                    : f.hoursTo90Percent() == 0 ? "already at or above 90%"
                    : f.hoursTo90Percent() > HOURS_PER_YEAR ? "not 90% full within a year at this rate"
                    : "90% full in " + DecimalText.fixed(f.hoursTo90Percent(), 1) + " h (around "
                            + orNull(f.projected90PercentAt().truncatedTo(ChronoUnit.MINUTES)) + ")";
            line(out, "  " + f.name() + ": " + DecimalText.fixed(f.usedPercent(), 1) + "% used, "
                    + Archiver.humanBytes(f.usableBytes()) + " free of " + Archiver.humanBytes(f.totalBytes())
                    + "; golden files grow " + Archiver.humanBytes((long) f.growthBytesPerHour()) + "/h; "
                    + projection);
            line(out, "    holds: " + String.join(", ", f.paths()));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append(NL);
    }

    private static String orNone(Instant t) {
        return t == null ? "-" : InstantText.of(t);
    }

    /** As string concatenation writes an instant: "null" when there is none. */
    private static String orNull(Instant t) {
        return t == null ? "null" : InstantText.of(t);
    }
}
