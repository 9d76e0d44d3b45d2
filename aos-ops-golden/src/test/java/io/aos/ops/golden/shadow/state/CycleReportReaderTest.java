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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one cycle-report reader against an independent oracle: Jackson data binding of {@link CycleReport} (what the
 * metrics read before), on random reports in both the upstream shape (no cycle number, some counts missing) and this
 * suite's, with random layouts, fractions and nulls in the counts, and unknown fields.
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
    void aCountOfTheWrongTypeNamesFileLineAndColumnInBothViews() throws Exception {
        Path file = tmp.resolve("cycle_1.json");
        Files.writeString(file, "{\n  \"primary\": {\"total\": \"three\"}\n}");
        for (Runnable read : new Runnable[] {() -> CycleReportReader.read(file),
                () -> CycleReportReader.readCounts(file)}) {
            assertThatThrownBy(read::run).isInstanceOfSatisfying(BadGoldenException.class, e -> {
                assertThat(e.path()).hasValue(file);
                assertThat(e.line()).hasValue(2);
                assertThat(e.column()).isPresent();
            }).hasMessageContaining("'total' must be a number");
        }
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

    /** Absent, an integer, a fraction or null: the shapes a count takes in the wild. */
    private static void count(Random r, ObjectNode o, String field) {
        switch (r.nextInt(6)) {
            case 0 -> { }
            case 1 -> o.putNull(field);
            case 2 -> o.put(field, r.nextInt(1000) + 0.75);
            default -> o.put(field, r.nextInt(1_000_000));
        }
    }
}
