package io.aos.ops.cli.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.cli.AosOps;
import io.aos.ops.cli.CliRun;
import io.aos.ops.core.json.OpsJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GoldenDiffSummaryCommandTest {

    private static final String STEP = "{\"data\":{\"index\":%d,\"output\":{\"v\":\"%s\",\"duration_ms\":%d},"
            + "\"output_hash\":\"%s\",\"seed\":7,\"skill_id\":\"compute_hash\",\"step_id\":\"s%d\"},"
            + "\"event_type\":\"step\",\"run_id\":\"%s\",\"timestamp\":\"2026-11-28T02:24:%02d+00:00\"}\n";

    @TempDir
    Path tmp;

    private record Result(int code, String out) {
    }

    private static Result run(Object command, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        return new Result(cli.execute(args), out.toString());
    }

    private Path trace(String name, String runId, String value2, String hash2, int second) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            sb.append(String.format(STEP, i, i == 2 ? value2 : "v" + i, second, i == 2 ? hash2 : "h" + i, i, runId,
                    second));
        }
        Path p = tmp.resolve(name);
        Files.writeString(p, sb);
        return p;
    }

    @Test
    void aReplayThatDiffersOnlyInVolatileFieldsIsAMatchAndExits0() throws Exception {
        Path a = trace("a.steps.jsonl", "primary-1", "v2", "h2", 1);
        Path b = trace("b.steps.jsonl", "shadow-1", "v2", "h2", 9);
        Result r = run(new GoldenDiffCommand(), "--golden-a", a.toString(), "--golden-b", b.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("MATCH");
    }

    @Test
    void aChangedOutputIsCriticalExit1WithTheStepAndEvidenceFirst() throws Exception {
        Path a = trace("a.steps.jsonl", "r", "v2", "h2", 1);
        Path b = trace("b.steps.jsonl", "r", "other", "hX", 1);
        Result r = run(new GoldenDiffCommand(), a.toString(), b.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("CRITICAL: DETERMINISM_VIOLATION at step 2");
        assertThat(r.out().lines().skip(3).findFirst().orElseThrow()).contains("evidence:").contains("/2/data/output/v");
    }

    @Test
    void jsonOutputHasTheDocumentedSchemaAndFullValues() throws Exception {
        Path a = trace("a.steps.jsonl", "r", "v2", "h2", 1);
        Path b = trace("b.steps.jsonl", "r", "x".repeat(500), "hX", 1);
        Result r = run(new GoldenDiffCommand(), a.toString(), b.toString(), "--json");
        JsonNode json = OpsJson.mapper().readTree(r.out());
        assertThat(json.get("schema_version").asInt()).isEqualTo(1);
        assertThat(json.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(json.get("root_cause").asText()).isEqualTo("DETERMINISM_VIOLATION");
        assertThat(json.get("first_diverging_step").asInt()).isEqualTo(2);
        assertThat(json.at("/differences/0/actual").asText()).hasSize(500);
        assertThat(json.at("/differences/0/consequence_of").isNull()).isTrue();
        assertThat(json.at("/differences/1/path").asText()).isEqualTo("/2/data/output_hash");
        assertThat(json.at("/differences/1/consequence_of").asInt()).isEqualTo(2);
    }

    @Test
    void aVolatileLeakIsAWarningExit0AndExit1WithStrict() throws Exception {
        Path a = tmp.resolve("a.json");
        Path b = tmp.resolve("b.json");
        Files.writeString(a, "{\"out\":{\"made\":\"2026-11-28T02:24:03Z\"}}");
        Files.writeString(b, "{\"out\":{\"made\":\"2026-11-28T02:25:03Z\"}}");
        assertThat(run(new GoldenDiffCommand(), a.toString(), b.toString()).code()).isZero();
        assertThat(run(new GoldenDiffCommand(), a.toString(), b.toString(), "--strict").code()).isEqualTo(1);
    }

    @Test
    void anUnreadableFileExits2() throws Exception {
        Path a = tmp.resolve("a.json");
        Files.writeString(a, "{\"a\":");
        assertThat(AosOps.run("golden", "diff", a.toString(), a.toString())).isEqualTo(2);
        assertThat(AosOps.run("golden", "diff", tmp.resolve("missing.json").toString(), a.toString())).isEqualTo(2);
    }

    @Test
    void outputWritesTheReportToAFile() throws Exception {
        Path a = trace("a.steps.jsonl", "r", "v2", "h2", 1);
        Path out = tmp.resolve("report.json");
        Result r = run(new GoldenDiffCommand(), a.toString(), a.toString(), "--output", out.toString());
        assertThat(r.out()).contains("Output written to");
        assertThat(OpsJson.mapper().readTree(out.toFile()).get("severity").asText()).isEqualTo("MATCH");
    }

    private Path shadowRun(String name, int cycles) throws Exception {
        Path root = tmp.resolve(name);
        Files.createDirectories(root.resolve("reports"));
        Files.createDirectories(root.resolve("golden"));
        for (int i = 1; i <= cycles; i++) {
            Files.writeString(root.resolve("reports/cycle_" + i + ".json"), "{\"timestamp\":\"t\",\"primary\":{\"total\":3,"
                    + "\"successful\":3,\"failed\":0},\"shadow\":{\"total_replays\":3,\"matches\":3,\"mismatches\":0},"
                    + "\"mismatch_details\":[],\"passed\":true}");
        }
        return root;
    }

    @Test
    void anOutputFileThatCannotBeWrittenIsOneLineNamingItWithExit2() throws Exception {
        Path a = trace("a.steps.jsonl", "run-a", "v2", "h2", 1);
        Path out = Files.writeString(tmp.resolve("a-file"), "x").resolve("report.json");
        CliRun diff = CliRun.of("golden", "diff", a.toString(), a.toString(), "--output", out.toString());
        assertThat(diff.code()).isEqualTo(2);
        assertThat(diff.err()).startsWith("aos-ops: " + out + ": cannot write the report").doesNotContain("\tat ");
        CliRun summary = CliRun.of("golden", "summary", "--summary-dir", tmp.toString(), "--output", out.toString());
        assertThat(summary.code()).isEqualTo(2);
        assertThat(summary.err()).startsWith("aos-ops: " + out + ": cannot write the report");
    }

    @Test
    void summaryOfACleanRunPassesAndSeveralDirsMerge() throws Exception {
        Path a = shadowRun("a", 2);
        Path b = shadowRun("b", 3);
        Result r = run(new GoldenSummaryCommand(), "--summary-dir", a.toString(), "--summary-dir", b.toString(),
                "--json");
        assertThat(r.code()).isZero();
        JsonNode json = OpsJson.mapper().readTree(r.out());
        assertThat(json.get("cycles").asInt()).isEqualTo(5);
        assertThat(json.get("verdict").asText()).isEqualTo("PASS");
    }

    @Test
    void summaryOfTheGoldenSubdirectoryFailsExit1() throws Exception {
        Path a = shadowRun("a", 2);
        Result r = run(new GoldenSummaryCommand(), "--summary-dir", a.resolve("golden").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("FAIL").contains("no reports/ directory");
    }

    private static String cycleReport(String mismatches, String matches, boolean passed, boolean detail) {
        return "{\"timestamp\":\"t\",\"primary\":{\"total\":3,\"successful\":3,\"failed\":0},\"shadow\":"
                + "{\"total_replays\":3,\"matches\":" + matches + ",\"mismatches\":" + mismatches + "},"
                + "\"mismatch_details\":[" + (detail ? "{\"original_run_id\":\"p\",\"replay_run_id\":\"shadow-1\","
                + "\"original_hash\":\"aa\",\"replay_hash\":\"bb\",\"match\":false,\"diff_details\":\"x\"}" : "")
                + "],\"passed\":" + passed + "}";
    }

    @Test
    void summaryFailsExit1WhenANegativeCountWouldCancelAMismatch() throws Exception {
        Path a = shadowRun("a", 2);
        Files.writeString(a.resolve("reports/cycle_1.json"), cycleReport("1", "2", false, true));
        Files.writeString(a.resolve("reports/cycle_2.json"), cycleReport("-1", "4", true, false));
        CliRun r = CliRun.of("golden", "summary", a.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("FAIL: 1 mismatch in 3 replays over 1 cycle")
                .contains("cycle_2.json").contains("'shadow.mismatches' must be a whole number");
    }

    @Test
    void summaryFailsExit1OnPassedFalseWithZeroMismatchesAndOnAnOddReportName() throws Exception {
        Path a = shadowRun("a", 2);
        Files.writeString(a.resolve("reports/cycle_2.json"), cycleReport("0", "3", false, false));
        CliRun r = CliRun.of("golden", "summary", a.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("FAIL: 1 cycle failed by its report").contains("passed: false");

        Path b = shadowRun("b", 1);
        Files.writeString(b.resolve("reports/cycle_-1.json"), cycleReport("1", "2", false, true));
        CliRun odd = CliRun.of("golden", "summary", b.toString(), "--json");
        assertThat(odd.code()).isEqualTo(1);
        JsonNode json = OpsJson.mapper().readTree(odd.out());
        assertThat(json.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(json.get("problems").get(0).asText()).contains("cycle_-1.json")
                .contains("cycle report name not understood");
    }

    @Test
    void summaryCountsTheSameDirectoryGivenTwiceOnceAndSaysSo() throws Exception {
        Path a = shadowRun("run1", 2);
        CliRun twice = CliRun.of("golden", "summary", a.toString(), a + "/./", "--summary-dir", a.toString());
        assertThat(twice.code()).isZero();
        assertThat(twice.out()).startsWith("PASS: all 6 replays matched their golden files over 2 cycles")
                .contains("ignored: " + a + "/. is the same directory as " + a + ", read once");
        CliRun json = CliRun.of("golden", "summary", a.toString(), a.toString(), "--json");
        JsonNode tree = OpsJson.mapper().readTree(json.out());
        assertThat(tree.get("cycles").asInt()).isEqualTo(2);
        assertThat(tree.get("directories")).hasSize(1);
        assertThat(tree.get("ignored_directories")).hasSize(1);
    }

    @Test
    void summaryAcceptsAGlobExpandedAfterOneFlag() throws Exception {
        Path a = shadowRun("a", 1);
        Path b = shadowRun("b", 1);
        Result r = run(new GoldenSummaryCommand(), "--summary-dir", a.toString(), b.toString(), "--json");
        assertThat(OpsJson.mapper().readTree(r.out()).get("directories")).hasSize(2);
    }
}
