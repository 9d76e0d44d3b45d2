package io.aos.ops.golden.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.concurrent.OfferedTask;
import io.aos.ops.golden.hash.StepSeeds;
import io.aos.ops.golden.json.GoldenJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigInteger;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads an engine trace (format A) in chunks of whole lines and hashes the chunks on an executor, several at once,
 * while the calling thread hands the events to the listener in file order. Lines are independent (one event each),
 * so a chunk that starts at a line boundary parses exactly as that part of the file does in one pass.
 *
 * <p><b>The result is the sequential reader's, always.</b> A chunk is used only if it is plain: it starts like UTF-8
 * text and holds nothing but complete JSON objects (any layout within it); its line breaks, counted by the parser as
 * the parser counts them in one pass, number the next chunk's lines. Anything else in a chunk (invalid JSON, a cut-off
 * last line, a value that is not an object, a line longer than {@link #MAX_GROWTH} chunks, a failure of any kind while
 * hashing it) stops the parallel pass there: the events before that chunk have been delivered, and
 * {@link EngineTraceHasher#read(InputStream, Path, EngineTraceHasher.Listener, long, long, long)} reads the rest
 * behind blank lines that stand in for what was read, so errors name the same line and column, and the first error
 * in file order is the one reported, exactly as before.
 *
 * <p>Memory stays bounded: at most {@link #IN_FLIGHT} chunks are read ahead. Work runs only on the executor the
 * caller gives and on the calling thread; a trace that fits one chunk never leaves the calling thread.
 */
final class ChunkedEngineReader {

    /**
     * Bytes per chunk: about 450 steps of a typical trace, small enough to keep every core busy to the end. What is
     * read ahead ({@link #IN_FLIGHT} chunks and their hashed steps) is alive at every young collection, and the serial
     * collector of a short command copies it into the old generation, whose pages are touched for the first time:
     * with 1 MB chunks, 8 in flight, a 58 MB trace spent 130 ms in collection pauses, now about 30 ms
     * (docs/PERFORMANCE.md).
     */
    static final int CHUNK_BYTES = 1 << 18;
    /**
     * A chunk grows to hold a line longer than the chunk size up to this many times that size (4 MB); a longer line is
     * read by the sequential reader, which needs no buffer of a line's size.
     */
    static final int MAX_GROWTH = 16;
    /** Chunks read ahead of the one being delivered, at most; also in bytes, as this many chunk sizes. */
    static final int IN_FLIGHT = 4;

    /** Sees the events in file order; a step comes with its seed derived from a guessed base seed. */
    interface Sink extends EngineTraceHasher.Listener {
        /**
         * One step event.
         *
         * @param step     the step
         * @param hintSeed the base seed {@code derived} was derived from, or null
         * @param derived  {@code GoldenHashes.stepSeed(hintSeed, step.index())}, or null if not derived
         */
        void step(EngineTraceHasher.StepHash step, BigInteger hintSeed, BigInteger derived);

        @Override
        default void step(EngineTraceHasher.StepHash step) {
            step(step, null, null);
        }
    }

    /** One event of a chunk; {@code line} is counted from the chunk's first line (1). */
    private record Item(EngineTraceHasher.StepHash step, GoldenEvent event, BigInteger derived) {
    }

    /** A run of whole lines and, once hashed, what it held. */
    private static final class Chunk {
        final byte[] buf;
        final int length;
        final long offset;
        /** The base seed the chunk's step seeds are derived from, or null. */
        final BigInteger hint;
        /** The chunk's hashing offered to the executor; null for one hashed on the calling thread (done when queued). */
        OfferedTask<Void> done;
        /** Set by the worker only for a plain chunk. */
        List<Item> items;
        /** Line breaks in the chunk (a plain chunk's lines, when it ends with a newline). */
        int breaks;

        Chunk(byte[] buf, int length, long offset, BigInteger hint) {
            this.buf = buf;
            this.length = length;
            this.offset = offset;
            this.hint = hint;
        }
    }

    private final Path file;
    private final Executor executor;
    private final Sink sink;
    private final int chunkBytes;
    private final int maxChunkBytes;
    private final long maxPendingBytes;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ArrayDeque<Chunk> pending = new ArrayDeque<>();
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    private long pendingBytes;
    private BigInteger hint;
    private boolean hinted;
    /** Where the next chunk to deliver starts: its offset and line, the events and last event line before it. */
    private long nextOffset;
    private long nextLine = 1;
    private long events;
    private long lastLine;

    private ChunkedEngineReader(Path file, Executor executor, Sink sink, int chunkBytes) {
        this.file = file;
        this.executor = executor;
        this.sink = sink;
        this.chunkBytes = chunkBytes;
        this.maxChunkBytes = (int) Math.min(Integer.MAX_VALUE - 16, (long) chunkBytes * MAX_GROWTH);
        this.maxPendingBytes = (long) chunkBytes * IN_FLIGHT;
    }

    /**
     * Reads {@code in} (the bytes of the regular file {@code file}, from its start; closed by the caller) and
     * tells {@code sink} about every event in file order, as {@link EngineTraceHasher#read} would.
     *
     * @return the number of events read
     * @throws io.aos.ops.core.AosOpsException as {@link EngineTraceHasher#read}
     */
    static long read(InputStream in, Path file, Executor executor, Sink sink) {
        return read(in, file, executor, sink, CHUNK_BYTES);
    }

    /** As {@link #read(InputStream, Path, Executor, Sink)} with chunks of {@code chunkBytes} (tests use small ones). */
    static long read(InputStream in, Path file, Executor executor, Sink sink, int chunkBytes) {
        ChunkedEngineReader reader = new ChunkedEngineReader(file, executor, sink, chunkBytes);
        try {
            return reader.run(in);
        } finally {
            reader.stop.set(true);
        }
    }

    private long run(InputStream in) {
        byte[] buf = new byte[chunkBytes];
        int filled = 0;
        long offset = 0;
        while (true) {
            boolean eof;
            try {
                int n = in.readNBytes(buf, filled, buf.length - filled);
                filled += n;
                eof = filled < buf.length;
            } catch (IOException e) {
                // the sequential reader reads from the first undelivered chunk and reports it as it always did
                return drainThenFallBack();
            }
            if (eof && filled == 0) {
                while (!pending.isEmpty()) {
                    if (!deliver(pending.poll())) {
                        return fallBack();
                    }
                }
                return events;
            }
            int cut = eof ? filled : lastNewline(buf, filled) + 1;
            if (cut == 0) {
                if (buf.length >= maxChunkBytes) {
                    return drainThenFallBack();
                }
                buf = Arrays.copyOf(buf, (int) Math.min(maxChunkBytes, buf.length * 2L));
                continue;
            }
            Chunk chunk = new Chunk(buf, cut, offset, hint);
            if (eof && pending.isEmpty()) {
                // the whole (rest of the) trace is one chunk: no point handing it to another thread (nor starting the
                // executor's pool: a short trace's start-up)
                hash(chunk);
            } else {
                submit(chunk);
            }
            pending.add(chunk);
            pendingBytes += cut;
            if (!hinted && !eof) {
                // while the first chunk is hashed (its seeds are derived here, as it goes by): the later ones derive
                // their seeds as they hash (a trace that ends in its first chunk has none)
                hinted = true;
                hint = baseSeedHint(buf, cut);
            }
            offset += cut;
            int rest = filled - cut;
            byte[] next = spare.isEmpty() || spare.peek().length < Math.max(rest + 1, chunkBytes)
                    ? new byte[(int) Math.min(maxChunkBytes, Math.max(chunkBytes, rest * 2L))] : spare.poll();
            System.arraycopy(buf, cut, next, 0, rest);
            buf = next;
            filled = rest;
            while (!pending.isEmpty() && (eof || pending.size() >= IN_FLIGHT || pendingBytes >= maxPendingBytes)) {
                if (!deliver(pending.poll())) {
                    return fallBack();
                }
            }
            if (eof) {
                return events;
            }
        }
    }

    /** Delivers what was read ahead as far as it is plain, then reads the rest with the sequential reader. */
    private long drainThenFallBack() {
        while (!pending.isEmpty() && deliver(pending.poll())) {
            // delivered
        }
        return fallBack();
    }

    /** Offers the chunk's hashing to the executor; the calling thread hashes it in deliver if no thread has begun. */
    private void submit(Chunk chunk) {
        chunk.done = OfferedTask.offer(executor, () -> hash(chunk));
    }

    /** Hands a chunk's events to the sink; false if the chunk is not plain (nothing of it was delivered). */
    private boolean deliver(Chunk chunk) {
        pendingBytes -= chunk.length;
        try {
            if (chunk.done != null) {
                chunk.done.join();
            }
        } catch (RuntimeException | Error e) {
            // whatever failed while hashing it (a stack too deep for a nesting, say): the sequential reader reads
            // from this chunk on and reports what it finds
            return false;
        }
        if (chunk.items == null) {
            return false;
        }
        long first = nextLine;
        for (Item item : chunk.items) {
            if (item.step() != null) {
                EngineTraceHasher.StepHash s = item.step();
                long line = first + s.line() - 1;
                sink.step(s.atLine(line), chunk.hint, item.derived());
                lastLine = line;
            } else {
                long line = first + item.event().line() - 1;
                sink.event(new GoldenEvent(item.event().raw(), line));
                lastLine = line;
            }
            events++;
        }
        nextLine += chunk.breaks;
        nextOffset = chunk.offset + chunk.length;
        if (chunk.buf.length == chunkBytes && spare.size() < IN_FLIGHT) {
            spare.push(chunk.buf);
        }
        return true;
    }

    /**
     * The sequential reader from the first chunk not delivered to the end: behind blank lines that stand in for the
     * lines delivered (four spaces first, so the parser never takes the start for another encoding's mark), so lines,
     * columns and the error checks come out as in one pass over the whole file.
     */
    private long fallBack() {
        stop.set(true);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            InputStream rest;
            try {
                rest = Channels.newInputStream(channel.position(nextOffset));
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            InputStream in = nextOffset == 0 ? rest
                    : new SequenceInputStream(new BlankLines(nextLine - 1), rest);
            // in the stand-in, line L ends at byte PAD + L - 1: an event of line L is taken to start there
            long lastStart = lastLine == 0 ? 0 : BlankLines.PAD + lastLine - 1;
            return new EngineTraceHasher().read(in, file, sink, events, lastLine, lastStart);
        } catch (IOException e) {
            throw new UnreadableFileException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Parses and hashes one chunk on whichever thread runs it; leaves {@code items} null unless it is plain. Line by
     * line: a step line in the plain shape is read by {@link CompactStepReader}, any other line by the parser on its
     * own (a line holds whole events, as the chunk holds whole lines), and from a line the parser cannot read alone
     * (an event over several lines, bad JSON) the parser reads the rest of the chunk, as it read whole chunks before.
     */
    private void hash(Chunk chunk) {
        if (stop.get() || !plainStart(chunk.buf, chunk.length)) {
            return;
        }
        List<Item> items = new ArrayList<>();
        StepSeeds seeds = chunk.hint == null ? null : StepSeeds.of(chunk.hint);
        EngineTraceHasher.Listener collect = new EngineTraceHasher.Listener() {
            @Override
            public void step(EngineTraceHasher.StepHash s) {
                BigInteger derived = seeds != null && s.index() >= 0 && s.seed() != null
                        ? seeds.seed(s.index(), s.seed()) : null;
                items.add(new Item(s, null, derived));
            }

            @Override
            public void event(GoldenEvent event) {
                items.add(new Item(null, event, null));
            }
        };
        CompactStepReader compact = new CompactStepReader();
        // the parser's hasher, for the lines that are not plain steps (set up at the first: most chunks have none)
        EngineTraceHasher hasher = null;
        byte[] buf = chunk.buf;
        int length = chunk.length;
        int at = 0;
        // line breaks before the line at 'at': every line so far ended with a newline and held no carriage return
        int breaks = 0;
        while (at < length) {
            if (stop.get()) {
                return;
            }
            // a plain step line is read to its end without a scan for the line break first (most lines are)
            EngineTraceHasher.StepHash step = compact.read(buf, at, length, breaks + 1L);
            int end;
            if (step != null) {
                collect.step(step);
                end = compact.lineEnd();
            } else {
                end = at;
                while (end < length && buf[end] != '\n') {
                    end++;
                }
                if (end > at) {
                    int next = end < length ? end + 1 : end;
                    if (hasher == null) {
                        hasher = new EngineTraceHasher();
                    }
                    int before = items.size();
                    int lineBreaks = parse(hasher, buf, at, next - at, breaks, collect);
                    if (lineBreaks < 0) {
                        // not one line of whole events: the parser reads the rest of the chunk (the old way)
                        items.subList(before, items.size()).clear();
                        int restBreaks = parse(hasher, buf, at, length - at, breaks, collect);
                        if (restBreaks >= 0) {
                            chunk.breaks = breaks + restBreaks;
                            chunk.items = items;
                        }
                        return;
                    }
                    breaks += lineBreaks;
                    at = next;
                    continue;
                }
            }
            if (end < length) {
                breaks++;
                at = end + 1;
            } else {
                at = end;
            }
        }
        chunk.breaks = breaks;
        chunk.items = items;
    }

    /**
     * The parser over {@code [from, from + count)}, whose first line is line {@code breaksBefore + 1} of the chunk:
     * every event to {@code collect}; returns the line breaks it counted, or -1 if the bytes are not plain (not all
     * whole objects, or bad JSON).
     */
    private int parse(EngineTraceHasher hasher, byte[] buf, int from, int count, int breaksBefore,
                      EngineTraceHasher.Listener collect) {
        if (!plainStart(buf, from, count)) {
            return -1;
        }
        try (JsonParser p = GoldenJson.factory().createParser(buf, from, count)) {
            JsonToken token;
            long endLine = 0;
            while ((token = p.nextToken()) != null) {
                int line = p.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT || line == endLine || stop.get()) {
                    // (an event on the line where the one before ended: the sequential reader names it)
                    return -1;
                }
                hasher.readEvent(p, breaksBefore + line, collect);
                endLine = p.currentTokenLocation().getLineNr();
            }
            // the parser's own count (a lone \r is a line break to it): the next lines follow on from it
            return p.currentLocation().getLineNr() - 1;
        } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // not plain: the sequential reader takes over at this chunk and reports what is wrong with it
            return -1;
        }
    }

    /**
     * The base seed of a trace whose first line is a {@code run_start}, or null: steps are hashed with their seed
     * derived from it, and the audit uses those seeds only if the trace's base seed turns out to be this one.
     */
    private static BigInteger baseSeedHint(byte[] buf, int length) {
        int end = 0;
        while (end < length && buf[end] != '\n') {
            end++;
        }
        if (!plainStart(buf, end)) {
            return null;
        }
        GoldenEvent[] first = new GoldenEvent[1];
        try (JsonParser p = GoldenJson.factory().createParser(buf, 0, end)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                new EngineTraceHasher().readEvent(p, 1, new EngineTraceHasher.Listener() {
                    @Override
                    public void step(EngineTraceHasher.StepHash step) {
                    }

                    @Override
                    public void event(GoldenEvent event) {
                        first[0] = event;
                    }
                });
            }
        } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return null;
        }
        return first[0] != null && first[0].isRunStart()
                ? new RunHeader(TraceFormat.ENGINE_JSONL, first[0].raw()).seed().orElse(null) : null;
    }

    /**
     * Whether the parser reads these bytes as UTF-8 from their first byte, as it reads them in the middle of the file:
     * it guesses the encoding from the first four bytes, and a zero byte or the start of a byte order mark there
     * would make it guess otherwise.
     */
    static boolean plainStart(byte[] buf, int length) {
        return plainStart(buf, 0, length);
    }

    /** {@link #plainStart(byte[], int)} for the {@code length} bytes at {@code from}. */
    static boolean plainStart(byte[] buf, int from, int length) {
        if (length == 0) {
            return true;
        }
        int b0 = buf[from] & 0xff;
        if (b0 == 0xef || b0 == 0xfe || b0 == 0xff) {
            return false;
        }
        for (int i = from; i < from + Math.min(4, length); i++) {
            if (buf[i] == 0) {
                return false;
            }
        }
        return true;
    }

    private static int lastNewline(byte[] buf, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** {@link #PAD} spaces, then {@code lines} newlines: the stand-in for the lines already delivered. */
    private static final class BlankLines extends InputStream {
        static final int PAD = 4;
        private final long total;
        private long position;

        BlankLines(long lines) {
            this.total = PAD + lines;
        }

        @Override
        public int read() {
            if (position >= total) {
                return -1;
            }
            return position++ < PAD ? ' ' : '\n';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = position++ < PAD ? (byte) ' ' : (byte) '\n';
            }
            return n;
        }
    }
}
