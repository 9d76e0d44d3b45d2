package io.aos.ops.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.cli.CliRun;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.FaultInjection;
import io.aos.ops.golden.shadow.ShadowRunListener;
import io.aos.ops.golden.shadow.ShadowRunOptions;
import io.aos.ops.golden.shadow.ShadowRunner;
import io.aos.ops.golden.shadow.StopCheck;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code aos-ops debug} through the real command line (exit-code mapping included), on runs of the real runner. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DebugCommandTest {

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    static Path faulty;
    static Path clean;
    static String flawedRunId;
    static String cleanRunId;

    @BeforeAll
    static void runs() throws Exception {
        faulty = run(shared.resolve("faulty"), 42, "volatile-leak:0.5");
        clean = run(shared.resolve("clean"), 7);
        for (Path report : ShadowRunLayout.of(faulty).cycleReports()) {
            for (JsonNode d : OpsJson.readTree(report).path("mismatch_details")) {
                if (flawedRunId == null && "VOLATILE_LEAK".equals(d.path("root_cause").asText())) {
                    flawedRunId = d.path("original_run_id").asText();
                }
            }
        }
        try (Stream<Path> files = Files.list(ShadowRunLayout.of(clean).goldenDir())) {
            String name = files.findFirst().orElseThrow().getFileName().toString();
            cleanRunId = name.substring(0, name.length() - ".golden.json".length());
        }
    }

    private static Path run(Path dir, long seed, String... injections) {
        ShadowRunOptions.Builder options = ShadowRunOptions.builder(dir).cycles(2L).cycleInterval(Duration.ZERO)
                .workflowsPerCycle(6).seed(seed).verbose(true);
        for (String injection : injections) {
            options.inject(FaultInjection.parse(injection));
        }
        new ShadowRunner(options.build(), WorkflowRegistry.builtins(), StopCheck.NEVER, Clock.systemUTC(),
                ShadowRunListener.NONE).run();
        return dir;
    }

    private CliRun debug(String... args) {
        List<String> all = new ArrayList<>(List.of("debug"));
        all.addAll(List.of(args));
        all.addAll(List.of("--state-dir", tmp.resolve("state").toString()));
        return CliRun.capturingSystemStreams(all.toArray(String[]::new));
    }

    private static TreeMap<String, String> listing(Path dir) throws Exception {
        TreeMap<String, String> listing = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                listing.put(p.getFileName().toString(), a.size() + "@" + a.lastModifiedTime().toMillis());
            }
        }
        return listing;
    }

    @Test
    void fullJsonIsOneDocumentWithTheSixSections() throws Exception {
        CliRun r = debug("full", "--json", "--run-dir", faulty.toString());
        JsonNode doc = OpsJson.mapper().readTree(r.out());
        List<String> keys = new ArrayList<>();
        doc.path("sections").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("process", "cycles", "mismatches", "golden", "resources", "log");
        assertThat(r.code()).as("mismatches were found").isEqualTo(1);
    }

    @Test
    void mismatchesExits1WhenTheRunHasMismatchesAnd0WhenItHasNone() {
        CliRun bad = debug("mismatches", "--run-dir", faulty.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out()).contains("MISMATCHES:", "root cause:  VOLATILE_LEAK");
        CliRun ok = debug("mismatches", "--run-dir", clean.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("No mismatches");
    }

    @Test
    void anEmptyRunIsNotAPassInFullMismatchesCyclesOrGolden() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("shadow_simulation_empty"));
        CliRun full = debug("full", "--run-dir", empty.toString());
        assertThat(full.code()).as(full.out()).isEqualTo(2);
        assertThat(full.out()).doesNotContain("No mismatches").contains("No cycle report read", "Verdict: INCOMPLETE");
        for (String sub : List.of("mismatches", "cycles", "golden")) {
            CliRun r = debug(sub, "--run-dir", empty.toString());
            assertThat(r.code()).as(sub + ": " + r.out()).isEqualTo(2);
        }
        CliRun json = debug("full", "--json", "--run-dir", empty.toString());
        assertThat(OpsJson.mapper().readTree(json.out()).path("verdict").asText()).isEqualTo("INCOMPLETE");
    }

    @Test
    void aCleanRunPassesFullAndCycles() {
        assertThat(debug("full", "--run-dir", clean.toString()).code()).isZero();
        assertThat(debug("cycles", "--run-dir", clean.toString()).code()).isZero();
        assertThat(debug("golden", "--run-dir", clean.toString()).code()).isZero();
    }

    @Test
    void goldenWithASymlinkLoopNamesItAndExits2() throws Exception {
        Path run = tmp.resolve("shadow_simulation_loop");
        Path golden = Files.createDirectories(ShadowRunLayout.of(run).goldenDir());
        try (Stream<Path> files = Files.list(ShadowRunLayout.of(clean).goldenDir())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, golden.resolve(f.getFileName()));
            }
        }
        Files.createSymbolicLink(golden.resolve("a.golden.json"), golden.resolve("b.golden.json"));
        Files.createSymbolicLink(golden.resolve("b.golden.json"), golden.resolve("a.golden.json"));

        CliRun r = debug("golden", "--run-dir", run.toString());

        assertThat(r.code()).as(r.out()).isEqualTo(2);
        assertThat(r.out()).contains("NOT CHECKED: 2", "a.golden.json: symbolic link loop");
    }

    @Test
    void tailShowsTwentyLinesByDefaultAndNWhenGiven() throws Exception {
        int lines = Files.readAllLines(ShadowRunLayout.of(faulty).logFile()).size();
        CliRun r = debug("tail", "--run-dir", faulty.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().count()).isEqualTo(1 + Math.min(20, lines));
        CliRun three = debug("tail", "3", "--run-dir", faulty.toString());
        assertThat(three.out().lines().count()).isEqualTo(1 + 3);
    }

    @Test
    void replayOfAMatchingRunExits0AndOfAFlawedOneExits1WithTheRootCause() throws Exception {
        Path golden = ShadowRunLayout.of(faulty).goldenDir();
        TreeMap<String, String> before = listing(golden);
        CliRun ok = debug("replay", cleanRunId, "--run-dir", clean.toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).startsWith("MATCH: " + cleanRunId);
        CliRun bad = debug("replay", flawedRunId, "--run-dir", faulty.toString(), "--output",
                tmp.resolve("replay.jsonl").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out()).startsWith("MISMATCH: " + flawedRunId).contains("Root cause:      VOLATILE_LEAK");
        assertThat(tmp.resolve("replay.jsonl")).isNotEmptyFile();
        assertThat(listing(golden)).isEqualTo(before);
    }

    @Test
    void replayOfAnUnknownIdExits2AndNamesTheClosestIds() {
        CliRun r = debug("replay", flawedRunId + "x", "--run-dir", faulty.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("has no recorded run", "closest: " + flawedRunId);
    }

    @Test
    void replayOfAPathExits2WithoutReadingTheFile() throws Exception {
        Path secret = Files.writeString(tmp.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        for (String id : List.of("../".repeat(12) + secret.toString().substring(1), secret.toString())) {
            CliRun r = debug("replay", id, "--run-dir", clean.toString());
            assertThat(r.code()).as(id).isEqualTo(2);
            assertThat(r.err()).contains("is not a run id")
                    .doesNotContain("root:x", "invalid JSON", "Unrecognized token");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void replayJsonGivesTheVerdictAndRootCause() throws Exception {
        CliRun r = debug("replay", flawedRunId, "--json", "--run-dir", faulty.toString());
        JsonNode doc = OpsJson.mapper().readTree(r.out());
        assertThat(doc.path("verdict").asText()).isEqualTo("MISMATCH");
        assertThat(doc.path("root_cause").asText()).isEqualTo("VOLATILE_LEAK");
    }

    @Test
    void debugAloneShowsItsHelpWithEverySubcommand() {
        CliRun r = debug();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Commands:", "full", "tail", "cycles", "mismatches", "golden", "process",
                "replay");
    }

    @ParameterizedTest(name = "aos-ops debug {0} --help")
    @ValueSource(strings = {"full", "tail", "cycles", "mismatches", "golden", "process", "replay"})
    void everySubcommandsHelpRendersWithoutWarningsWithin90Columns(String sub) {
        CliRun r = debug(sub, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: aos-ops debug " + sub);
        assertThat(r.out() + r.err()).doesNotContain("picocli WARN");
        assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(90));
    }
}
