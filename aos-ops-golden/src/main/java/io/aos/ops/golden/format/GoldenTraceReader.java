package io.aos.ops.golden.format;

import io.aos.ops.core.AosOpsException;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.json.TextPosition;
import io.aos.ops.golden.json.GoldenJson;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Reads a golden trace of either format, one step at a time: open a file or stream, get the {@link #header()},
 * iterate the {@link #steps()}, then get the {@link #end()}. Engine traces (A) are streamed event by event, so a
 * trace of any length is read in the memory of one event; simulation goldens (B) are a few hundred bytes and are
 * read whole (up to {@link #MAX_SIMULATION_BYTES}).
 *
 * <p>Problems are {@link BadGoldenException}s (bad content) or {@link io.aos.ops.core.UnreadableFileException}s
 * (I/O) naming the file: invalid JSON gives the line and column, a cut-off last line is a
 * {@link TruncatedTraceException} with the number of complete events before it. Engine events other than the
 * first {@code run_start}, the steps and the last {@code run_end} (a second {@code run_start} from a resumed run,
 * unknown event types) are kept in {@link #otherEvents()}.
 *
 * <p>Not thread-safe. Close it (try-with-resources) to release the file.
 */
public final class GoldenTraceReader implements Closeable {

    /** A simulation golden is ~400 bytes; anything this large is not one, and is refused rather than loaded. */
    public static final long MAX_SIMULATION_BYTES = 64L << 20;

    private final Path source;
    private final TraceFormat format;
    private final Closeable resource;

    // engine (A) streaming state
    private final TailTrackingInputStream tail;
    private final JsonParser parser;
    private GoldenEvent pending;
    private boolean exhausted;
    private int eventsRead;
    /** The line the last event ended on (0 before the first): the next event starts on a later line. */
    private long endLine;
    private final List<GoldenEvent> otherEvents = new ArrayList<>();
    private final List<GoldenEvent> events;

    // both
    private RunHeader header;
    private RunEnd end;
    private GoldenEvent endEvent;
    private final List<TraceStep> simulationSteps;
    private int stepPosition;

    private GoldenTraceReader(Path source, TraceFormat format, InputStream in, boolean keepEvents) throws IOException {
        this.source = source;
        this.format = format;
        this.resource = in;
        this.events = keepEvents ? new ArrayList<>() : null;
        if (format == TraceFormat.ENGINE_JSONL) {
            this.tail = new TailTrackingInputStream(in);
            this.parser = GoldenJson.factory().createParser(tail);
            this.simulationSteps = null;
            GoldenEvent first = nextEvent();
            if (first != null && first.isRunStart()) {
                header = new RunHeader(format, first.raw());
            } else {
                pending = first;
            }
        } else {
            this.tail = null;
            this.parser = null;
            ObjectNode golden = readSimulation(in);
            this.header = new RunHeader(format, golden);
            this.end = new RunEnd(format, golden);
            JsonNode hashes = golden.path("step_hashes");
            List<TraceStep> steps = new ArrayList<>(hashes.size());
            for (JsonNode entry : hashes) {
                steps.add(TraceStep.simulation(steps.size(), entry.asText()));
            }
            this.simulationSteps = steps;
        }
    }

    /**
     * Opens a trace file, choosing the format by file name and then by content.
     *
     * @param file the trace file
     * @return a reader positioned after the header; the caller closes it
     * @throws io.aos.ops.core.AosOpsException naming the file if it is missing or unreadable, or (with line and column) if
     *         its first event or object is not valid JSON
     */
    public static GoldenTraceReader open(Path file) {
        return open(file, false);
    }

    static GoldenTraceReader open(Path file, boolean keepEvents) {
        checkNotNull(file, "file");
        TraceFormat format = TraceFormat.fromFileName(file).orElseGet(() -> sniff(file));
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            return new GoldenTraceReader(file, format, in, keepEvents);
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException(file, "no such file", e);
        } catch (IOException e) {
            closeQuietly(in);
            throw new UnreadableFileException(file, "cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /**
     * Reads a trace of a known format from a stream; {@code name} is used in error messages. Closes the stream.
     *
     * <p>An engine trace's bad JSON is named at its line and character column, computed from the bytes the reader
     * still holds (its last buffer of some kilobytes, not a copy, and the start of the line in progress before it,
     * up to 1 MiB). When the bad line began more than 1 MiB before that buffer, the column is computed from
     * {@code name} read again if it is a regular file, and is otherwise the parser's byte column (the bytes from the
     * line start to the error).
     *
     * @param in     the trace's bytes
     * @param name   the name errors use
     * @param format the format the bytes are in
     * @return a reader positioned after the header; the caller closes it
     * @throws io.aos.ops.core.AosOpsException naming {@code name} if the stream cannot be read or its start is not valid
     *         JSON
     */
    public static GoldenTraceReader open(InputStream in, String name, TraceFormat format) {
        checkNotNull(in, "in");
        checkNotNull(format, "format");
        Path source = Path.of(checkNotNull(name, "name"));
        try {
            return new GoldenTraceReader(source, format, in, false);
        } catch (IOException e) {
            closeQuietly(in);
            throw new UnreadableFileException(source, "cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /**
     * Reads a whole trace into memory: for small traces, tests and writers.
     *
     * @param file the trace file
     * @return the whole trace
     * @throws io.aos.ops.core.AosOpsException naming the file (and the line and column of bad JSON) if it cannot be read
     * @throws TruncatedTraceException if an engine trace's last line is cut off
     */
    public static GoldenTrace readAll(Path file) {
        try (GoldenTraceReader reader = open(file, true)) {
            return reader.readRest();
        }
    }

    /**
     * Reads the rest of this trace into memory.
     *
     * @return the steps not read yet, with the header, end and other events
     * @throws io.aos.ops.core.AosOpsException naming the file, line and column of bad JSON
     * @throws TruncatedTraceException if an engine trace's last line is cut off
     */
    public GoldenTrace readRest() {
        List<TraceStep> steps = new ArrayList<>();
        for (TraceStep step : steps()) {
            steps.add(step);
        }
        Optional<ObjectNode> simulationObject = format == TraceFormat.SIMULATION_JSON
                ? Optional.of((ObjectNode) header.raw()) : Optional.empty();
        return new GoldenTrace(source, format, Optional.ofNullable(header), steps, end(), otherEvents,
                events == null ? List.of() : List.copyOf(events), simulationObject);
    }

    /** {@return where the trace is read from (the name given for a stream)} */
    public Path source() {
        return source;
    }

    /** {@return the trace's format} */
    public TraceFormat format() {
        return format;
    }

    /**
     * The run header; empty for an engine trace that does not start with {@code run_start}.
     *
     * @return the header
     */
    public Optional<RunHeader> header() {
        return Optional.ofNullable(header);
    }

    /**
     * The steps still to read, in file order. Iterate once.
     *
     * @return the steps, read as they are iterated; reading errors are thrown by the iterator as by {@link #nextStep()}
     */
    public Iterable<TraceStep> steps() {
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return hasNextStep();
            }

            @Override
            public TraceStep next() {
                return nextStep();
            }
        };
    }

    /**
     * Whether another step follows, reading ahead past non-step events.
     *
     * @return whether {@link #nextStep()} has a step to return
     * @throws io.aos.ops.core.AosOpsException naming the file, line and column of bad JSON
     * @throws TruncatedTraceException if an engine trace's last line is cut off
     */
    public boolean hasNextStep() {
        if (format == TraceFormat.SIMULATION_JSON) {
            return stepPosition < simulationSteps.size();
        }
        while (true) {
            if (pending == null) {
                pending = nextEvent();
                if (pending == null) {
                    return false;
                }
            }
            if (pending.isStep()) {
                return true;
            }
            if (pending.isRunEnd()) {
                if (endEvent != null) {
                    // An earlier run_end followed by more events: a resumed run. The last one is the end.
                    otherEvents.add(endEvent);
                }
                endEvent = pending;
                end = new RunEnd(format, pending.raw());
            } else if (pending.isRunStart() && header == null) {
                header = new RunHeader(format, pending.raw());
            } else {
                otherEvents.add(pending);
            }
            pending = null;
        }
    }

    /**
     * The next step in file order.
     *
     * @return the step
     * @throws NoSuchElementException if there is none
     * @throws io.aos.ops.core.AosOpsException naming the file, line and column of bad JSON
     * @throws TruncatedTraceException if an engine trace's last line is cut off
     */
    public TraceStep nextStep() {
        if (!hasNextStep()) {
            throw new NoSuchElementException("no more steps in " + source);
        }
        if (format == TraceFormat.SIMULATION_JSON) {
            return simulationSteps.get(stepPosition++);
        }
        GoldenEvent step = pending;
        pending = null;
        return new TraceStep(format, stepPosition++, step.raw(), step.line());
    }

    /**
     * How the run ended. Known once the steps are read: call after iterating. Empty for an engine trace without
     * {@code run_end} (a run that is still going, or crashed).
     *
     * @return how the run ended, as far as read
     */
    public Optional<RunEnd> end() {
        checkState(!hasNextStep(), "read the steps before asking for the end of %s", source);
        return Optional.ofNullable(end);
    }

    /**
     * Engine events that are neither the header, a step nor the final {@code run_end}, in file order.
     *
     * @return the events read so far
     */
    public List<GoldenEvent> otherEvents() {
        return Collections.unmodifiableList(otherEvents);
    }

    /**
     * Events (A) or objects (B) read so far.
     *
     * @return the count
     */
    public int eventsRead() {
        return format == TraceFormat.ENGINE_JSONL ? eventsRead : 1;
    }

    @Override
    public void close() {
        try {
            if (parser != null) {
                parser.close();
            }
            resource.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- engine (A) --------------------------------------------------------------------------------------------

    private GoldenEvent nextEvent() {
        if (exhausted) {
            return null;
        }
        long line = 0;
        long startOffset = 0;
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                exhausted = true;
                return null;
            }
            JsonLocation at = parser.currentTokenLocation();
            line = at.getLineNr();
            startOffset = at.getByteOffset();
            TraceErrors.checkOwnLine(source, tail, at, endLine);
            if (token != JsonToken.START_OBJECT) {
                throw TraceErrors.at(source, tail, at,
                        "expected one JSON object per line (an engine trace event), found " + token.asString());
            }
            // (the tree as the mapper reads it, without setting up data binding: GoldenJson.readTree)
            JsonNode node = GoldenJson.readTree(parser);
            endLine = parser.currentTokenLocation().getLineNr();
            GoldenEvent event = new GoldenEvent((ObjectNode) node, line);
            eventsRead++;
            if (events != null) {
                events.add(event);
            }
            return event;
        } catch (JsonProcessingException e) {
            exhausted = true;
            throw TraceErrors.describe(source, e, tail, line, startOffset, eventsRead, parser);
        } catch (IOException e) {
            exhausted = true;
            throw new UnreadableFileException(source, "cannot be read: " + e.getMessage(), e);
        }
    }

    // ---- simulation (B) ----------------------------------------------------------------------------------------

    private ObjectNode readSimulation(InputStream in) throws IOException {
        byte[] content = in.readNBytes((int) MAX_SIMULATION_BYTES + 1);
        if (content.length > MAX_SIMULATION_BYTES) {
            throw new BadGoldenException(source, "larger than " + (MAX_SIMULATION_BYTES >> 20)
                    + " MB, too large for a simulation golden (.golden.json); is it an engine trace?");
        }
        JsonNode node;
        JsonLocation failedAt = null;
        try (JsonParser p = GoldenJson.factory().createParser(content)) {
            try {
                // as mapper().readTree(p) reads it (null for no content), without data binding
                node = p.nextToken() == null ? null : GoldenJson.readTree(p);
            } catch (JsonProcessingException e) {
                // where the parser stood, taken before closing it moves it to the end of its input
                failedAt = GoldenJson.location(e, p);
                throw e;
            }
            if (node != null && p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                TextPosition position = TextPosition.of(content, 0, content.length, at.getLineNr(),
                        at.getColumnNr(), null);
                throw new BadGoldenException(source, position.line(), position.column(),
                        "more than one JSON value; a simulation golden is one object (is it an engine trace?)");
            }
        } catch (JsonProcessingException e) {
            JsonLocation location = failedAt != null ? failedAt : GoldenJson.location(e);
            String problem = GoldenJson.problem(e);
            TextPosition at = location == null ? new TextPosition(1, 1)
                    : TextPosition.of(content, 0, content.length, location.getLineNr(), location.getColumnNr(), problem);
            throw new BadGoldenException(source, at.line(), at.column(), problem, e);
        }
        if (node == null || node.isMissingNode()) {
            throw new BadGoldenException(source, "empty file, not a simulation golden");
        }
        if (!node.isObject()) {
            throw new BadGoldenException(source, "not a simulation golden: the top level is "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not an object");
        }
        if (!node.path("step_hashes").isArray()) {
            throw new BadGoldenException(source, "not a simulation golden: no step_hashes array");
        }
        return (ObjectNode) node;
    }

    // ---- format detection by content ---------------------------------------------------------------------------

    /** Decides the format of a file whose name says nothing: the first JSON object's fields tell. */
    static TraceFormat sniff(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             JsonParser p = GoldenJson.factory().createParser(in)) {
            JsonToken token = p.nextToken();
            if (token == null) {
                throw new BadGoldenException(file, "empty file, not a golden trace");
            }
            if (token != JsonToken.START_OBJECT) {
                throw new BadGoldenException(file, "not a golden trace: it does not start with a JSON object");
            }
            int depth = 0;
            while ((token = p.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && depth == 0) {
                    String name = p.currentName();
                    if (name.equals("event_type")) {
                        return TraceFormat.ENGINE_JSONL;
                    }
                    if (name.equals("step_hashes") || name.equals("workflow_hash")
                            || name.equals("workflow_type")) {
                        return TraceFormat.SIMULATION_JSON;
                    }
                } else if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                }
            }
            throw new BadGoldenException(file, "not a golden trace: its first object has neither event_type "
                    + "(engine trace) nor step_hashes (simulation golden)");
        } catch (NoSuchFileException e) {
            throw new UnreadableFileException(file, "no such file", e);
        } catch (JsonProcessingException e) {
            JsonLocation location = GoldenJson.location(e);
            String problem = GoldenJson.problem(e);
            TextPosition at = location == null ? new TextPosition(1, 1)
                    : TextPosition.inFile(file, location.getLineNr(), location.getColumnNr(), problem);
            throw new BadGoldenException(file, at.line(), at.column(), problem, e);
        } catch (IOException e) {
            throw new UnreadableFileException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }
}
