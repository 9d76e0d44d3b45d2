package io.aos.ops.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.io.RegularFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The one JSON mapper of the suite, configured once: unknown properties are ignored (files written by newer versions
 * still read), instants are ISO-8601 strings, big integers stay exact, and read errors become an {@link AosOpsException}
 * naming the file, line and column. Thread-safe.
 */
public final class OpsJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private OpsJson() {
    }

    /**
     * The shared mapper. Do not reconfigure it; copy it with {@code mapper().copy()} if you need other settings.
     *
     * @return the mapper (thread-safe once configured, as Jackson's mappers are)
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A writer that indents with two spaces, for reports meant to be read by people and by scripts.
     *
     * @return the writer (thread-safe)
     */
    public static ObjectWriter pretty() {
        return PRETTY;
    }

    /**
     * The most {@link #read} reads: a whole-file tree of more would not fit the heap of a monitor or a cron check.
     * The suite's JSON files (status, cycle reports, golden files) are kilobytes to a few megabytes.
     */
    public static final long MAX_FILE_BYTES = 256L << 20;

    /**
     * Reads {@code file} as a {@code type}. Only a regular file of at most {@link #MAX_FILE_BYTES} is read: a FIFO or a
     * device is refused without being opened.
     *
     * @param <T>  the type
     * @param file the file
     * @param type the class to bind to
     * @return the value
     * @throws AosOpsException naming the file (and for bad JSON the line and column) if it cannot be read or bound
     */
    public static <T> T read(Path file, Class<T> type) {
        try (InputStream in = RegularFile.newInputStream(file, MAX_FILE_BYTES)) {
            return MAPPER.readValue(in, type);
        } catch (JsonProcessingException e) {
            throw describe(file, e);
        } catch (IOException e) {
            throw UnreadableFileException.of(file, e);
        }
    }

    /**
     * Reads {@code file} as a JSON tree, with the rules of {@link #read}.
     *
     * @param file the file
     * @return the tree
     * @throws AosOpsException naming the file (and for bad JSON the line and column) if it cannot be read or parsed
     */
    public static JsonNode readTree(Path file) {
        return read(file, JsonNode.class);
    }

    /**
     * Turns a Jackson error into one sentence naming the file, line and column: the column counts characters from 1
     * and names the first character of what is wrong ({@link TextPosition}; the file is read again for that, only
     * here, for the error).
     *
     * @param file the file that was read, from its first byte
     * @param e    Jackson's error
     * @return the exception to throw
     */
    public static AosOpsException describe(Path file, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String problem = e.getOriginalMessage();
        if (location == null || location.getLineNr() < 1) {
            return new BadInputException(file, "invalid JSON: " + problem, e);
        }
        TextPosition at = TextPosition.inFile(file, location.getLineNr(), location.getColumnNr(), problem);
        return new BadInputException(file, at.line(), Math.max(1, at.column()), problem, e);
    }
}
