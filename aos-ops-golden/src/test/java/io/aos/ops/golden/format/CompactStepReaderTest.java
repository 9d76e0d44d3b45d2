package io.aos.ops.golden.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.aos.ops.golden.json.GoldenJson;
import io.aos.ops.golden.json.RandomJsonText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential property: wherever {@link CompactStepReader} reads a line, the parser path
 * ({@link EngineTraceHasher#readEvent}, the oracle) reads it as exactly one step event with the same
 * {@link EngineTraceHasher.StepHash}; and step lines as Python writes them do take the fast tier. Lines are random
 * step events, plain or with oddities: keys out of order or repeated, escapes in keys and ids, unusual indexes and
 * seeds (negative, -0, floats, out of int range, above 2^64), other event types, whitespace, bad JSON.
 */
class CompactStepReaderTest {

    private static final String[] INDEXES = {"0", "7", "99999", "2147483647"};
    private static final String[] ODD_INDEXES = {"-0", "-1", "1.0", "2147483648", "99999999999", "\"3\"", "null",
        "1e2", "01"};
    private static final String[] SEEDS = {"15554826178763638935", "839726312476822599", "0", "18446744073709551615",
        "9223372036854775807", "9223372036854775808", "12345"};
    private static final String[] ODD_SEEDS = {"18446744073709551616", "99999999999999999999",
        "123456789012345678901234567890", "-5", "-0", "1.5", "\"12\"", "null", "1e19"};

    @Test
    void whereTheFastTierReadsALineTheParserReadsTheSameStep() throws Exception {
        Random r = new Random(20261202L);
        CompactStepReader compact = new CompactStepReader();
        int fast = 0;
        for (int i = 0; i < 30_000; i++) {
            double oddity = i % 3 == 0 ? 0.0 : i % 3 == 1 ? 0.03 : 0.2;
            String line = stepLine(r, oddity);
            if (check(compact, line.getBytes(StandardCharsets.UTF_8), i + 1)) {
                fast++;
            }
            if (oddity == 0.0) {
                assertThat(compact.read(line.getBytes(StandardCharsets.UTF_8), 0, line.length(), 1)).as(line)
                        .isNotNull();
            }
        }
        assertThat(fast).isGreaterThanOrEqualTo(10_000);
    }

    /**
     * The chunked reader hands the fast tier the rest of its chunk, not one line: a line followed by more lines reads as
     * it reads alone, and ends at its line break; a line break anywhere inside an event leaves the line to the parser
     * (no value the fast tier reads holds one).
     */
    @Test
    void aLineReadInItsChunkReadsAsAloneAndEndsAtItsLineBreak() {
        Random r = new Random(20261203L);
        CompactStepReader compact = new CompactStepReader();
        int fast = 0;
        for (int i = 0; i < 20_000; i++) {
            String line = stepLine(r, i % 2 == 0 ? 0.0 : 0.1);
            byte[] alone = line.getBytes(StandardCharsets.UTF_8);
            EngineTraceHasher.StepHash expected = compact.read(alone, 0, alone.length, 5);
            String next = r.nextBoolean() ? stepLine(r, 0.0) : r.nextBoolean() ? "" : "{\"data\":";
            byte[] chunk = ("\n" + line + "\n" + next).getBytes(StandardCharsets.UTF_8);
            assertThat(compact.read(chunk, 1, chunk.length, 5)).as(line).isEqualTo(expected);
            if (expected != null) {
                fast++;
                assertThat(compact.lineEnd()).as(line).isEqualTo(alone.length + 1);
                int cut = 1 + r.nextInt(alone.length - 1);
                byte[] broken = (line.substring(0, cut) + "\n" + line.substring(cut)).getBytes(StandardCharsets.UTF_8);
                if (line.charAt(cut - 1) != '}' || !line.substring(cut).isBlank()) {
                    assertThat(compact.read(broken, 0, broken.length, 5)).as("%s broken at %d", line, cut).isNull();
                }
            }
        }
        byte[] last = "{\"data\":{\"index\":3},\"event_type\":\"step\"} \t".getBytes(StandardCharsets.UTF_8);
        assertThat(compact.read(last, 0, last.length, 1)).isNotNull();
        assertThat(compact.lineEnd()).isEqualTo(last.length);
        assertThat(fast).isGreaterThanOrEqualTo(8_000);
    }

    @Test
    void otherEventsAndOddLinesAreLeftToTheParser() throws Exception {
        CompactStepReader compact = new CompactStepReader();
        String[] lines = {"{\"data\":{},\"event_type\":\"run_start\"}", "{\"event_type\":\"step\"}",
            "{\"data\":{\"index\":1},\"event_type\":\"st\\u0065p\"}", "{\"data\":{\"index\":1},\"event_typ\\u0065\":\"step\"}",
            "{\"data\":5,\"event_type\":\"step\"}", "{\"data\":{\"index\":1},\"data\":{\"index\":2},\"event_type\":\"step\"}",
            "{\"data\":{\"index\":1,\"index\":2},\"event_type\":\"step\"}", "{\"data\":{\"step_id\":\"s\\u0031\"},\"event_type\":\"step\"}",
            "{\"data\":{},\"event_type\":\"step\"} {}", "{\"data\":{},\"event_type\":\"step\"}x",
            "[{\"data\":{},\"event_type\":\"step\"}]", "{\"data\":{\"index\":2147483648},\"event_type\":\"step\"}",
            "{\"data\":{},\"event_type\":\"step\"}\r"};
        for (String line : lines) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            assertThat(compact.read(b, 0, b.length, 1)).as(line).isNull();
        }
        byte[] plain = "{\"data\":{\"index\":3,\"output\":null},\"event_type\":\"step\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(compact.read(plain, 0, plain.length, 9))
                .isEqualTo(new EngineTraceHasher.StepHash(9, 3, null, null, null, null, null));
    }

    /** Checks one line; returns whether the fast tier read it. */
    private static boolean check(CompactStepReader compact, byte[] line, long lineNumber) throws Exception {
        EngineTraceHasher.StepHash fast = compact.read(line, 0, line.length, lineNumber);
        if (fast == null) {
            return false;
        }
        String why = new String(line, StandardCharsets.UTF_8);
        List<Object> events = new ArrayList<>();
        EngineTraceHasher.Listener collect = new EngineTraceHasher.Listener() {
            @Override
            public void step(EngineTraceHasher.StepHash step) {
                events.add(step);
            }

            @Override
            public void event(GoldenEvent event) {
                events.add(event);
            }
        };
        try (JsonParser p = GoldenJson.factory().createParser(line)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                assertThat(t).as(why).isEqualTo(JsonToken.START_OBJECT);
                new EngineTraceHasher().readEvent(p, lineNumber, collect);
            }
        }
        assertThat(events).as(why).containsExactly(fast);
        return true;
    }

    /** A step line: Python's shape, with {@code oddity} the chance of something else at each spot. */
    static String stepLine(Random r, double oddity) {
        RandomJsonText json = new RandomJsonText(r, oddity);
        StringBuilder data = new StringBuilder("{");
        List<String> fields = new ArrayList<>();
        fields.add("\"index\":" + (r.nextDouble() < oddity ? pick(r, ODD_INDEXES) : pick(r, INDEXES)));
        StringBuilder inputs = new StringBuilder();
        json.object(inputs, 1, json.randomKeys());
        fields.add("\"inputs\":" + inputs);
        StringBuilder output = new StringBuilder();
        if (r.nextInt(20) == 0) {
            output.append("null");
        } else if (r.nextInt(10) == 0) {
            json.value(output, 1);
        } else {
            json.object(output, 1, json.randomKeys());
        }
        fields.add("\"output\":" + output);
        fields.add("\"output_hash\":" + (r.nextDouble() < oddity ? "null" : "\"d8165703610bff6a\""));
        fields.add("\"seed\":" + (r.nextDouble() < oddity ? pick(r, ODD_SEEDS) : pick(r, SEEDS)));
        fields.add("\"skill_id\":" + (r.nextDouble() < oddity ? "\"tr\\u0061nsform\"" : "\"transform_json\""));
        fields.add("\"step_id\":" + (r.nextDouble() < oddity ? "7" : "\"s" + r.nextInt(1000) + "\""));
        fields.add("\"success\":true");
        if (r.nextDouble() < oddity) {
            fields.remove(r.nextInt(fields.size()));
        }
        if (r.nextDouble() < oddity) {
            java.util.Collections.swap(fields, r.nextInt(fields.size()), r.nextInt(fields.size()));
        }
        if (r.nextDouble() < oddity) {
            fields.add(fields.get(r.nextInt(fields.size())));
        }
        data.append(String.join(r.nextDouble() < oddity ? ", " : ",", fields)).append('}');
        List<String> envelope = new ArrayList<>();
        envelope.add("\"data\":" + data);
        envelope.add("\"event_type\":" + (r.nextDouble() < oddity ? "\"run_end\"" : "\"step\""));
        envelope.add("\"run_id\":\"run-bench-a5096f7f\"");
        envelope.add("\"timestamp\":\"2026-11-28T02:00:00.001594+00:00\"");
        if (r.nextDouble() < oddity) {
            java.util.Collections.swap(envelope, r.nextInt(envelope.size()), r.nextInt(envelope.size()));
        }
        String line = "{" + String.join(",", envelope) + "}";
        if (r.nextDouble() < oddity) {
            line = r.nextBoolean() ? " " + line + "\t" : line.substring(0, r.nextInt(line.length()));
        }
        return line;
    }

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }
}
