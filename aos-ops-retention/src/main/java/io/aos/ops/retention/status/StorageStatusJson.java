package io.aos.ops.retention.status;

import com.fasterxml.jackson.core.JsonGenerator;
import io.aos.ops.core.json.PrettyJsonText;
import java.io.IOException;
import java.time.Instant;

/**
 * The JSON of {@code aos-ops retention status --json}: the characters {@code OpsJson.pretty()} writes for a
 * {@link StorageStatus} (the record components in order, instants as ISO-8601 strings, two-space indent, no final
 * newline), streamed with jackson-core's generator ({@link PrettyJsonText}). Data binding's set-up (some 600 classes)
 * cost a cold {@code retention status --json} more than its output. Public API; stateless and thread-safe.
 */
public final class StorageStatusJson {

    private StorageStatusJson() {
    }

    /**
     * The status as JSON text.
     *
     * @param status the status
     * @return the JSON, without a final newline
     */
    public static String jsonText(StorageStatus status) {
        return PrettyJsonText.of(2048 + 512 * status.directories().size(), g -> {
            g.writeStartObject();
            writeInstant(g, "at", status.at());
            g.writeNumberField("growthWindowHours", status.growthWindowHours());
            g.writeArrayFieldStart("directories");
            for (StorageStatus.DirectoryStatus d : status.directories()) {
                g.writeStartObject();
                g.writeStringField("path", d.path());
                g.writeBooleanField("exists", d.exists());
                g.writeNumberField("files", d.files());
                g.writeNumberField("apparentBytes", d.apparentBytes());
                g.writeNumberField("diskBytes", d.diskBytes());
                writeInstant(g, "oldest", d.oldest());
                writeInstant(g, "newest", d.newest());
                g.writeNumberField("recentFiles", d.recentFiles());
                g.writeNumberField("recentBytes", d.recentBytes());
                g.writeNumberField("futureFiles", d.futureFiles());
                g.writeEndObject();
            }
            g.writeEndArray();
            StorageStatus.ArchiveDirectoryStatus a = status.archive();
            g.writeObjectFieldStart("archive");
            g.writeStringField("path", a.path());
            g.writeBooleanField("exists", a.exists());
            g.writeBooleanField("directory", a.directory());
            g.writeNumberField("archives", a.archives());
            g.writeNumberField("bytes", a.bytes());
            g.writeStringField("newest", a.newest());
            writeInstant(g, "newestModified", a.newestModified());
            g.writeEndObject();
            g.writeArrayFieldStart("filesystems");
            for (StorageStatus.FilesystemStatus f : status.filesystems()) {
                g.writeStartObject();
                g.writeStringField("name", f.name());
                g.writeArrayFieldStart("paths");
                for (String path : f.paths()) {
                    g.writeString(path);
                }
                g.writeEndArray();
                g.writeNumberField("totalBytes", f.totalBytes());
                g.writeNumberField("freeBytes", f.freeBytes());
                g.writeNumberField("usableBytes", f.usableBytes());
                g.writeNumberField("usedPercent", f.usedPercent());
                g.writeNumberField("growthBytesPerHour", f.growthBytesPerHour());
                if (f.hoursTo90Percent() == null) {
                    g.writeNullField("hoursTo90Percent");
                } else {
                    g.writeNumberField("hoursTo90Percent", f.hoursTo90Percent().doubleValue());
                }
                writeInstant(g, "projected90PercentAt", f.projected90PercentAt());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** As the JavaTimeModule writes an instant when dates are not timestamps: its ISO-8601 form, or null. */
    private static void writeInstant(JsonGenerator g, String name, Instant value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
        } else {
            g.writeStringField(name, value.toString());
        }
    }
}
