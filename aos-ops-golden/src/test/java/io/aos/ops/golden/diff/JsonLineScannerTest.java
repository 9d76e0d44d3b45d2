package io.aos.ops.golden.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonLineScannerTest {

    private static final List<String> PATHS = List.of("event_type", "data.index", "index", "data.skill_id",
            "skill_id", "skill", "data.skill", "data.step_id", "step_id", "id", "name");
    private static final String[][] SPLIT = PATHS.stream().map(p -> p.split("\\.")).toArray(String[][]::new);

    private static final String EVENT = "{\"data\":{\"index\":7,\"inputs\":{\"params\":{\"ratio\":0.311,"
            + "\"tags\":[\"papa\",1,-2.5e3,true,null]}},\"seed\":15554826178763638935,\"skill_id\":\"transform_json\","
            + "\"step_id\":\"s7\",\"success\":true},\"event_type\":\"step\",\"run_id\":\"run-1\","
            + "\"timestamp\":\"2026-11-28T02:00:00.001594+00:00\"}";

    private static String[] scanned(String line) {
        JsonLineScanner scanner = new JsonLineScanner(SPLIT);
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        if (!scanner.scan(bytes, 0, bytes.length)) {
            return null;
        }
        String[] out = new String[SPLIT.length];
        for (int c = 0; c < out.length; c++) {
            int s = scanner.start(c);
            out[c] = s == JsonLineScanner.ABSENT ? null : s == JsonLineScanner.OBJECT ? "<START_OBJECT>"
                    : s == JsonLineScanner.ARRAY ? "<START_ARRAY>"
                    : new String(bytes, s, scanner.end(c) - s, StandardCharsets.UTF_8);
        }
        return out;
    }

    /** What lockstep's token comparator captures from the line, or null when Jackson does not read one value. */
    private static String[] jackson(String line) {
        return jacksonBytes(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEngineEventIsAcceptedWithTheValuesTheTokenComparatorCaptures() {
        String[] values = scanned(EVENT);
        assertThat(values).isNotNull().isEqualTo(jackson(EVENT));
        assertThat(values[PATHS.indexOf("event_type")]).isEqualTo("step");
        assertThat(values[PATHS.indexOf("data.index")]).isEqualTo("7");
        assertThat(values[PATHS.indexOf("data.step_id")]).isEqualTo("s7");
        assertThat(values[PATHS.indexOf("step_id")]).isNull();
    }

    @Test
    void aContainerAtATopLevelPathIsCapturedAsItsMarkerAndOneDeeperLeavesTheScannerUnsure() {
        assertThat(scanned("{\"name\":{\"x\":1},\"id\":[1]}")).isEqualTo(jackson("{\"name\":{\"x\":1},\"id\":[1]}"))
                .contains("<START_OBJECT>", "<START_ARRAY>");
        assertThat(scanned("{\"data\":{\"index\":{\"x\":1}}}")).isNull();
    }

    @Test
    void onlyAnObjectRootAndObjectsDirectlyInItAreCaptured() {
        for (String line : List.of("[{\"event_type\":\"step\"}]", "{\"data\":[{\"index\":1}]}", "\"step\"", "7",
                "{\"x\":{\"data\":{\"index\":1}}}", "{\"data\":{\"x\":{\"index\":1}}}")) {
            assertThat(scanned(line)).as(line).isEqualTo(jackson(line)).containsOnlyNulls();
        }
    }

    @Test
    void invalidOrUnusualLinesLeaveTheScannerUnsure() {
        for (String line : List.of("{\"a\":1,}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":.5}", "{a:1}",
                "{\"a\":1} {}", "{\"a\":1", "{\"a\":\"x\\q\"}", "{\"a\":\"x\u0001\"}", "{\"a\":tru}",
                "{\"a\":truex}", "{\"a\":NaN}", "// c\n{}", "{\"a\":1}x", "{\"a\"1}", "[1 2]", "",
                "{\"event_type\":\"st\\u0065p\"}", "{\"event_type\":\"caf\u00e9\"}")) {
            assertThat(scanned(line)).as(line).isNull();
        }
    }

    @Test
    void escapesAndUtf8OutsideTheCapturedValuesAreAccepted() {
        String line = "{\"event_type\":\"step\",\"msg\":\"caf\u00e9 \\\"\\u00e9\\n\\/ \ud83d\ude00\"}";
        assertThat(scanned(line)).isNotNull().isEqualTo(jackson(line));
    }

    @Test
    void whateverTheScannerAcceptsJacksonReadsAsOneValueWithTheSameCaptures() {
        Random random = new Random(20261128);
        byte[] alphabet = "{}[]\":,.-+eE0123456789 \\tnulrfasx_/\t\u007f".getBytes(StandardCharsets.ISO_8859_1);
        byte[] original = EVENT.getBytes(StandardCharsets.UTF_8);
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] line = Arrays.copyOf(original, original.length);
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                int at = random.nextInt(line.length);
                line[at] = random.nextInt(8) == 0 ? (byte) (0x80 + random.nextInt(0x80))
                        : alphabet[random.nextInt(alphabet.length)];
            }
            String text = new String(line, StandardCharsets.ISO_8859_1);
            JsonLineScanner scanner = new JsonLineScanner(SPLIT);
            if (scanner.scan(line, 0, line.length)) {
                accepted++;
                String[] values = new String[SPLIT.length];
                for (int c = 0; c < values.length; c++) {
                    int s = scanner.start(c);
                    values[c] = s == JsonLineScanner.ABSENT ? null : s == JsonLineScanner.OBJECT ? "<START_OBJECT>"
                            : s == JsonLineScanner.ARRAY ? "<START_ARRAY>"
                            : new String(line, s, scanner.end(c) - s, StandardCharsets.ISO_8859_1);
                }
                assertThat(jacksonBytes(line)).as(text).isEqualTo(values);
            }
        }
        assertThat(accepted).isGreaterThan(1_000);
    }

    @Test
    void whateverTheScannerAcceptsTheParserExtractsTheSameIdentityValuesFrom() {
        Random random = new Random(42);
        byte[] original = EVENT.getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = "{}[]\":,.-0123456789 \\nulx_".getBytes(StandardCharsets.ISO_8859_1);
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        for (int round = 0; round < 5_000; round++) {
            byte[] line = Arrays.copyOf(original, original.length);
            for (int m = random.nextInt(3); m > 0; m--) {
                line[random.nextInt(line.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            file.writeBytes(line);
            file.write('\n');
        }
        byte[] data = file.toByteArray();
        JsonlSequence seq = new JsonlSequence(java.nio.file.Path.of("fuzz.jsonl"), data, LineIndex.of(data),
                java.util.Set.of());
        JsonLineScanner scanner = new JsonLineScanner(SPLIT);
        int accepted = 0;
        for (int i = 0; i < seq.size(); i++) {
            if (scanner.scan(data, seq.start(i), seq.end(i))) {
                accepted++;
                assertThat(scanner.values(data)).as("line %s", i + 1).isEqualTo(seq.extractParsed(i, SPLIT));
            }
        }
        assertThat(accepted).isGreaterThan(1_000);
    }

    private static String[] jacksonBytes(byte[] bytes) {
        String[] a = new String[SPLIT.length];
        String[] b = new String[SPLIT.length];
        try (JsonParser p1 = LoadedGoldenFile.STREAMING.createParser(bytes);
                JsonParser p2 = LoadedGoldenFile.STREAMING.createParser(bytes)) {
            boolean ok = new TokenComparator(SPLIT).compareNext(p1, p2, "", new StructuralDiff(DiffOptions.defaults()),
                    a, b);
            return ok && p1.nextToken() == null ? a : null;
        } catch (IOException e) {
            return null;
        }
    }
}
