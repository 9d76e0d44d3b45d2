package io.aos.ops.monitor.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.io.RegularFile;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.core.json.TextPosition;
import io.aos.ops.golden.shadow.state.RunState;
import io.aos.ops.golden.shadow.state.ShadowRunStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads {@code status.json} with Jackson's streaming parser, not its object mapper: the monitor reads it on every
 * check and the cron check in a fresh JVM, where setting up data binding costs more than the whole rest of the check.
 * Same file, same field names as {@link ShadowRunStatus}; unknown fields are skipped; errors name file, line and
 * column. Cycle reports are read by {@link io.aos.ops.golden.shadow.state.CycleReportReader}.
 */
public final class RunStateReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** A {@code status.json} is under a kilobyte; one over this is not one, and is not read. */
    static final long MAX_STATUS_BYTES = 1L << 20;

    private RunStateReader() {
    }

    /** Reads a {@code status.json}; only a regular file is opened (a FIFO would block the reader for good). */
    public static ShadowRunStatus readStatus(Path file) {
        try (JsonParser p = JSON.createParser(RegularFile.newInputStream(file, MAX_STATUS_BYTES))) {
            expect(p, JsonToken.START_OBJECT);
            int schema = 0;
            long pid = 0;
            Instant processStart = null;
            Instant startedAt = null;
            Instant updatedAt = null;
            RunState state = null;
            long cycles = 0;
            long workflows = 0;
            long replays = 0;
            long mismatches = 0;
            long withMismatches = 0;
            Instant lastCycleAt = null;
            Double targetHours = null;
            Long targetCycles = null;
            boolean emergencyStop = false;
            String message = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "schema_version" -> schema = (int) number(p, file);
                    case "pid" -> pid = number(p, file);
                    case "process_start_time" -> processStart = instant(p, file);
                    case "started_at" -> startedAt = instant(p, file);
                    case "updated_at" -> updatedAt = instant(p, file);
                    case "state" -> state = value == JsonToken.VALUE_NULL ? null : runState(text(p, file), p, file);
                    case "cycles" -> cycles = number(p, file);
                    case "workflows" -> workflows = number(p, file);
                    case "replays" -> replays = number(p, file);
                    case "mismatches" -> mismatches = number(p, file);
                    case "cycles_with_mismatches" -> withMismatches = number(p, file);
                    case "last_cycle_at" -> lastCycleAt = instant(p, file);
                    case "target_hours" -> targetHours = value == JsonToken.VALUE_NULL ? null : decimal(p, file);
                    case "target_cycles" -> targetCycles = value == JsonToken.VALUE_NULL ? null : number(p, file);
                    case "emergency_stop" -> emergencyStop = bool(p, file);
                    case "message" -> message = text(p, file);
                    default -> p.skipChildren();
                }
            }
            return new ShadowRunStatus(schema, pid, processStart, startedAt, updatedAt, state, cycles, workflows,
                    replays, mismatches, withMismatches, lastCycleAt, targetHours, targetCycles, emergencyStop, message);
        } catch (JsonProcessingException e) {
            throw OpsJson.describe(file, e);
        } catch (IOException e) {
            throw UnreadableFileException.of(file, e);
        }
    }

    private static void expect(JsonParser p, JsonToken token) throws IOException {
        JsonToken actual = p.nextToken();
        if (actual != token) {
            throw new com.fasterxml.jackson.core.JsonParseException(p,
                    "expected " + token.asString() + " but found " + (actual == null ? "end of input" : actual),
                    p.currentTokenLocation());
        }
    }

    private static long number(JsonParser p, Path file) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue().longValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return 0;
        }
        throw wrongType(p, file, "a number");
    }

    private static double decimal(JsonParser p, Path file) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        throw wrongType(p, file, "a number");
    }

    private static boolean bool(JsonParser p, Path file) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) {
            return t == JsonToken.VALUE_TRUE;
        }
        throw wrongType(p, file, "true or false");
    }

    /** A string field's text; null for JSON null. An object or array is refused, never read as fields. */
    private static String text(JsonParser p, Path file) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        throw wrongType(p, file, "a string");
    }

    /** {@code status.json: invalid JSON at line 3, column 12: field target_hours must be a number, not a string}. */
    private static BadInputException wrongType(JsonParser p, Path file, String expected) throws IOException {
        return atValue(p, file, "field " + p.currentName() + " must be " + expected + ", not "
                + kind(p.currentToken()));
    }

    /**
     * A value that is well-formed JSON but wrong, named at its first character (line, and column in characters, as
     * for bad JSON: the file is read again for that, only for the error).
     */
    private static BadInputException atValue(JsonParser p, Path file, String problem) {
        JsonLocation at = p.currentTokenLocation();
        TextPosition position = TextPosition.inFile(file, at.getLineNr(), at.getColumnNr(), null);
        return new BadInputException(file, position.line(), Math.max(1, position.column()), problem);
    }

    private static String kind(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> t.name();
        };
    }

    private static Instant instant(JsonParser p, Path file) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal seconds = p.getDecimalValue();
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(p, file, "an ISO-8601 time or epoch seconds");
        }
        String text = p.getText();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw atValue(p, file, "field " + p.currentName() + " is not an ISO-8601 time: '" + text + "'");
        }
    }

    private static RunState runState(String text, JsonParser p, Path file) {
        try {
            return RunState.fromJson(text);
        } catch (IllegalArgumentException e) {
            throw atValue(p, file, "field state: unknown state '" + text + "'");
        }
    }
}
