package io.aos.ops.golden.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.golden.hash.GoldenHashes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential property: an engine trace hashed in chunks on a thread pool ({@link TraceAuditor#withExecutor}) gives
 * exactly what one pass on the calling thread gives (the oracle): the same audit (counts, kept steps, seeds, problems,
 * the error with its line and column, the truncation flag), the same listener calls in the same order, the same events
 * with the same line numbers, and the same exception. Traces are random: random step outputs (nested, unicode,
 * floats, keys that lowercase alike, volatile keys), tampered hashes and seeds, steps out of order, blank lines, CRLF
 * and lone CR line ends, events split over lines or sharing one, a byte order mark, invalid JSON and values that are
 * not objects at random spots, cut-off last lines, lines longer than a chunk. Chunks are tiny so that their edges fall
 * everywhere.
 */
class ChunkedTraceAuditPropertyTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static ExecutorService pool;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "chunk-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * Also, for every fifth trace, with executors that do not run what they are given when the caller needs it
     * (never, only by rejecting it, or only after the audit): that costs no answer and no hang, since the calling
     * thread hashes every chunk no thread has begun.
     */
    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void chunkedAuditIsTheSequentialAudit() throws Exception {
        Random r = new Random(20261202L);
        List<Runnable> late = new ArrayList<>();
        List<Executor> idle = List.of(
                task -> { }, // never runs what it is given
                task -> {
                    throw new RejectedExecutionException("full");
                },
                late::add);
        for (int i = 0; i < 400; i++) {
            byte[] trace = randomTrace(r);
            Path file = tmp.resolve("t" + i + ".steps.jsonl");
            Files.write(file, trace);
            int chunk = 16 + r.nextInt(r.nextBoolean() ? 200 : 3000);
            String why = "trace " + i + ", chunks of " + chunk + ":\n" + new String(trace, StandardCharsets.ISO_8859_1);

            List<Object> oneByOne = new ArrayList<>();
            TraceAudit expected = TraceAuditor.hashesOnly().audit(file, recorder(oneByOne));
            List<Object> chunked = new ArrayList<>();
            TraceAudit actual = TraceAuditor.hashesOnly().withExecutor(pool, chunk).audit(file, recorder(chunked));

            assertThat(actual).as(why).isEqualTo(expected);
            assertThat(chunked).as(why).isEqualTo(oneByOne);
            for (int e = 0; i % 5 == 0 && e < idle.size(); e++) {
                List<Object> calls = new ArrayList<>();
                assertThat(TraceAuditor.hashesOnly().withExecutor(idle.get(e), chunk).audit(file, recorder(calls)))
                        .as("idle executor %s, %s", e, why).isEqualTo(expected);
                assertThat(calls).as("idle executor %s, %s", e, why).isEqualTo(oneByOne);
            }
            late.forEach(Runnable::run); // hashed already: runs nothing again
            late.clear();
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anAuditOnTheOnlyThreadOfItsOwnExecutorEnds() throws Exception {
        Random r = new Random(11L);
        Path file = tmp.resolve("own.steps.jsonl");
        Files.write(file, randomTrace(r));
        TraceAudit expected = TraceAuditor.hashesOnly().audit(file);
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            TraceAuditor auditor = TraceAuditor.hashesOnly().withExecutor(single, 64);
            assertThat(single.submit(() -> auditor.audit(file)).get()).isEqualTo(expected);
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void chunkedReaderGivesTheSequentialEventsAndError() throws Exception {
        Random r = new Random(7_0001L);
        for (int i = 0; i < 400; i++) {
            byte[] trace = randomTrace(r);
            Path file = tmp.resolve("e" + i + ".steps.jsonl");
            Files.write(file, trace);
            int chunk = 16 + r.nextInt(1000);
            String why = "trace " + i + ", chunks of " + chunk + ":\n" + new String(trace, StandardCharsets.ISO_8859_1);

            List<Object> oneByOne = new ArrayList<>();
            Throwable expected = failure(() -> new EngineTraceHasher().read(new ByteArrayInputStream(trace), file,
                    sink(oneByOne)));
            List<Object> chunked = new ArrayList<>();
            Throwable actual = failure(() -> {
                try (var in = Files.newInputStream(file)) {
                    ChunkedEngineReader.read(in, file, pool, sink(chunked), chunk);
                }
            });

            assertThat(chunked).as(why).isEqualTo(oneByOne);
            if (expected == null) {
                assertThat(actual).as(why).isNull();
            } else {
                assertThat(actual).as(why).isNotNull().hasSameClassAs(expected).hasMessage(expected.getMessage());
                BadGoldenException want = (BadGoldenException) expected;
                BadGoldenException got = (BadGoldenException) actual;
                assertThat(got.line()).as(why).isEqualTo(want.line());
                assertThat(got.column()).as(why).isEqualTo(want.column());
                if (want instanceof TruncatedTraceException cut) {
                    assertThat(((TruncatedTraceException) got).completeEvents()).isEqualTo(cut.completeEvents());
                }
            }
        }
    }

    /**
     * The same with traces of step lines in Python's shape, which the workers read with {@link CompactStepReader},
     * a few of them odd (keys out of order or repeated, escapes, unusual numbers, whitespace, CRLF, bad JSON): the
     * audit, the events with their lines, and the error are the parser's.
     */
    @Test
    void chunkedAuditOfPythonShapedStepLinesIsTheSequentialAudit() throws Exception {
        Random r = new Random(20261203L);
        for (int i = 0; i < 300; i++) {
            StringBuilder text = new StringBuilder();
            if (r.nextInt(5) != 0) {
                text.append("{\"data\":{\"seed\":15554826178763638935,\"spec_id\":\"wf\"},\"event_type\":"
                        + "\"run_start\",\"run_id\":\"r\"}\n");
            }
            double oddity = r.nextInt(3) == 0 ? 0.0 : 0.01 + r.nextDouble() * 0.03;
            int steps = r.nextInt(80);
            for (int s = 0; s < steps; s++) {
                text.append(CompactStepReaderTest.stepLine(r, oddity)).append(r.nextInt(40) == 0 ? "\r\n" : "\n");
            }
            if (r.nextBoolean()) {
                text.append("{\"data\":{\"status\":\"completed\"},\"event_type\":\"run_end\",\"run_id\":\"r\"}");
            }
            byte[] trace = text.toString().getBytes(StandardCharsets.UTF_8);
            Path file = tmp.resolve("p" + i + ".steps.jsonl");
            Files.write(file, trace);
            int chunk = 16 + r.nextInt(r.nextBoolean() ? 600 : 6000);
            String why = "trace " + i + ", chunks of " + chunk + ":\n" + text;

            List<Object> oneByOne = new ArrayList<>();
            TraceAudit expected = TraceAuditor.hashesOnly().audit(file, recorder(oneByOne));
            List<Object> chunked = new ArrayList<>();
            TraceAudit actual = TraceAuditor.hashesOnly().withExecutor(pool, chunk).audit(file, recorder(chunked));
            assertThat(actual).as(why).isEqualTo(expected);
            assertThat(chunked).as(why).isEqualTo(oneByOne);

            List<Object> events = new ArrayList<>();
            Throwable want = failure(() -> new EngineTraceHasher().read(new ByteArrayInputStream(trace), file,
                    sink(events)));
            List<Object> chunkedEvents = new ArrayList<>();
            Throwable got = failure(() -> {
                try (var in = Files.newInputStream(file)) {
                    ChunkedEngineReader.read(in, file, pool, sink(chunkedEvents), chunk);
                }
            });
            assertThat(chunkedEvents).as(why).isEqualTo(events);
            assertThat(got == null ? null : got.getMessage()).as(why).isEqualTo(want == null ? null : want.getMessage());
        }
    }

    @Test
    void aTraceOfOneChunkAndAnEmptyFileStayOnTheCallingThread() throws Exception {
        Path empty = tmp.resolve("empty.steps.jsonl");
        Files.write(empty, new byte[0]);
        List<Object> calls = new ArrayList<>();
        TraceAudit audit = TraceAuditor.hashesOnly().withExecutor(r -> {
            throw new AssertionError("nothing to hand over");
        }).audit(empty, recorder(calls));
        assertThat(audit).isEqualTo(TraceAuditor.hashesOnly().audit(empty));

        Path small = tmp.resolve("small.steps.jsonl");
        Files.write(small, randomTrace(new Random(3)));
        assertThat(TraceAuditor.hashesOnly().withExecutor(r -> {
            throw new AssertionError("nothing to hand over");
        }).audit(small)).isEqualTo(TraceAuditor.hashesOnly().audit(small));
    }

    @Test
    void aChunkStartingWithAZeroByteIsNotReadAsUtf16() throws Exception {
        // 00 7B 00 7D is "{}" in UTF-16BE: the parser guesses an encoding from a stream's first bytes, so a chunk
        // that starts there must not be parsed on its own; in the middle of the file it is invalid UTF-8 JSON
        String first = line(event("run_start").put("data", 1)) + "\n";
        byte[] trace = (first + "\u0000{\u0000}\n").getBytes(StandardCharsets.UTF_8);
        Path file = tmp.resolve("utf16.steps.jsonl");
        Files.write(file, trace);
        TraceAudit expected = TraceAuditor.hashesOnly().audit(file);
        assertThat(expected.error()).contains("invalid JSON at line 2,");
        assertThat(TraceAuditor.hashesOnly().withExecutor(pool, first.length() + 2).audit(file)).isEqualTo(expected);
    }

    interface Action {
        void run() throws Exception;
    }

    private static Throwable failure(Action action) {
        try {
            action.run();
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private static TraceAuditor.Listener recorder(List<Object> calls) {
        return new TraceAuditor.Listener() {
            @Override
            public void started(Path file, TraceFormat format, RunHeader header) {
                calls.add(List.of(file, format, header == null ? "no header" : header));
            }

            @Override
            public void step(StepCheck check) {
                calls.add(check);
            }
        };
    }

    /** Records events; checks every seed the chunked reader derived ahead against the formula. */
    private static ChunkedEngineReader.Sink sink(List<Object> calls) {
        return new ChunkedEngineReader.Sink() {
            @Override
            public void step(EngineTraceHasher.StepHash step, BigInteger hintSeed, BigInteger derived) {
                if (derived != null) {
                    assertThat(derived).isEqualTo(GoldenHashes.stepSeed(hintSeed, step.index()));
                }
                calls.add(step);
            }

            @Override
            public void event(GoldenEvent event) {
                calls.add(event);
            }
        };
    }

    // ---------------------------------------------------------------------------------------------- random traces

    static byte[] randomTrace(Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (r.nextInt(40) == 0) {
            out.writeBytes(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
        }
        BigInteger base = switch (r.nextInt(6)) {
            case 0 -> null;
            case 1 -> new BigInteger(64, r); // often above Long.MAX_VALUE, as the engine's are
            case 2 -> BigInteger.valueOf(-r.nextInt(1000));
            default -> BigInteger.valueOf(r.nextInt(100_000));
        };
        int steps = r.nextInt(r.nextInt(5) == 0 ? 120 : 25);
        boolean start = r.nextInt(8) != 0;
        List<String> lines = new ArrayList<>();
        if (start) {
            ObjectNode e = event("run_start");
            ObjectNode data = e.putObject("data");
            data.put("spec_id", "wf-" + r.nextInt(5)).put("steps_count", steps);
            if (base != null) {
                data.put("seed", base);
            }
            lines.add(line(e));
        }
        for (int i = 0; i < steps; i++) {
            lines.add(line(step(r, i, base)));
            if (r.nextInt(30) == 0) {
                lines.add(line(event("checkpoint").put("data", 1)));
            }
        }
        if (r.nextInt(4) != 0) {
            ObjectNode e = event("run_end");
            e.putObject("data").put("status", r.nextBoolean() ? "completed" : "failed");
            lines.add(line(e));
        }
        int damage = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 0;
        for (int d = 0; d < damage && !lines.isEmpty(); d++) {
            damage(r, lines);
        }
        for (int n = 0; n < lines.size(); n++) {
            out.writeBytes(lines.get(n).getBytes(StandardCharsets.UTF_8));
            boolean last = n == lines.size() - 1;
            int end = r.nextInt(40);
            if (last && r.nextInt(6) == 0) {
                continue; // no newline at the end of the file
            }
            out.writeBytes(switch (end) {
                case 0 -> "\r\n".getBytes(StandardCharsets.US_ASCII);
                case 1 -> "\n\n".getBytes(StandardCharsets.US_ASCII);
                case 2 -> " \t\n".getBytes(StandardCharsets.US_ASCII);
                case 3 -> "\n   \n".getBytes(StandardCharsets.US_ASCII);
                case 4 -> r.nextInt(4) == 0 ? "\r".getBytes(StandardCharsets.US_ASCII) : "\n".getBytes();
                default -> "\n".getBytes(StandardCharsets.US_ASCII);
            });
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length > 0 && r.nextInt(8) == 0) {
            bytes = Arrays.copyOf(bytes, r.nextInt(bytes.length)); // cut off anywhere: a crash mid-append
        }
        return bytes;
    }

    /** An event as the engine writes it, without its newline. */
    private static String line(ObjectNode event) {
        return EngineTraceWriter.line(event).stripTrailing();
    }

    private static ObjectNode event(String type) {
        ObjectNode e = NODES.objectNode();
        e.put("event_type", type).put("run_id", "run-1").put("timestamp", "2026-12-02T08:00:00+00:00");
        return e;
    }

    private static ObjectNode step(Random r, int i, BigInteger base) {
        ObjectNode e = event("step");
        ObjectNode data = e.putObject("data");
        int index = r.nextInt(25) == 0 ? Math.max(0, i - 1 - r.nextInt(3)) : i; // now and then out of order
        if (r.nextInt(40) != 0) {
            data.put("index", index);
        }
        data.put("step_id", "s" + index).put("skill_id", "skill_" + r.nextInt(4));
        data.putObject("inputs").put("msg", "h\u00e9llo " + r.nextInt(100));
        if (r.nextInt(30) != 0) {
            BigInteger seed = base == null || r.nextInt(20) == 0 ? new BigInteger(64, r)
                    : GoldenHashes.stepSeed(base, index);
            data.put("seed", seed);
        }
        ObjectNode output = NODES.objectNode();
        output.put("step_id", "s" + index).put("success", r.nextInt(5) != 0).put("duration_ms", r.nextInt(900));
        output.putNull("error");
        output.set("output", value(r, 0));
        if (r.nextInt(6) == 0) {
            output.put("Retries", 1).put("retries", 2); // keys that lowercase alike
        }
        if (r.nextInt(40) != 0) {
            data.set("output", output);
        }
        if (r.nextInt(40) != 0) {
            String hash = GoldenHashes.outputHash(output);
            data.put("output_hash", r.nextInt(15) == 0 ? "0000" + hash.substring(4) : hash);
        }
        data.put("success", true);
        return e;
    }

    private static com.fasterxml.jackson.databind.JsonNode value(Random r, int depth) {
        switch (depth > 3 ? 3 + r.nextInt(5) : r.nextInt(8)) {
            case 0, 1 -> {
                ObjectNode o = NODES.objectNode();
                int n = r.nextInt(5);
                for (int k = 0; k < n; k++) {
                    String key = switch (r.nextInt(6)) {
                        case 0 -> "latency_ms";
                        case 1 -> "Key" + k;
                        case 2 -> "k\u00fc" + k;
                        default -> "k" + r.nextInt(9);
                    };
                    o.set(key, value(r, depth + 1));
                }
                return o;
            }
            case 2 -> {
                var a = NODES.arrayNode();
                int n = r.nextInt(4);
                for (int k = 0; k < n; k++) {
                    a.add(value(r, depth + 1));
                }
                return a;
            }
            case 3 -> {
                return NODES.numberNode(r.nextDouble() * Math.pow(10, r.nextInt(12) - 4));
            }
            case 4 -> {
                return NODES.numberNode(r.nextLong());
            }
            case 5 -> {
                return NODES.textNode(r.nextBoolean() ? "plain" : "esc \" \\ \n \u2603 \ud83d\ude00");
            }
            case 6 -> {
                return r.nextBoolean() ? NODES.booleanNode(r.nextBoolean()) : NODES.nullNode();
            }
            default -> {
                return NODES.numberNode(r.nextInt(1000));
            }
        }
    }

    /** One change to the lines that the readers must agree on. */
    private static void damage(Random r, List<String> lines) {
        int at = r.nextInt(lines.size());
        String line = lines.get(at);
        switch (r.nextInt(11)) {
            case 0 -> { // a stray character
                int p = r.nextInt(line.length());
                lines.set(at, line.substring(0, p) + "@" + line.substring(p + 1));
            }
            case 1 -> lines.set(at, r.nextBoolean() ? "[1, 2]" : "42"); // not an object
            case 2 -> { // an event over two lines
                int p = line.indexOf(',', r.nextInt(line.length()));
                if (p > 0) {
                    lines.set(at, line.substring(0, p + 1) + "\n  " + line.substring(p + 1));
                }
            }
            case 3 -> { // two events on one line
                if (at + 1 < lines.size()) {
                    lines.set(at, line + (r.nextBoolean() ? " " : "") + lines.remove(at + 1));
                }
            }
            case 4 -> { // a lone carriage return between tokens
                int p = line.indexOf(':', r.nextInt(line.length()));
                if (p > 0) {
                    lines.set(at, line.substring(0, p + 1) + "\r" + line.substring(p + 1));
                }
            }
            case 5 -> lines.set(at, "   " + line); // indented
            case 6 -> lines.set(at, line.substring(0, r.nextInt(line.length()))); // cut short mid-file
            case 7 -> { // a line far longer than a chunk
                ObjectNode e = event("note");
                e.putObject("data").put("text", "x".repeat(2000 + r.nextInt(20_000)));
                lines.add(at, line(e));
            }
            case 8 -> lines.set(at, "\u0000" + line); // a zero byte where a line starts
            case 9 -> lines.set(at, "[".repeat(1001) + "]".repeat(1001)); // nested too deep
            default -> lines.set(at, line.replace("\"event_type\"", "\"event_type\" ")); // harmless space
        }
    }
}
