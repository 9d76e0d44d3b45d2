package io.aos.ops.golden.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aos.ops.core.OpsException;
import io.aos.ops.core.json.OpsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * A golden file read for diffing. The extension decides the format ({@code .jsonl}, including
 * {@code .steps.jsonl}, is one JSON value per line; {@code .json} is one document); only a file with neither is
 * sniffed: one document if it parses as one, else lines. A JSONL trace is kept as raw lines and parsed one event at
 * a time; {@link #tree()} builds the whole array only when asked.
 */
public final class GoldenFile {

    /** The suite's mapper, with ints sized to fit (int, long, BigInteger) and trailing garbage an error. */
    static final ObjectReader READER = OpsJson.mapper().copy()
            .disable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .readerFor(JsonNode.class);

    /** How the file is laid out. */
    public enum Format { JSON, JSONL }

    private final Path path;
    private final Format format;
    private final JsonNode document;
    private final byte[] lines;

    private GoldenFile(Path path, Format format, JsonNode document, byte[] lines) {
        this.path = path;
        this.format = format;
        this.document = document;
        this.lines = lines;
    }

    /** The largest byte array the JVM will allocate. */
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    /**
     * Reads {@code path}; an unreadable or invalid file is an {@link OpsException} naming the file, line, column.
     * The diff holds both files' bytes, so a file larger than a quarter of the JVM heap (or than 2 GB, the largest
     * array) is refused up front as bad input instead of running the JVM out of memory.
     */
    public static GoldenFile read(Path path) {
        return read(path, Math.min(MAX_ARRAY_BYTES, Runtime.getRuntime().maxMemory() / 4));
    }

    static GoldenFile read(Path path, long maxBytes) {
        try {
            return readWithin(path, maxBytes);
        } catch (OutOfMemoryError e) {
            // the allocation that failed was this file's bytes or tree, which are garbage now
            throw OpsException.badInput(path, "too large to diff in a JVM heap of "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB; raise it with AOS_OPS_JAVA_OPTS=-Xmx...", e);
        }
    }

    private static GoldenFile readWithin(Path path, long maxBytes) {
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > maxBytes) {
                throw OpsException.badInput(path, "is " + size / (1 << 20) + " MB, more than the " + maxBytes / (1 << 20)
                        + " MB the diff may hold in memory (a quarter of the JVM heap, at most 2 GB); raise the heap"
                        + " with AOS_OPS_JAVA_OPTS=-Xmx... or compare smaller traces");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw OpsException.badInput(path, "no such file", e);
        } catch (IOException e) {
            throw OpsException.badInput(path, "cannot be read: " + e.getMessage(), e);
        }
        if (isBlank(bytes)) {
            throw OpsException.badInput(path, "the file is empty");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return new GoldenFile(path, Format.JSONL, null, bytes);
        }
        if (name.endsWith(".json")) {
            return new GoldenFile(path, Format.JSON, parse(path, bytes), null);
        }
        try {
            return new GoldenFile(path, Format.JSON, READER.readTree(bytes), null);
        } catch (IOException e) {
            return new GoldenFile(path, Format.JSONL, null, bytes);
        }
    }

    private static JsonNode parse(Path path, byte[] bytes) {
        try {
            return READER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw OpsJson.describe(path, e);
        } catch (IOException e) {
            throw OpsException.badInput(path, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    public Path path() {
        return path;
    }

    public Format format() {
        return format;
    }

    /** The whole document; a JSONL file becomes an array of its events (this holds every event in memory). */
    public JsonNode tree() {
        if (document != null) {
            return document;
        }
        JsonlSequence seq = sequence(Set.of());
        ArrayNode array = JsonNodeFactory.instance.arrayNode(seq.size());
        for (int i = 0; i < seq.size(); i++) {
            array.add(seq.node(i));
        }
        return array;
    }

    JsonlSequence sequence(Set<String> volatileFields) {
        return new JsonlSequence(path, lines, volatileFields);
    }

    boolean isLines() {
        return lines != null;
    }
}
