package io.aos.ops.golden.shadow.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aos.ops.core.UnreadableFileException;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.format.BadGoldenException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one cycle-report reader against an independent oracle: Jackson data binding of {@link CycleReport} (what the
 * metrics read before), on random reports in both the upstream shape (no cycle number, some counts missing) and this
 * suite's, with random layouts, fractions, nulls, negative and huge numbers in the counts, and unknown fields. Data
 * binding is the oracle for a report whose counts are all whole numbers from 0 to {@link CycleReportReader#MAX_COUNT};
 * any other count makes both views refuse the report naming the field.
 */
class CycleReportReaderTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path tmp;

    @Test
    void readAgreesWithDataBindingAndCountsAgreeWithTheReport() throws Exception {
        Random r = new Random(20261202L);
        for (int i = 0; i < 400; i++) {
            ObjectNode json = report(r);
            Path file = tmp.resolve("cycle_" + i + ".json");
            Files.writeString(file, r.nextBoolean() ? OpsJson.pretty().writeValueAsString(json) : json.toString());

            String badCount = badCount(json);
            if (badCount != null) {
                for (Runnable read : new Runnable[] {() -> CycleReportReader.read(file),
                        () -> CycleReportReader.readCounts(file)}) {
                    assertThatThrownBy(read::run).as(json.toString()).isInstanceOf(BadGoldenException.class)
                            .hasMessageContaining(file.toString()).hasMessageContaining("'" + badCount + "' must be");
                }
                continue;
            }
            CycleReport oracle = OpsJson.mapper().treeToValue(json, CycleReport.class);
            assertThat(CycleReportReader.read(file)).as(json.toString()).isEqualTo(oracle);

            JsonNode shadow = json.path("shadow");
            long mismatches = shadow.has("mismatches") ? oracle.shadow().mismatches()
                    : oracle.mismatchDetails().size();
            assertThat(CycleReportReader.readCounts(file)).as(json.toString()).isEqualTo(
                    new CycleReportReader.CycleCounts(oracle.primary() == null ? 0 : oracle.primary().total(),
                            oracle.shadow() == null ? 0 : oracle.shadow().totalReplays(), mismatches));
        }
    }

    @Test
    void streamedMismatchDetailsAreWhatDataBindingMakesOfEveryShape() throws Exception {
        // differential: entries whose fields take every JSON type (the plain shape, coercible values, wrong types,
        // duplicates, null entries); read() gives the record, or the exception, that binding every entry gives
        Random r = new Random(20261203L);
        String[] fields = {"original_run_id", "replay_run_id", "original_hash", "replay_hash", "match", "diff_details",
            "workflow_type", "seed", "first_diverging_step", "root_cause", "severity", "evidence", "unknown"};
        int streamed = 0;
        for (int i = 0; i < 1500; i++) {
            StringBuilder details = new StringBuilder("[");
            int n = r.nextInt(4);
            for (int e = 0; e < n; e++) {
                details.append(e == 0 ? "" : ", ");
                if (r.nextInt(60) == 0) {
                    details.append(r.nextBoolean() ? "null" : "[1]");
                    continue;
                }
                details.append('{');
                int k = r.nextInt(fields.length + 1);
                for (int f = 0; f < k; f++) {
                    String name = fields[r.nextInt(fields.length)];
                    details.append(f == 0 ? "" : ", ").append('"').append(name).append("\": ")
                            .append(value(r, name));
                }
                details.append('}');
            }
            details.append(']');
            Path file = tmp.resolve("details_" + i + ".json");
            String json = "{\"shadow\": {\"total_replays\": 3, \"mismatches\": " + n + "}, \"mismatch_details\": "
                    + details + ", \"passed\": false}";
            Files.writeString(file, json);

            Object expected = outcome(() -> CycleReportReader.readBound(file));
            assertThat(outcome(() -> CycleReportReader.read(file))).as(json).isEqualTo(expected);
            // and the fast path itself, wherever it reads a report rather than leaving it to data binding
            Object fast = outcome(() -> CycleReportReader.readStreamed(file).orElse(null));
            if (fast instanceof CycleReport) {
                assertThat(fast).as("streamed: " + json).isEqualTo(expected);
                streamed++;
            }
        }
        assertThat(streamed).as("reports the fast path read itself").isGreaterThan(400);
    }

    @Test
    void aNullMismatchDetailIsBadInputNamingItsLineAndColumn() throws Exception {
        Path file = tmp.resolve("cycle_7.json");
        Files.writeString(file, "{\"shadow\": {\"total_replays\": 3, \"mismatches\": 1},\n"
                + "  \"mismatch_details\": [null], \"passed\": false}\n");
        for (Runnable read : List.<Runnable>of(() -> CycleReportReader.read(file),
                () -> CycleReportReader.readBound(file))) {
            assertThatThrownBy(read::run).isInstanceOfSatisfying(BadGoldenException.class, e -> {
                assertThat(e.getMessage()).contains(file.toString()).contains("found null");
                assertThat(e.line()).hasValue(2);
                assertThat(e.column()).hasValue(24);
            });
        }
        // the counts need no entry: a cron check still sees the one mismatch
        assertThat(CycleReportReader.readCounts(file).mismatches()).isEqualTo(1);
    }

    /** A value of the field's own type most of the time, else any other JSON value. */
    private static String value(Random r, String field) {
        boolean own = r.nextInt(3) > 0;
        if (own) {
            return switch (field) {
                case "match" -> r.nextBoolean() ? "true" : "false";
                case "seed" -> Long.toString(r.nextLong());
                case "first_diverging_step" -> Integer.toString(r.nextInt(1000));
                case "unknown" -> "{\"a\": [1, {\"b\": null}]}";
                default -> "\"s" + r.nextInt(100) + " \\u00e9\\\"\"";
            };
        }
        return switch (r.nextInt(10)) {
            case 0 -> "null";
            case 1 -> "\"123\"";
            case 2 -> "12";
            case 3 -> "1.5";
            case 4 -> "99999999999";
            case 5 -> "123456789012345678901234567890";
            case 6 -> "true";
            case 7 -> "[\"x\"]";
            case 8 -> "{\"x\": 1}";
            default -> "\"text\"";
        };
    }

    /** The record read, or the class and message of what was thrown. */
    private static Object outcome(java.util.function.Supplier<CycleReport> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    @Test
    void aCountOfTheWrongTypeNamesFileLineAndColumnInBothViews() throws Exception {
        Path file = tmp.resolve("cycle_1.json");
        Files.writeString(file, "{\n  \"primary\": {\"total\": \"three\"}\n}");
        for (Runnable read : new Runnable[] {() -> CycleReportReader.read(file),
                () -> CycleReportReader.readCounts(file)}) {
            assertThatThrownBy(read::run).isInstanceOfSatisfying(BadGoldenException.class, e -> {
                assertThat(e.path()).hasValue(file);
                assertThat(e.line()).hasValue(2);
                assertThat(e.column()).isPresent();
            }).hasMessageContaining("'primary.total' must be a whole number from 0 to 2147483647, found a string");
        }
    }

    @Test
    void aNegativeFractionalNullOrHugeCountIsRefusedNamingTheFieldInBothViews() throws Exception {
        String[] bad = {"-1", "0.5", "1.0", "1e0", "null", "2147483648", "9223372036854775807", "99999999999999999999",
            "-0.0"};
        for (String value : bad) {
            Path file = tmp.resolve("cycle_9.json");
            Files.writeString(file, "{\"primary\": {\"total\": 3, \"successful\": 3, \"failed\": 0},\n"
                    + "\"shadow\": {\"total_replays\": 3, \"matches\": 3, \"mismatches\": " + value + "},\n"
                    + "\"mismatch_details\": [], \"passed\": true}");
            for (Runnable read : new Runnable[] {() -> CycleReportReader.read(file),
                    () -> CycleReportReader.readCounts(file)}) {
                assertThatThrownBy(read::run).as(value).isInstanceOfSatisfying(BadGoldenException.class, e -> {
                    assertThat(e.path()).hasValue(file);
                    assertThat(e.line()).hasValue(2);
                }).hasMessageContaining("'shadow.mismatches' must be a whole number from 0 to 2147483647, found "
                        + value);
            }
        }
        Path ok = tmp.resolve("cycle_10.json");
        Files.writeString(ok, "{\"shadow\": {\"total_replays\": 2147483647, \"matches\": 0, \"mismatches\": "
                + "2147483647, \"emergency_stopped\": null}, \"cycle\": null, \"passed\": false}");
        assertThat(CycleReportReader.readCounts(ok).mismatches()).isEqualTo(2147483647L);
        assertThat(CycleReportReader.read(ok).shadow().mismatches()).isEqualTo(2147483647L);
    }

    /** The first count (as {@code parent.field}) that is not a whole number from 0 to MAX_COUNT, in file order. */
    private static String badCount(ObjectNode json) {
        java.util.Iterator<java.util.Map.Entry<String, JsonNode>> top = json.fields();
        while (top.hasNext()) {
            java.util.Map.Entry<String, JsonNode> e = top.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (name.equals("cycle") && !v.isNull() && !goodCount(v)) {
                return "cycle";
            }
            if ((name.equals("primary") || name.equals("shadow")) && v.isObject()) {
                java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = v.fields();
                while (it.hasNext()) {
                    java.util.Map.Entry<String, JsonNode> c = it.next();
                    boolean isCount = List.of("total", "successful", "failed", "total_replays", "matches",
                            "mismatches", "emergency_stopped").contains(c.getKey());
                    boolean nullable = c.getKey().equals("emergency_stopped");
                    if (isCount && !(nullable && c.getValue().isNull()) && !goodCount(c.getValue())) {
                        return name + "." + c.getKey();
                    }
                }
            }
        }
        return null;
    }

    private static boolean goodCount(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToLong() && v.asLong() >= 0
                && v.asLong() <= CycleReportReader.MAX_COUNT;
    }

    @Test
    void emptyMissingAndNonObjectReportsAreErrorsNamingTheFile() throws Exception {
        Path empty = Files.writeString(tmp.resolve("cycle_2.json"), "");
        assertThatThrownBy(() -> CycleReportReader.readCounts(empty)).isInstanceOf(BadGoldenException.class)
                .hasMessage(empty + ": is empty");
        Path missing = tmp.resolve("cycle_3.json");
        assertThatThrownBy(() -> CycleReportReader.read(missing)).isInstanceOf(UnreadableFileException.class)
                .hasMessage(missing + ": no such file");
        Path array = Files.writeString(tmp.resolve("cycle_4.json"), "[1]");
        assertThatThrownBy(() -> CycleReportReader.read(array)).isInstanceOf(BadGoldenException.class)
                .hasMessageContaining("must be a JSON object");
    }

    private static ObjectNode report(Random r) {
        ObjectNode o = F.objectNode();
        if (r.nextInt(4) > 0) {
            o.put("timestamp", "2026-11-28T02:24:0" + r.nextInt(10) + ".915613+00:00");
        }
        if (r.nextBoolean()) {
            o.put("cycle", r.nextInt(3000));
        }
        if (r.nextInt(5) > 0) {
            ObjectNode p = o.putObject("primary");
            count(r, p, "total");
            count(r, p, "successful");
            count(r, p, "failed");
            if (r.nextBoolean()) {
                p.put("emergency_stopped", r.nextInt(4));
            }
            p.put("future_field", "x");
        } else if (r.nextBoolean()) {
            o.putNull("primary");
        }
        if (r.nextInt(5) > 0) {
            ObjectNode s = o.putObject("shadow");
            count(r, s, "total_replays");
            count(r, s, "matches");
            if (r.nextBoolean()) {
                count(r, s, "mismatches");
            }
            if (r.nextBoolean()) {
                s.put("emergency_stopped", r.nextInt(4));
            }
        }
        int details = r.nextInt(4);
        if (details > 0 || r.nextBoolean()) {
            ArrayNode a = o.putArray("mismatch_details");
            for (int i = 0; i < details; i++) {
                ObjectNode d = a.addObject();
                d.put("original_run_id", "run-" + r.nextInt(100));
                d.put("replay_run_id", "shadow-" + Integer.toHexString(r.nextInt()));
                d.put("match", false);
                d.put("diff_details", "Mismatch at step " + r.nextInt(9));
                d.putArray("unknown").add(1).addObject().put("b", 2);
                if (r.nextBoolean()) {
                    d.put("first_diverging_step", r.nextInt(20));
                }
            }
        }
        if (r.nextInt(4) > 0) {
            o.put("passed", details == 0);
        }
        o.putObject("extra").put("nested", true);
        return o;
    }

    /** Absent, an integer, a fraction, null, negative or huge: the shapes a count takes in the wild. */
    private static void count(Random r, ObjectNode o, String field) {
        switch (r.nextInt(40)) {
            case 0, 1, 2, 3, 4, 5 -> { }
            case 6 -> o.putNull(field);
            case 7 -> o.put(field, r.nextInt(1000) + 0.75);
            case 8 -> o.put(field, -1 - r.nextInt(1000));
            case 9 -> o.put(field, Long.MAX_VALUE);
            case 10 -> o.put(field, CycleReportReader.MAX_COUNT + 1);
            case 11 -> o.put(field, new java.math.BigInteger("99999999999999999999"));
            default -> o.put(field, r.nextInt(1_000_000));
        }
    }
}
