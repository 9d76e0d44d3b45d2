package io.aos.ops.golden.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.state.CycleReportReader;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary's verdict on reports that lie, contradict themselves or hide: named cases for each way a false PASS was
 * found, and a property test of random runs against a model of the rules written here, apart from the code.
 */
class GoldenSummaryVerdictTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T04:00:00Z"), ZoneOffset.UTC);

    private static final String DETAIL = "{\"original_run_id\": \"primary-w1-280cfdcd\", \"replay_run_id\": "
            + "\"shadow-1\", \"original_hash\": \"aa\", \"replay_hash\": \"bb\", \"match\": false, "
            + "\"diff_details\": \"Mismatch at step 2: original=x, replay=y\"}";

    @TempDir
    Path tmp;

    /** A report with the given JSON texts for its counts, {@code passed} and details (null leaves a field out). */
    private static String report(String replays, String matches, String mismatches, String passed, int details) {
        List<String> shadow = new ArrayList<>();
        if (replays != null) {
            shadow.add("\"total_replays\": " + replays);
        }
        if (matches != null) {
            shadow.add("\"matches\": " + matches);
        }
        if (mismatches != null) {
            shadow.add("\"mismatches\": " + mismatches);
        }
        List<String> d = new ArrayList<>();
        for (int i = 0; i < details; i++) {
            d.add(DETAIL);
        }
        return "{\n  \"timestamp\": \"2026-11-28T02:24:03.915613+00:00\",\n"
                + "  \"primary\": {\"total\": 3, \"successful\": 3, \"failed\": 0},\n"
                + "  \"shadow\": {" + String.join(", ", shadow) + "},\n"
                + "  \"mismatch_details\": [" + String.join(", ", d) + "]"
                + (passed == null ? "" : ",\n  \"passed\": " + passed) + "\n}";
    }

    private static String clean() {
        return report("3", "3", "0", "true", 0);
    }

    private Path run(String name, String... reports) throws IOException {
        Path root = tmp.resolve(name);
        Files.createDirectories(root.resolve("reports"));
        for (int i = 0; i < reports.length; i++) {
            Files.writeString(root.resolve("reports/cycle_" + (i + 1) + ".json"), reports[i]);
        }
        return root;
    }

    private static ShadowSummary summarize(Path... dirs) {
        return GoldenSummary.withClock(CLOCK).summarize(List.of(dirs));
    }

    private static String text(ShadowSummary s) {
        return SummaryReport.text(s, false);
    }

    // F2: a count that would cancel or wrap a total

    @Test
    void aNegativeMismatchCountDoesNotCancelAnotherCyclesMismatch() throws IOException {
        Path root = run("r", report("3", "2", "1", "false", 1), report("3", "4", "-1", "true", 0));
        ShadowSummary s = summarize(root);
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.totalMismatches()).isEqualTo(1);
        assertThat(s.problems()).singleElement().asString().contains("cycle_2.json").contains("'shadow.mismatches'")
                .contains("found -1");
        assertThat(text(s)).startsWith("FAIL: 1 mismatch in 3 replays over 1 cycle\n")
                .contains("problem: cycle report " + root.resolve("reports/cycle_2.json"));
    }

    @Test
    void countsThatWouldWrapTheTotalAreAProblemNotANegativeSum() throws IOException {
        Path root = run("r", report("3", "3", "9223372036854775807", "true", 0), report("3", "2", "1", "false", 1));
        ShadowSummary s = summarize(root);
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.totalMismatches()).isEqualTo(1);
        assertThat(s.problems()).singleElement().asString().contains("cycle_1.json").contains("'shadow.mismatches'");
        assertThat(text(s)).startsWith("FAIL: 1 mismatch in 3 replays");
    }

    // F3: a count that is not a whole number, and a report without its shadow counts

    @Test
    void aFractionalOrNullMismatchCountIsAProblemNotZero() throws IOException {
        for (String value : List.of("0.5", "null", "\"1\"", "true", "NaN", "1e0")) {
            Path root = run("r-" + Math.abs(value.hashCode()), clean(), report("3", "3", value, "true", 0));
            ShadowSummary s = summarize(root);
            assertThat(s.verdict()).as(value).isEqualTo(ShadowSummary.Verdict.FAIL);
            assertThat(s.problems()).as(value).singleElement().asString().contains("cycle_2.json");
            assertThat(text(s)).as(value).startsWith("FAIL: 1 problem (see below) over 1 cycle\n");
        }
    }

    @Test
    void aReportWithoutAShadowObjectIsAProblem() throws IOException {
        Path root = run("r", clean(), "{\"primary\": {\"total\": 3}, \"mismatch_details\": [], \"passed\": true}");
        ShadowSummary s = summarize(root);
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.problems()).singleElement().asString().contains("cycle_2.json").contains("no shadow object");
    }

    // F4: reports that contradict themselves

    @Test
    void passedFalseWithZeroMismatchesIsAFailingCycle() throws IOException {
        ShadowSummary s = summarize(run("r", clean(), report("3", "3", "0", "false", 0)));
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.cyclesWithMismatches()).isEqualTo(1);
        assertThat(text(s)).startsWith("FAIL: 1 cycle failed by its report (passed: false or a mismatch detail) "
                + "though 0 of 6 replays are counted as mismatches over 2 cycles\n")
                .contains("cycle_2  workflows 3, replays 3, mismatches 0, but its report says passed: false\n");
    }

    @Test
    void aMismatchDetailWithZeroMismatchesIsAFailingCycle() throws IOException {
        ShadowSummary s = summarize(run("r", report("3", "3", "0", "true", 1), clean()));
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.cyclesWithMismatches()).isEqualTo(1);
        assertThat(s.mismatchDetails()).hasSize(1);
        assertThat(text(s)).contains("cycle_1  workflows 3, replays 3, mismatches 0, but its report lists 1 mismatch "
                + "detail\n");
    }

    @Test
    void matchesAndMismatchesThatDoNotAddUpToTheReplaysAreAProblemNamingTheFile() throws IOException {
        Path root = run("r", clean(), report("6", "3", "0", "true", 0));
        ShadowSummary s = summarize(root);
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.problems()).singleElement().asString().contains(root.resolve("reports/cycle_2.json").toString())
                .contains("shadow.matches 3 + shadow.mismatches 0 is not shadow.total_replays 6");
    }

    // F5: names that were skipped in silence

    @Test
    void everyCycleReportNameNotUnderstoodIsAProblemNeverSkipped() throws IOException {
        Path root = run("r", clean(), clean());
        List<String> odd = List.of("cycle_99999999999999999999.json", "cycle_-1.json", "cycle_ 2.json",
                "cycle_+3.json", "cycle_\u0663.json");
        for (String name : odd) {
            Files.writeString(root.resolve("reports").resolve(name), report("3", "2", "1", "false", 1));
        }
        ShadowSummary s = summarize(root);
        assertThat(s.verdict()).isEqualTo(ShadowSummary.Verdict.FAIL);
        assertThat(s.cycles()).isEqualTo(2);
        assertThat(s.problems()).hasSize(odd.size()).allSatisfy(p -> assertThat(p)
                .contains("cycle report name not understood"));
        for (String name : odd) {
            assertThat(s.problems()).anySatisfy(p -> assertThat(p).contains(name));
        }
        assertThat(text(s)).startsWith("FAIL: 5 problems (see below) over 2 cycles\n");
    }

    // F6: the same directory twice

    @Test
    void theSameDirectoryGivenTwiceIsReadOnceAndTheOutputSaysSo() throws IOException {
        Path root = run("run1", report("3", "2", "1", "false", 1), clean());
        Path dotted = Path.of(root + "/./");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), root);
        ShadowSummary s = summarize(root, root, dotted, link);
        assertThat(s.directories()).extracting(ShadowSummary.Directory::path).containsExactly(root);
        assertThat(s.cycles()).isEqualTo(2);
        assertThat(s.totalMismatches()).isEqualTo(1);
        assertThat(s.ignoredDirectories()).extracting(ShadowSummary.IgnoredDirectory::path)
                .containsExactly(root, dotted, link);
        assertThat(text(s)).contains("  ignored: " + link + " is the same directory as " + root + ", read once\n");
        JsonNode json = SummaryReport.json(s);
        assertThat(json.at("/ignored_directories/2/directory").asText()).isEqualTo(link.toString());
        assertThat(json.at("/ignored_directories/2/same_as").asText()).isEqualTo(root.toString());
        assertThat(SummaryReport.jsonText(s)).isEqualTo(OpsJson.pretty().writeValueAsString(json));
    }

    @Test
    void aMissingDirectoryGivenTwiceIsOneProblem() {
        Path nope = tmp.resolve("nope");
        ShadowSummary s = summarize(nope, Path.of(nope + "/"));
        assertThat(s.problems()).singleElement().asString().contains("does not exist");
        assertThat(s.ignoredDirectories()).hasSize(1);
    }

    // grammar

    @Test
    void oneOfSomethingIsSingular() throws IOException {
        String t = text(summarize(run("r", report("1", "0", "1", "false", 1))));
        assertThat(t).startsWith("FAIL: 1 mismatch in 1 replay over 1 cycle\n")
                .contains("(1 cycle, no golden/ directory)").contains("Mismatches:      1 (in 1 cycle)")
                .doesNotContain("1 cycles").doesNotContain("1 mismatches").doesNotContain("1 replays");
        assertThat(text(summarize(run("p", clean())))).startsWith("PASS: all 3 replays matched their golden files "
                + "over 1 cycle\n").contains("\n1 cycle passed (--json lists every cycle)\n");
    }

    // The property: random runs against a model of the rules

    /** A count as the test writes it: its JSON text, and what the model makes of it (null: not a valid count). */
    private record Count(String json, Long value) {
    }

    private static Count count(Random r) {
        return switch (r.nextInt(30)) {
            case 0 -> new Count("-" + (1 + r.nextInt(5)), null);
            case 1 -> new Count(r.nextInt(4) + ".5", null);
            case 2 -> new Count("null", null);
            case 3 -> new Count("9223372036854775807", null);
            case 4 -> new Count(Long.toString(CycleReportReader.MAX_COUNT + 1), null);
            case 5 -> new Count("99999999999999999999", null);
            case 6 -> new Count("\"1\"", null);
            case 7 -> new Count("2.0", null);
            case 8 -> new Count(Long.toString(CycleReportReader.MAX_COUNT), CycleReportReader.MAX_COUNT);
            default -> {
                long n = r.nextInt(4);
                yield new Count(Long.toString(n), n);
            }
        };
    }

    /** What the model expects of a summary. */
    private record Expected(boolean pass, long cycles, long mismatches, long failingCycles, int problems) {
    }

    private static final Pattern PLAIN = Pattern.compile("cycle_([0-9]+)\\.json");
    private static final Pattern GLOB = Pattern.compile("cycle_.*\\.json", Pattern.DOTALL);

    @Test
    void randomRunsGetTheVerdictOfAnIndependentModel() throws IOException {
        Random r = new Random(20261203L);
        String[] oddNames = {"cycle_-1.json", "cycle_ 2.json", "cycle_+3.json", "cycle_\u0663.json",
            "cycle_99999999999999999999.json", "cycle_.json", "cycle_1e3.json", "cycle_9223372036854775808.json"};
        int passes = 0;
        for (int round = 0; round < 300; round++) {
            int dirCount = 1 + r.nextInt(3);
            List<Path> given = new ArrayList<>();
            Set<Path> seen = new HashSet<>();
            long cycles = 0;
            long mismatches = 0;
            long failing = 0;
            int problems = 0;
            for (int d = 0; d < dirCount; d++) {
                Path root = tmp.resolve("round" + round + "-" + d);
                Files.createDirectories(root.resolve("reports"));
                int files = r.nextInt(5);
                long dirCycles = 0;
                int dirProblems = 0;
                Set<String> names = new HashSet<>();
                for (int f = 0; f < files; f++) {
                    String name = r.nextInt(12) == 0 ? oddNames[r.nextInt(oddNames.length)]
                            : r.nextInt(10) == 0 ? "cycle_0" + (1 + r.nextInt(20)) + ".json"
                            : r.nextInt(15) == 0 ? "summary_" + f + ".json"
                            : "cycle_" + (1 + r.nextInt(20)) + ".json";
                    if (!names.add(name)) {
                        continue;
                    }
                    boolean withShadow;
                    Count replays;
                    Count matches;
                    Count mism;
                    String passed;
                    int details;
                    if (r.nextInt(5) > 0) { // what a runner writes: consistent, sometimes with a mismatch
                        long n = 1 + r.nextInt(4);
                        long k = r.nextInt(6) == 0 ? 1 : 0;
                        withShadow = true;
                        replays = new Count(Long.toString(n), n);
                        matches = new Count(Long.toString(n - k), n - k);
                        mism = new Count(Long.toString(k), k);
                        passed = Boolean.toString(k == 0);
                        details = (int) k;
                    } else { // anything
                        withShadow = r.nextInt(8) > 0;
                        replays = count(r);
                        matches = count(r);
                        // (now and then left out: read as 0 it would hide a mismatch, so it is a named problem)
                        mism = r.nextInt(10) == 0 ? new Count(null, 0L) : count(r);
                        passed = switch (r.nextInt(8)) {
                            case 0 -> null;
                            case 1, 2 -> "false";
                            default -> "true";
                        };
                        details = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0;
                    }
                    String json = withShadow ? report(replays.json(), matches.json(), mism.json(), passed, details)
                            : report(null, null, null, passed, details).replace("  \"shadow\": {},\n", "");
                    Files.writeString(root.resolve("reports").resolve(name), json);
                    // the model
                    if (!GLOB.matcher(name).matches()) {
                        continue; // not a cycle report at all
                    }
                    var m = PLAIN.matcher(name);
                    if (!m.matches() || new BigInteger(m.group(1)).compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
                        dirProblems++; // a name not understood
                        continue;
                    }
                    if (withShadow && (replays.value() == null || matches.value() == null || mism.value() == null)) {
                        dirProblems++; // a bad count: the report is unreadable
                        continue;
                    }
                    dirCycles++;
                    long mv = withShadow ? mism.value() : 0;
                    if (!withShadow || matches.value() + mism.value() != replays.value()) {
                        dirProblems++;
                    }
                    if (withShadow && mism.json() == null) {
                        dirProblems++; // no shadow.mismatches
                    }
                    if (passed == null) {
                        dirProblems++; // no passed field
                    }
                    mismatches += mv;
                    if (mv > 0 || !"true".equals(passed) || details > 0) {
                        failing++;
                    }
                }
                if (dirCycles == 0 && dirProblems == 0) {
                    dirProblems++; // zero cycles
                }
                cycles += dirCycles;
                problems += dirProblems;
                given.add(root);
                seen.add(root);
                if (r.nextInt(4) == 0) {
                    given.add(r.nextBoolean() ? root : Path.of(root + "/./")); // counted once
                }
            }
            Expected expected = new Expected(mismatches == 0 && failing == 0 && problems == 0 && cycles > 0, cycles,
                    mismatches, failing, problems);
            ShadowSummary s = GoldenSummary.withClock(CLOCK).summarize(given);
            Expected actual = new Expected(s.passed(), s.cycles(), s.totalMismatches(), s.cyclesWithMismatches(),
                    s.problems().size());
            assertThat(actual).as("round %s: %s", round, s.problems()).isEqualTo(expected);
            assertThat(s.directories()).hasSize(seen.size());
            String t = text(s);
            assertThat(t).startsWith(expected.pass() ? "PASS: all " : "FAIL: ");
            if (!expected.pass()) {
                assertThat(t.lines().findFirst().orElseThrow()).doesNotContain("matched their golden files");
            }
            passes += expected.pass() ? 1 : 0;
        }
        assertThat(passes).as("the generator also makes clean runs").isGreaterThan(5);
    }
}
