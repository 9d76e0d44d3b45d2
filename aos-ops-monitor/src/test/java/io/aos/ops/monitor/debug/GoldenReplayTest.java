package io.aos.ops.monitor.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.aos.ops.core.AosOpsException;
import io.aos.ops.core.BadConfigurationException;
import io.aos.ops.core.BadInputException;
import io.aos.ops.core.json.OpsJson;
import io.aos.ops.golden.shadow.spi.WorkflowRegistry;
import io.aos.ops.golden.shadow.state.ShadowRunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class GoldenReplayTest {

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    static Path faultyRun;
    static Path cleanRun;
    /** A run whose primary run leaked a timestamp into its golden file, as the faulty run's reports name it. */
    static String flawedRunId;

    private final GoldenReplay replay = GoldenReplay.create(WorkflowRegistry.builtins(), Clock.systemUTC());

    @BeforeAll
    static void runTheRunner() throws Exception {
        faultyRun = shared.resolve("faulty");
        RunFixtures.run(faultyRun, 2, 42, "volatile-leak:0.5");
        cleanRun = shared.resolve("clean");
        RunFixtures.run(cleanRun, 1, 7);
        for (Path report : ShadowRunLayout.of(faultyRun).cycleReports()) {
            for (JsonNode d : OpsJson.readTree(report).path("mismatch_details")) {
                if (flawedRunId == null && d.path("root_cause").asText().equals("VOLATILE_LEAK")) {
                    flawedRunId = d.path("original_run_id").asText();
                }
            }
        }
        assertThat(flawedRunId).as("the injected leak must produce a mismatch").isNotNull();
    }

    private static String anyRunId(Path run) throws Exception {
        try (var files = Files.list(ShadowRunLayout.of(run).goldenDir())) {
            String name = files.findFirst().orElseThrow().getFileName().toString();
            return name.substring(0, name.length() - ".golden.json".length());
        }
    }

    @Test
    void aRecordedCleanRunReplaysToAMatchAndExits0() throws Exception {
        String id = anyRunId(cleanRun);
        ReplayResult result = replay.replay(Optional.of(cleanRun), id, Optional.empty());
        assertThat(result.runId()).isEqualTo(id);
        assertThat(result.matches()).isTrue();
        assertThat(result.matches()).isTrue();
        assertThat(result.replayHash()).isEqualTo(result.originalHash());
        assertThat(result.render()).startsWith("MATCH: " + id);
    }

    @Test
    void aRunRecordedWithALeakReplaysToAMismatchWithItsRootCauseAndExits1() {
        ReplayResult result = replay.replay(Optional.of(faultyRun), flawedRunId, Optional.empty());
        assertThat(result.matches()).isFalse();
        assertThat(result.matches()).isFalse();
        assertThat(result.rootCause()).isEqualTo("VOLATILE_LEAK");
        assertThat(result.firstDivergingStep()).isNotNull();
        assertThat(result.comparedWith()).startsWith("trace ");
        assertThat(result.render()).startsWith("MISMATCH: " + flawedRunId).contains("Root cause:      VOLATILE_LEAK");
    }

    @Test
    void replayWritesNothingIntoTheGoldenDirectory() throws Exception {
        Path golden = ShadowRunLayout.of(faultyRun).goldenDir();
        TreeMap<String, String> before = RunFixtures.listing(golden);
        replay.replay(Optional.of(faultyRun), flawedRunId, Optional.empty());
        replay.replay(Optional.of(faultyRun), anyRunId(faultyRun), Optional.of(tmp.resolve("replay.steps.jsonl")));
        assertThat(RunFixtures.listing(golden)).isEqualTo(before);
        assertThat(tmp.resolve("replay.steps.jsonl")).isNotEmptyFile();
    }

    @Test
    void theReplayGoesToOutputWhenGiven() {
        Path out = tmp.resolve("r.steps.jsonl");
        ReplayResult result = replay.replay(Optional.of(faultyRun), flawedRunId, Optional.of(out));
        assertThat(result.replayOutput()).isEqualTo(out);
        assertThat(out).content().contains("\"event_type\":\"run_start\"");
    }

    @Test
    void anOutputInsideTheGoldenDirectoryIsRefused() {
        Path inside = ShadowRunLayout.of(faultyRun).goldenDir().resolve("x.json");
        assertThatThrownBy(() -> replay.replay(Optional.of(faultyRun), flawedRunId, Optional.of(inside)))
                .isInstanceOf(AosOpsException.class).hasMessageContaining("never writes there");
        assertThat(inside).doesNotExist();
    }

    @Test
    void anUnknownIdIsExit2AndListsTheClosestRecordedIds() {
        String typo = flawedRunId.substring(0, flawedRunId.length() - 1)
                + (flawedRunId.endsWith("0") ? "1" : "0");
        assertThatThrownBy(() -> replay.replay(Optional.of(faultyRun), typo, Optional.empty()))
                .isInstanceOfSatisfying(AosOpsException.class, e -> {
                    // a usage error or unreadable input, which the CLI maps to exit 2
                    assertThat(e).isInstanceOfAny(BadConfigurationException.class, BadInputException.class);
                    assertThat(e.getMessage()).contains("has no recorded run '" + typo + "'",
                            "closest: " + flawedRunId);
                });
    }

    @Test
    void aPathGivenAsTheIdIsRefusedAndNothingOutsideTheRunIsRead() throws Exception {
        Path outside = Files.writeString(tmp.resolve("secret.golden.json"), "root:x:0:0:root:/root:/bin/sh\n");
        Path golden = ShadowRunLayout.of(cleanRun).goldenDir().resolve(anyRunId(cleanRun) + ".golden.json");
        String climbing = "../".repeat(12) + outside.toString().substring(1);
        for (String id : new String[] {climbing, outside.toString(), golden.toString(), "../golden/x", "..", ".",
                "a\\b", "id\u001b]0;title\u0007"}) {
            assertThatThrownBy(() -> replay.replay(Optional.of(cleanRun), id, Optional.empty()))
                    .as(id)
                    .isInstanceOfSatisfying(BadConfigurationException.class, e -> {
                        assertThat(e.getMessage()).contains("is not a run id", "not a path")
                                .doesNotContain("root:x", "\u001b");
                    });
        }
    }

    @Test
    void aGoldenFileThatIsALinkLeadingOutOfTheRunIsRefused() throws Exception {
        Path run = tmp.resolve("linked");
        Path goldenDir = Files.createDirectories(ShadowRunLayout.of(run).goldenDir());
        Path elsewhere = Files.writeString(tmp.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.createSymbolicLink(goldenDir.resolve("innocent.golden.json"), elsewhere);
        assertThatThrownBy(() -> replay.replay(Optional.of(run), "innocent", Optional.empty()))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.getMessage())
                        .contains("innocent.golden.json", "leads out of the golden directory")
                        .doesNotContain("root:x"));
    }

    @Test
    void aTraceThatIsALinkLeadingOutOfTheRunIsRefused() throws Exception {
        Path run = tmp.resolve("trace-linked");
        String id = anyRunId(cleanRun);
        Path golden = ShadowRunLayout.of(cleanRun).goldenDir().resolve(id + ".golden.json");
        Files.createDirectories(ShadowRunLayout.of(run).goldenDir());
        Files.copy(golden, ShadowRunLayout.of(run).goldenDir().resolve(id + ".golden.json"));
        Files.createDirectories(ShadowRunLayout.of(run).tracesDir());
        Path elsewhere = Files.copy(ShadowRunLayout.of(cleanRun).tracesDir().resolve(id + ".steps.jsonl"),
                tmp.resolve("elsewhere.steps.jsonl"));
        Files.createSymbolicLink(ShadowRunLayout.of(run).tracesDir().resolve(id + ".steps.jsonl"), elsewhere);
        assertThatThrownBy(() -> replay.replay(Optional.of(run), id, Optional.empty()))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.getMessage())
                        .contains(id + ".steps.jsonl", "leads out of the run directory"));
    }

    @Test
    void anIdWithTheGoldenSuffixAndALinkInsideTheGoldenDirectoryAreReplayed() throws Exception {
        Path run = tmp.resolve("inside-link");
        String id = anyRunId(cleanRun);
        Path goldenDir = Files.createDirectories(ShadowRunLayout.of(run).goldenDir());
        Path kept = Files.createDirectories(goldenDir.resolve("kept"));
        Files.copy(ShadowRunLayout.of(cleanRun).goldenDir().resolve(id + ".golden.json"),
                kept.resolve(id + ".golden.json"));
        Files.createSymbolicLink(goldenDir.resolve(id + ".golden.json"), kept.resolve(id + ".golden.json"));
        ReplayResult result = replay.replay(Optional.of(run), id + ".golden.json", Optional.empty());
        assertThat(result.runId()).isEqualTo(id);
        assertThat(result.matches()).isTrue();
    }

    @Test
    void anUpstreamGoldenWithoutATraceIsComparedWithTheGoldenFileItself() {
        Path run = RunFixtures.upstreamRun(tmp.resolve("upstream"));
        ReplayResult ok = replay.replay(Optional.of(run), "primary-w1-280cfdcd", Optional.empty());
        assertThat(ok.matches()).isTrue();
        assertThat(ok.replayHash()).isEqualTo("85046808c4908b85a2b0ad5efdc3f9edc5434ca2c0581e1a7cbaadfef8dacbc5");
        assertThat(ok.comparedWith()).startsWith("golden file");

        ReplayResult bad = replay.replay(Optional.of(run), "primary-w2-0badc0de", Optional.empty());
        assertThat(bad.matches()).isFalse();
        assertThat(bad.matches()).isFalse();
    }

    @Test
    void closestIdsPreferTheLongestCommonPrefixThenTheFewestEdits() {
        assertThat(GoldenReplay.editDistance("primary-w1-abc", "primary-w1-abd")).isEqualTo(1);
        assertThat(GoldenReplay.commonPrefix("primary-w1-abc", "primary-w2-abc")).isEqualTo(9);
    }

    @Test
    void withoutOutputTheReplayIsComparedThenDeletedLeavingTheTempDirectoryClean() throws Exception {
        Path tempRoot = Files.createDirectories(tmp.resolve("java.io.tmpdir"));
        GoldenReplay inTemp = replay.withTempDirectory(tempRoot);
        ReplayResult traced = inTemp.replay(Optional.of(faultyRun), flawedRunId, Optional.empty());
        ReplayResult upstream = inTemp.replay(Optional.of(RunFixtures.upstreamRun(tmp.resolve("upstream"))),
                "primary-w1-280cfdcd", Optional.empty());
        assertThat(traced.comparedWith()).startsWith("trace ");
        assertThat(upstream.comparedWith()).startsWith("golden file");
        assertThat(traced.replayOutput()).isNull();
        assertThat(traced.render()).contains("Replay written:  not kept (give --output FILE to keep it)");
        assertThat(traced.toJson()).containsEntry("replay_output", null);
        assertThat(tempRoot).isEmptyDirectory();
    }

    @Test
    void aReplayThatFailsAfterWritingItsTempFileLeavesNothingBehind() throws Exception {
        Path run = tmp.resolve("broken");
        Path golden = ShadowRunLayout.of(cleanRun).goldenDir().resolve(anyRunId(cleanRun) + ".golden.json");
        Files.createDirectories(run.resolve("golden"));
        Files.copy(golden, run.resolve("golden").resolve(golden.getFileName()));
        Files.createDirectories(run.resolve("traces"));
        Files.writeString(run.resolve("traces").resolve(anyRunId(cleanRun) + ".steps.jsonl"), "{not json\n");
        Path tempRoot = Files.createDirectories(tmp.resolve("java.io.tmpdir"));
        assertThatThrownBy(() -> replay.withTempDirectory(tempRoot).replay(Optional.of(run), anyRunId(cleanRun),
                Optional.empty())).isInstanceOf(AosOpsException.class);
        assertThat(tempRoot).isEmptyDirectory();
    }
}
