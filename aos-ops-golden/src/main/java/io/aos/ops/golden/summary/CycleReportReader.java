package io.aos.ops.golden.summary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.io.FileTooLargeException;
import io.aos.ops.core.io.RegularFile;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.format.BadGoldenException;
import io.aos.ops.golden.shadow.state.CycleReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code cycle_N.json} into a {@link CycleReport} with the streaming parser. A 24-hour run has 2,880 of them
 * and the summary must finish, JVM start included, faster than upstream's 0.5 s: data binding (which introspects
 * the records on first use) is kept for the rare mismatch details only. Unknown fields are skipped, as the suite's
 * mapper does; a value of the wrong type is an error naming the file, line and column.
 */
final class CycleReportReader {

    private static final JsonFactory FACTORY = new JsonFactory();

    private CycleReportReader() {
    }

    /** A cycle report is a few hundred bytes (a few MB with thousands of mismatches); larger is not one. */
    static final long MAX_REPORT_BYTES = 64L << 20;

    /** Reads one report; only a regular file is opened (a FIFO named like a report would block for good). */
    static CycleReport read(Path file) {
        byte[] bytes;
        try {
            bytes = RegularFile.readAllBytes(file, MAX_REPORT_BYTES);
        } catch (FileTooLargeException e) {
            throw new BadGoldenException(file, "is larger than " + (MAX_REPORT_BYTES >> 20)
                    + " MB, too large for a cycle report", e);
        } catch (IOException e) {
            throw UnreadableFileException.of(file, e);
        }
        try (JsonParser p = FACTORY.createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new BadGoldenException(file, "is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "a cycle report must be a JSON object, found " + first);
            }
            String timestamp = null;
            Long cycle = null;
            CycleReport.Primary primary = null;
            CycleReport.Shadow shadow = null;
            List<CycleReport.MismatchDetail> details = List.of();
            boolean passed = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "timestamp" -> timestamp = value == JsonToken.VALUE_NULL ? null : text(p, value);
                    case "cycle" -> cycle = value == JsonToken.VALUE_NULL ? null : number(p, value);
                    case "primary" -> primary = value == JsonToken.VALUE_NULL ? null : primary(p, value);
                    case "shadow" -> shadow = value == JsonToken.VALUE_NULL ? null : shadow(p, value);
                    case "mismatch_details" -> details = details(p, value);
                    case "passed" -> passed = bool(p, value);
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "unexpected content after the report");
            }
            return new CycleReport(timestamp, cycle, primary, shadow, details, passed);
        } catch (JsonProcessingException e) {
            throw OpsJson.describe(file, e);
        } catch (IOException e) {
            throw new UnreadableFileException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static CycleReport.Primary primary(JsonParser p, JsonToken start) throws IOException {
        expectObject(p, start, "primary");
        long total = 0;
        long successful = 0;
        long failed = 0;
        Long stopped = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "total" -> total = number(p, v);
                case "successful" -> successful = number(p, v);
                case "failed" -> failed = number(p, v);
                case "emergency_stopped" -> stopped = v == JsonToken.VALUE_NULL ? null : number(p, v);
                default -> p.skipChildren();
            }
        }
        return new CycleReport.Primary(total, successful, failed, stopped);
    }

    private static CycleReport.Shadow shadow(JsonParser p, JsonToken start) throws IOException {
        expectObject(p, start, "shadow");
        long replays = 0;
        long matches = 0;
        long mismatches = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "total_replays" -> replays = number(p, v);
                case "matches" -> matches = number(p, v);
                case "mismatches" -> mismatches = number(p, v);
                default -> p.skipChildren();
            }
        }
        return new CycleReport.Shadow(replays, matches, mismatches);
    }

    private static List<CycleReport.MismatchDetail> details(JsonParser p, JsonToken start) throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (start != JsonToken.START_ARRAY) {
            throw new JsonParseException(p, "mismatch_details must be an array, found " + start);
        }
        List<CycleReport.MismatchDetail> details = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            details.add(OpsJson.mapper().readValue(p, CycleReport.MismatchDetail.class));
        }
        return details;
    }

    private static void expectObject(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw new JsonParseException(p, field + " must be an object, found " + t);
        }
    }

    private static long number(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new JsonParseException(p, "'" + p.currentName() + "' must be an integer, found " + t);
        }
        return p.getLongValue();
    }

    private static boolean bool(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
            throw new JsonParseException(p, "'passed' must be true or false, found " + t);
        }
        return t == JsonToken.VALUE_TRUE;
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw new JsonParseException(p, "'" + p.currentName() + "' must be a string, found " + t);
        }
        return p.getText();
    }
}
