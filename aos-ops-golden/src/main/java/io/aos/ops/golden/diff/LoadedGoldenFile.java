package io.aos.ops.golden.diff;

import static com.google.common.base.Preconditions.checkElementIndex;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.concurrent.OfferedTask;
import io.aos.ops.core.io.GoldenFileKind;
import io.aos.ops.core.io.NotRegularFileException;
import io.aos.ops.core.io.RegularFile;
import io.aos.ops.core.json.TextPosition;
import io.aos.ops.golden.format.BadGoldenException;
import io.aos.ops.golden.json.GoldenJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A golden file read for diffing. The extension decides the format ({@code .jsonl}, including
 * {@code .steps.jsonl}, is one JSON value per line; {@code .json} is one document); only a file with neither is
 * sniffed: one document if it parses as one, else lines. A JSONL trace is kept as raw lines and parsed one event at
 * a time; {@link #tree()} builds the whole array only when asked.
 *
 * <p>Thread safety: its content is read once and never changed, so several diffs may use one instance at once.
 */
public final class LoadedGoldenFile {

    /**
     * The golden-file reader ({@link GoldenJson}: what Python's {@code json} writes, {@code NaN} and
     * {@code Infinity} included, ints sized to fit, floats as doubles), with trailing garbage an error. Built on
     * first use: building a mapper costs a cold JVM about a quarter of a second, and a diff of two JSONL traces
     * that differ in a few lines needs only {@link #STREAMING}.
     */
    static ObjectReader reader() {
        return Reader.INSTANCE;
    }

    private static final class Reader {
        static final ObjectReader INSTANCE = GoldenJson.mapper().readerFor(JsonNode.class)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The streaming factory of the golden-file reader: the same features and limits as {@link #reader()}. */
    static final JsonFactory STREAMING = GoldenJson.factory();

    /** Files are read in slices of this size: one big read would need a temporary native buffer as big as the file. */
    private static final int READ_SLICE = 1 << 20;

    /** How the file is laid out. */
    public enum Format {
        /** One JSON document. */
        JSON,
        /** JSON Lines: one JSON value (a trace event) per line, blank lines allowed. */
        JSONL
    }

    private final Path path;
    private final Format format;
    private final JsonNode document;
    private final byte[] lines;
    private final LineIndex index;

    private LoadedGoldenFile(Path path, Format format, JsonNode document, byte[] lines) {
        this.path = path;
        this.format = format;
        this.document = document;
        this.lines = lines;
        this.index = lines == null ? null : LineIndex.of(lines);
    }

    /** The largest byte array the JVM will allocate. */
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    /**
     * Reads {@code path}; an invalid file is a {@link BadGoldenException} naming the file, line and column, an
     * unreadable one an {@link UnreadableFileException}.
     * The diff holds both files' bytes, so a file larger than a quarter of the JVM heap (or than 2 GB, the largest
     * array) is refused up front as bad input instead of running the JVM out of memory.
     *
     * <p>A JSON document is parsed here; a JSONL file's lines are kept as bytes and parsed when used, so a malformed
     * line is reported by the diff, {@link #tree()} or {@link #element}, not here.
     *
     * @param path the golden file
     * @return the loaded file
     * @throws BadGoldenException if the file is empty, too large, or a {@code .json} file is not one valid document
     * @throws UnreadableFileException if the file does not exist or cannot be read
     */
    public static LoadedGoldenFile read(Path path) {
        return read(path, Math.min(MAX_ARRAY_BYTES, Runtime.getRuntime().maxMemory() / 4));
    }

    /**
     * The two files of a diff, {@code expected} read by a thread of {@code executor} (or by the calling thread, if
     * none has begun it by then) while the calling thread reads {@code actual}. A problem with {@code expected} is
     * thrown first, as when the files are read one after the other.
     *
     * @param expected the golden file
     * @param actual   the replay's file
     * @param executor where {@code expected} may be read; {@code Runnable::run} reads both on the calling thread
     * @return {@code [expected, actual]}
     * @throws BadGoldenException      as {@link #read(Path)}, for {@code expected} first
     * @throws UnreadableFileException as {@link #read(Path)}, for {@code expected} first
     */
    public static List<LoadedGoldenFile> readBoth(Path expected, Path actual, Executor executor) {
        checkNotNull(expected, "expected");
        checkNotNull(actual, "actual");
        OfferedTask<LoadedGoldenFile> first = OfferedTask.offer(executor, () -> read(expected));
        LoadedGoldenFile b;
        try {
            b = read(actual);
        } catch (RuntimeException e) {
            first.join();
            throw e;
        }
        return List.of(first.join(), b);
    }

    static LoadedGoldenFile read(Path path, long maxBytes) {
        try {
            return readWithin(path, maxBytes);
        } catch (OutOfMemoryError e) {
            // the allocation that failed was this file's bytes or tree, which are garbage now
            throw new BadGoldenException(path, "too large to diff in a JVM heap of "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB; raise it with AOS_OPS_JAVA_OPTS=-Xmx...", e);
        }
    }

    private static LoadedGoldenFile readWithin(Path path, long maxBytes) {
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > maxBytes) {
                throw new BadGoldenException(path, "is " + size / (1 << 20) + " MB, more than the " + maxBytes / (1 << 20)
                        + " MB the diff may hold in memory (a quarter of the JVM heap, at most 2 GB); raise the heap"
                        + " with AOS_OPS_JAVA_OPTS=-Xmx... or compare smaller traces");
            }
            bytes = readAll(path);
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException(path, "no such file", e);
        } catch (NotRegularFileException e) {
            throw new UnreadableFileException(path, e.getReason(), e);
        } catch (IOException e) {
            throw new UnreadableFileException(path, "cannot be read: " + e.getMessage(), e);
        }
        if (isBlank(bytes)) {
            throw new BadGoldenException(path, "the file is empty");
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        GoldenFileKind kind = GoldenFileKind.of(name);
        if (kind == GoldenFileKind.ENGINE_TRACE || name.endsWith(".ndjson")) {
            return new LoadedGoldenFile(path, Format.JSONL, null, bytes);
        }
        if (kind.isJsonDocument()) {
            return new LoadedGoldenFile(path, Format.JSON, parse(path, bytes), null);
        }
        try {
            return new LoadedGoldenFile(path, Format.JSON, reader().readTree(bytes), null);
        } catch (IOException e) {
            return new LoadedGoldenFile(path, Format.JSONL, null, bytes);
        }
    }

    private static JsonNode parse(Path path, byte[] bytes) {
        try (JsonParser p = STREAMING.createParser(bytes)) {
            try {
                JsonNode node = reader().readTree(p);
                if (p.nextToken() != null) {
                    JsonLocation at = p.currentTokenLocation();
                    TextPosition position = TextPosition.of(bytes, 0, bytes.length, at.getLineNr(), at.getColumnNr(),
                            null);
                    throw new BadGoldenException(path, position.line(), position.column(),
                            "more than one JSON value in a .json file (one event per line is a .jsonl trace)");
                }
                return node;
            } catch (JsonProcessingException e) {
                // described while the parser is open: a closed parser reports the end of its input as its location
                throw describe(path, bytes, e, p);
            }
        } catch (JsonProcessingException e) {
            throw describe(path, bytes, e, null);
        } catch (IOException e) {
            throw new UnreadableFileException(path, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static BadGoldenException describe(Path path, byte[] bytes, JsonProcessingException e,
                                               JsonParser parser) {
        JsonLocation at = GoldenJson.location(e, parser);
        String problem = GoldenJson.problem(e);
        if (at == null || at.getLineNr() < 1) {
            return new BadGoldenException(path, "invalid JSON: " + problem, e);
        }
        TextPosition position = TextPosition.of(bytes, 0, bytes.length, at.getLineNr(), at.getColumnNr(), problem);
        return new BadGoldenException(path, position.line(), position.column(), problem, e);
    }

    /** The file's bytes, read in slices into one array (as {@link Files#readAllBytes}, whose one read is not). */
    private static byte[] readAll(Path path) throws IOException {
        // A named FIFO, a device or a directory is named, never opened: opening a FIFO would wait for a writer that
        // may never come, and a device can be endless. An anonymous pipe (bash's <(zcat trace.gz), /dev/fd/N) has
        // its writer already, so it is read to its end.
        try (FileChannel channel = anonymousPipe(path) ? FileChannel.open(path) : RegularFile.openChannel(path)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException("too large: " + size + " bytes");
            }
            byte[] bytes = new byte[(int) size];
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int n;
            do {
                buffer.limit(Math.min(bytes.length, buffer.position() + READ_SLICE));
                n = channel.read(buffer);
            } while (n >= 0 && buffer.position() < bytes.length);
            if (buffer.position() < bytes.length) {
                return Arrays.copyOf(bytes, buffer.position());
            }
            // A pipe (size 0) or a file still being written has more: read on to the end.
            ByteBuffer probe = ByteBuffer.allocate(1);
            if (channel.read(probe) <= 0) {
                return bytes;
            }
            byte[] rest = Channels.newInputStream(channel).readAllBytes();
            byte[] all = Arrays.copyOf(bytes, bytes.length + 1 + rest.length);
            all[bytes.length] = probe.get(0);
            System.arraycopy(rest, 0, all, bytes.length + 1, rest.length);
            return all;
        }
    }

    /** Whether {@code path} is a process's descriptor of a pipe ({@code /dev/fd/63} → {@code pipe:[1234]}). */
    static boolean anonymousPipe(Path path) {
        try {
            return Files.isSymbolicLink(path) && Files.readSymbolicLink(path).toString().startsWith("pipe:[");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
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

    /** @return the path the file was read from */
    public Path path() {
        return path;
    }

    /** @return how the file was parsed: one value per line, or one document */
    public Format format() {
        return format;
    }

    /**
     * The whole document; a JSONL file becomes an array of its events (this holds every event in memory).
     *
     * @return for JSON the parsed document itself, shared by every call, which callers must not modify; for JSONL a
     *     new array each call
     * @throws BadGoldenException if a line of a JSONL file is not valid JSON, naming its line and column
     */
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

    /**
     * How many top-level elements the file holds: events for a JSONL trace, elements for a JSON array, 0 for any
     * other document. With {@link #element} it lets a report show a few events without building {@link #tree()}.
     *
     * @return the number of elements, 0 or more; for JSONL the number of non-blank lines, without parsing them
     */
    public int elementCount() {
        if (lines != null) {
            return index.starts().length;
        }
        return document.isArray() ? document.size() : 0;
    }

    /**
     * One top-level element, parsed on demand for a JSONL trace.
     *
     * @param i the 0-based index, less than {@link #elementCount()}
     * @return the element; for a JSON array the node inside the document, which callers must not modify
     * @throws IndexOutOfBoundsException if {@code i} is negative or not less than {@link #elementCount()}
     * @throws BadGoldenException if line {@code i} of a JSONL file is not valid JSON, naming its line and column
     */
    public JsonNode element(int i) {
        checkElementIndex(i, elementCount(), "element");
        return lines != null ? sequence(Set.of()).node(i) : document.get(i);
    }

    JsonlSequence sequence(Set<String> volatileFields) {
        return new JsonlSequence(path, lines, index, volatileFields);
    }

    boolean isLines() {
        return lines != null;
    }
}
