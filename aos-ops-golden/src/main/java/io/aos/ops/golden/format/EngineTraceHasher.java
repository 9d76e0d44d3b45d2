package io.aos.ops.golden.format;

import io.aos.ops.core.AosOpsException;
import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.golden.hash.GoldenCanonicalizer;
import io.aos.ops.golden.hash.Sha256Prefix;
import io.aos.ops.golden.json.GoldenJson;
import io.aos.ops.golden.json.PyJsonOutput;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The fast path for engine traces (format A): recomputes every step's {@code output_hash} straight from the token
 * stream, with no tree per event. The step's {@code output} is canonicalised by
 * {@link GoldenCanonicalizer#outputHashRules()} into one reusable buffer and hashed; everything else in the line is
 * skipped except the few scalars a caller needs (index, ids, seed, stored hash).
 *
 * <p>Same error contract as {@link GoldenTraceReader}: invalid JSON names the file, line and column; a cut-off last
 * line is a {@link TruncatedTraceException} with the count of complete events.
 *
 * <p>Not thread-safe (it reuses one buffer and one digest): use one per thread.
 */
public final class EngineTraceHasher {

    /**
     * What the hasher learns about one {@code step} event. Null where the event lacks the field.
     *
     * @param line           1-based line of the event
     * @param index          {@code data.index}
     * @param stepId         {@code step_id}
     * @param skillId        {@code skill_id}
     * @param seed           the stored per-step seed
     * @param storedHash     the stored {@code output_hash}
     * @param recomputedHash the {@code output_hash} recomputed from the stored output
     * @param badIndex       {@code data.index} as written (JSON) when it is there but not a non-negative integer of
     *                       {@code int} range ({@code index} is then -1); else null
     * @param badSeed        the step's {@code seed} as written (JSON) when it is there but not an integer nor null
     *                       ({@code seed} is then null); else null
     */
    public record StepHash(long line, int index, String stepId, String skillId, BigInteger seed, String storedHash,
                           String recomputedHash, String badIndex, String badSeed) {

        /**
         * A step whose index and seed, where present, are usable.
         *
         * @param line           1-based line of the event
         * @param index          {@code data.index}, or -1
         * @param stepId         {@code step_id}
         * @param skillId        {@code skill_id}
         * @param seed           the stored per-step seed
         * @param storedHash     the stored {@code output_hash}
         * @param recomputedHash the {@code output_hash} recomputed from the stored output
         */
        public StepHash(long line, int index, String stepId, String skillId, BigInteger seed, String storedHash,
                        String recomputedHash) {
            this(line, index, stepId, skillId, seed, storedHash, recomputedHash, null, null);
        }

        /** {@return this step as read at another line (a chunk's line numbers made the file's)} */
        StepHash atLine(long fileLine) {
            return new StepHash(fileLine, index, stepId, skillId, seed, storedHash, recomputedHash, badIndex, badSeed);
        }
    }

    /** Sees every event: steps as {@link StepHash}es, the others (run_start, run_end, unknown) as small trees. */
    public interface Listener {
        /**
         * One {@code step} event, hashed.
         *
         * @param step what the hasher learnt about it
         */
        void step(StepHash step);

        /**
         * A non-step event. Its tree holds the envelope's scalar fields and {@code data}; a step's large fields
         * ({@code inputs}, {@code output}) are never built, so field order may differ from the file's.
         *
         * @param event the event
         */
        void event(GoldenEvent event);
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final GoldenCanonicalizer rules = GoldenCanonicalizer.outputHashRules();
    private final PyJsonOutput buffer = new PyJsonOutput(4096);
    /**
     * The hash of a step's canonical output: the JDK's {@code MessageDigest} gives the same digest, but setting it up
     * (the security providers) costs a short run more than hashing its steps, and {@link CompactStepReader} hashes
     * plain steps with this one already.
     */
    private final Sha256Prefix sha256 = new Sha256Prefix();

    /** A hasher with its own buffer and digest. */
    public EngineTraceHasher() {
    }

    /**
     * Reads an engine trace from {@code in} (closed at the end) and calls {@code sink} for every {@code step} event
     * in file order. Returns the number of events read (of any type).
     *
     * @param in   the trace's bytes
     * @param name the file name errors name
     * @param sink receives each step
     * @return the number of events read
     * @throws io.aos.ops.core.AosOpsException naming the file, line and column if a line is not a JSON object
     * @throws TruncatedTraceException if the last line is cut off (the steps before it have reached {@code sink})
     */
    public long hashSteps(InputStream in, Path name, Consumer<StepHash> sink) {
        checkNotNull(sink, "sink");
        return read(in, name, new Listener() {
            @Override
            public void step(StepHash step) {
                sink.accept(step);
            }

            @Override
            public void event(GoldenEvent event) {
                // only steps wanted
            }
        });
    }

    /**
     * Reads an engine trace from {@code in} (closed at the end), telling {@code listener} about every event.
     *
     * @param in       the trace's bytes
     * @param name     the file name errors name
     * @param listener receives each event
     * @return the number of events read
     * @throws io.aos.ops.core.AosOpsException naming the file, line and column if a line is not a JSON object
     * @throws TruncatedTraceException if the last line is cut off (the events before it have reached {@code listener})
     */
    public long read(InputStream in, Path name, Listener listener) {
        return read(in, name, listener, 0, 0, 0);
    }

    /**
     * {@link #read(InputStream, Path, Listener)} taking over from an earlier reader at a line boundary: {@code in}
     * holds the rest of the trace behind a stand-in for the lines already read (so line numbers come out as in the
     * whole file), {@code eventsBefore} events were read there, the last of them starting at {@code lastLine}, byte
     * {@code lastStart} of {@code in}. Returns the number of events read in all.
     */
    long read(InputStream in, Path name, Listener listener, long eventsBefore, long lastLine, long lastStart) {
        checkNotNull(in, "in");
        checkNotNull(listener, "listener");
        TailTrackingInputStream tail = new TailTrackingInputStream(in);
        long events = eventsBefore;
        long line = lastLine;
        long start = lastStart;
        // the line the last event ended on: the next must start on a later one (in = whole lines, so none yet)
        long endLine = 0;
        try (tail; JsonParser p = GoldenJson.factory().createParser(tail)) {
            try {
                JsonToken token;
                while ((token = p.nextToken()) != null) {
                    JsonLocation at = p.currentTokenLocation();
                    line = at.getLineNr();
                    start = at.getByteOffset();
                    TraceErrors.checkOwnLine(name, tail, at, endLine);
                    if (token != JsonToken.START_OBJECT) {
                        throw TraceErrors.at(name, tail, at,
                                "expected one JSON object per line (an engine trace event), found "
                                        + token.asString());
                    }
                    readEvent(p, line, listener);
                    endLine = p.currentTokenLocation().getLineNr();
                    events++;
                }
                return events;
            } catch (JsonProcessingException e) {
                // described while the parser is open: a closed parser reports the end of its buffer as its location
                throw TraceErrors.describe(name, e, tail, line, start, (int) events, p);
            }
        } catch (JsonProcessingException e) {
            throw TraceErrors.describe(name, e, tail, line, start, (int) events, null);
        } catch (IOException e) {
            throw new UnreadableFileException(name, "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads one event object (the parser stands on its {@code START_OBJECT}) and hands it to the listener, as the
     * event at {@code line}.
     */
    void readEvent(JsonParser p, long line, Listener listener) throws IOException {
        boolean isStep = false;
        Data data = null;
        ObjectNode envelope = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("event_type")) {
                isStep = value == JsonToken.VALUE_STRING && "step".equals(p.getText());
                if (!isStep) {
                    envelope = envelope == null ? NODES.objectNode() : envelope;
                    envelope.set(field, GoldenJson.readTree(p));
                }
            } else if (field.equals("data") && value == JsonToken.START_OBJECT) {
                data = readData(p, line);
            } else if (!isStep && (value.isScalarValue() || envelope != null)) {
                envelope = envelope == null ? NODES.objectNode() : envelope;
                envelope.set(field, GoldenJson.readTree(p));
            } else {
                p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IllegalStateException("unexpected token " + t);
        }
        if (isStep) {
            listener.step(data == null ? new StepHash(line, -1, null, null, null, null, null) : data.step);
        } else {
            envelope = envelope == null ? NODES.objectNode() : envelope;
            envelope.set("data", data == null ? NODES.objectNode() : data.asTree());
            listener.event(new GoldenEvent(envelope, line));
        }
    }

    /** The parts of {@code data} this reader keeps: the step's scalars, and everything small for other events. */
    private record Data(StepHash step, ObjectNode rest) {
        ObjectNode asTree() {
            ObjectNode tree = rest == null ? NODES.objectNode() : rest;
            if (step.index() >= 0) {
                tree.put("index", step.index());
            } else if (step.badIndex() != null) {
                tree.set("index", GoldenJson.readTree(step.badIndex()));
            }
            if (step.seed() != null) {
                tree.put("seed", step.seed());
            } else if (step.badSeed() != null) {
                tree.set("seed", GoldenJson.readTree(step.badSeed()));
            }
            if (step.stepId() != null) {
                tree.put("step_id", step.stepId());
            }
            if (step.skillId() != null) {
                tree.put("skill_id", step.skillId());
            }
            if (step.storedHash() != null) {
                tree.put("output_hash", step.storedHash());
            }
            return tree;
        }
    }

    private Data readData(JsonParser p, long line) throws IOException {
        ObjectNode rest = null;
        int index = -1;
        String stepId = null;
        String skillId = null;
        BigInteger seed = null;
        String stored = null;
        String recomputed = null;
        String badIndex = null;
        String badSeed = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "output" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        buffer.reset();
                        rules.write(p, value, buffer);
                        recomputed = sha256.hex16(buffer.array(), 0, buffer.length());
                    }
                }
                case "output_hash" -> stored = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "index" -> {
                    // (an integer of any size is read without a range check: one out of int's range is named)
                    index = value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                            && p.getIntValue() >= 0 ? p.getIntValue() : -1;
                    badIndex = index < 0 ? GoldenJson.compact(GoldenJson.readTree(p)) : null;
                }
                case "seed" -> {
                    seed = value == JsonToken.VALUE_NUMBER_INT ? p.getBigIntegerValue() : null;
                    badSeed = seed == null && value != JsonToken.VALUE_NULL
                            ? GoldenJson.compact(GoldenJson.readTree(p)) : null;
                }
                case "step_id" -> stepId = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "skill_id" -> skillId = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "inputs" -> p.skipChildren();
                default -> {
                    // Small fields (success, error_code, status, spec_*, budget_snapshot): kept for non-step events.
                    rest = rest == null ? NODES.objectNode() : rest;
                    rest.set(field, GoldenJson.readTree(p));
                }
            }
        }
        return new Data(new StepHash(line, index, stepId, skillId, seed, stored, recomputed, badIndex, badSeed),
                rest);
    }
}
